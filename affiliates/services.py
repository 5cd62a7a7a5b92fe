"""What changes for affiliates: their roles (groups, page permissions, review workflow), and
their campaigns' offers to the global listing and the staff's decisions."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from campaigns.models import CampaignPage, GlobalListingOffer
from core import lookups, sections

from .models import AffiliatePage

# Editors write and submit their section's pages; moderators also publish them. Both on the
# affiliate's page (in every language), so on nothing else.
ROLE_PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page"],
    "moderators": ["add_page", "change_page", "publish_page"],
}


class OfferError(Exception):
    pass


def role_names(name):
    return {role: f"{name} {role}" for role in ROLE_PAGE_PERMISSIONS}


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def ensure_affiliate_roles(*, dry_run=False):
    """For every affiliate (its source page and translations): "<Affiliate> editors" and
    "<Affiliate> moderators" groups, their page permissions on the affiliate's pages, and a
    workflow "<Affiliate> review" on them whose task is the moderators' approval. Idempotent.
    Returns a line per thing created; with ``dry_run`` creates nothing (rolled back)."""
    made = []
    with transaction.atomic():
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        sources = AffiliatePage.objects.filter(locale_id=lookups.source_locale_id())
        for source in sources.order_by("path"):
            name = source.title
            pages = list(AffiliatePage.objects.filter(translation_key=source.translation_key))
            groups = {}
            for role, group_name in role_names(name).items():
                group, created = Group.objects.get_or_create(name=group_name)
                if created:
                    made.append(f"group {group_name}")
                group.permissions.add(access_admin)
                groups[role] = group
                for page in pages:
                    for codename in ROLE_PAGE_PERMISSIONS[role]:
                        _perm, created = GroupPagePermission.objects.get_or_create(
                            group=group, page=page, permission=_page_permission(codename)
                        )
                        if created:
                            made.append(f"{group_name}: {codename} on {page.url_path}")
            made += _ensure_review_workflow(name, pages, groups["moderators"])
        if dry_run:
            transaction.set_rollback(True)
    return made


def _ensure_review_workflow(name, pages, moderators):
    made = []
    workflow, created = Workflow.objects.get_or_create(name=f"{name} review")
    if created:
        made.append(f"workflow {workflow.name}")
    task_name = f"{name} moderators' approval"
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        _link, created = WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
        if created:
            made.append(f"{workflow.name} on {page.url_path}")
    return made


# -- offers to the global campaigns listing --------------------------------------------------


def offer_campaign(*, page, user=None):
    """Offer an affiliate's campaign to the global campaigns listing (once: a campaign already
    offered keeps its offer and any decision). Raises OfferError for a page that is not a
    campaign in an affiliate's section."""
    page = page.specific
    if not isinstance(page, CampaignPage) or sections.section_of(page.url_path) is None:
        raise OfferError("Only a campaign of an affiliate's section can be offered.")
    offer, _created = GlobalListingOffer.objects.get_or_create(
        translation_key=page.translation_key,
        defaults={"title": page.title, "offered_by": user},
    )
    return offer


def offer_when_published(*, page):
    page = page.specific
    if not isinstance(page, CampaignPage) or not page.offer_to_global_listing:
        return None
    if sections.section_of(page.url_path) is None:
        return None
    revision = page.live_revision
    return offer_campaign(page=page, user=getattr(revision, "user", None))


def decide_offer(*, offer, status, user, reason=""):
    """Staff accept or decline an offer (or put it back to offered), with who and when."""
    if status not in GlobalListingOffer.Status.values:
        raise OfferError(f"Unknown status {status!r}.")
    offer.status = status
    offer.reason = reason
    offer.decided_by = user if status != GlobalListingOffer.Status.OFFERED else None
    offer.decided_at = timezone.now() if status != GlobalListingOffer.Status.OFFERED else None
    offer.save()
    # The kept listing and the pages that show it are renewed on save
    # (``caching.invalidation.on_offer_change``).
    return offer
