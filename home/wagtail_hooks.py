"""The admin dashboard's panel for communications staff: start a campaign, a story or an
explainer in the source language, where each lives."""

from django.conf import settings
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from campaigns.models import CampaignIndexPage, CampaignPage
from explainers.models import PolicyExplainerIndexPage, PolicyExplainerPage
from stories.models import StoryIndexPage, StoryPage

# What staff start most, each under its index page in the source language.
STARTS = [
    (CampaignIndexPage, CampaignPage),
    (StoryIndexPage, StoryPage),
    (PolicyExplainerIndexPage, PolicyExplainerPage),
]


def start_links(user):
    """``[(label, url)]`` of the page types ``user`` may add under their source index."""
    links = []
    for index_model, page_model in STARTS:
        index = index_model.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if index is None or not index.permissions_for_user(user).can_add_subpage():
            continue
        meta = page_model._meta
        url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, index.pk])
        links.append((meta.verbose_name, url))
    return links


class StartPanel(Component):
    name = "start_something_new"
    template_name = "home/admin/start_panel.html"
    order = 40

    def __init__(self, links):
        self.links = links

    def get_context_data(self, parent_context):
        return {"links": self.links}


@hooks.register("construct_homepage_panels")
def add_start_panel(request, panels):
    links = start_links(request.user)
    if links:
        panels.append(StartPanel(links))
