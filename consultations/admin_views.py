"""The moderation queue: a consultation's comments, filtered by state and language, each
approved or rejected with one button. Users with "consultations.moderate_comments" (the
Moderators) see and decide every comment; a language's reviewers ("<Language> reviewers"
groups) see and decide the comments written in their language only."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import display, selectors, services
from .models import CommentState, Consultation, ConsultationComment


def require_moderator(request):
    if not services.can_moderate(request.user):
        raise PermissionDenied


class ModerationIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/index.html"
    page_title = _("Consultation comments")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        require_moderator(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "rows": selectors.consultations_for_moderation(
                selectors.moderation_languages(self.request.user)
            ),
        }


class QueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/queue.html"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        require_moderator(request)
        versions = list(
            Consultation.objects.filter(translation_key=kwargs["key"]).select_related("locale")
        )
        if not versions:
            raise Http404
        # The source-language version names the consultation, where there is one.
        versions.sort(key=lambda item: item.locale.language_code != settings.LANGUAGE_CODE)
        self.consultation = versions[0]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Comments on “%(title)s”") % {"title": self.consultation.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "consultations_moderation", "label": _("Consultation comments")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("state", CommentState.PENDING)
        if state not in {*CommentState.values, "all"}:
            state = CommentState.PENDING
        language = self.request.GET.get("language", "")
        if language not in dict(settings.LANGUAGES):
            language = ""
        allowed = selectors.moderation_languages(self.request.user)
        comments = selectors.queue(
            self.consultation.translation_key,
            state="" if state == "all" else state,
            language=language,
            languages=allowed,
        )
        return {
            **super().get_context_data(**kwargs),
            "consultation": self.consultation,
            "comments": [display.labelled(comment) for comment in comments],
            "state": state,
            "language": language,
            "states": [*CommentState.choices, ("all", _("All"))],
            "languages": [
                (code, settings.PORTAL_LANGUAGE_LABELS.get(code, name))
                for code, name in settings.LANGUAGES
                if allowed is None or code in allowed
            ],
            "public_url": selectors.public_url(
                self.consultation, self.consultation.locale.language_code
            ),
        }


@require_POST
def moderate_comment(request, comment_id):
    require_moderator(request)
    comment = get_object_or_404(
        ConsultationComment.objects.select_related("consultation"), pk=comment_id
    )
    if not services.can_moderate(request.user, comment.language):
        raise PermissionDenied  # a reviewer of another language
    state = request.POST.get("state", "")
    if state not in (CommentState.APPROVED, CommentState.REJECTED):
        raise Http404
    services.moderate(comment=comment, state=state, user=request.user)
    if state == CommentState.APPROVED:
        messages.success(request, _("Comment approved: it is shown on the consultation."))
    else:
        messages.success(request, _("Comment rejected: it is not shown."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("consultations_queue", key=comment.consultation.translation_key)
