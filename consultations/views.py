"""The public consultation page: the proposal beside the current text, the published comments
under their sections, and the comment form while it is open."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import freshness, lookups
from core.routing import serve_source_instead
from safeguards import ratelimit

from . import display, selectors, services
from .forms import CommentForm

TOO_MANY = gettext_lazy(
    "Too many attempts from your connection. Please wait a while and try again."
)


@require_http_methods(["GET", "HEAD", "POST"])
def consultation_detail(request, slug):
    locale = lookups.active_locale(request)
    consultation, in_source = selectors.for_reader(slug, locale)
    if consultation is None:
        raise Http404
    if in_source:
        serve_source_instead(request, locale)
    explainer = selectors.explainer_for(consultation)
    sections = selectors.comparison(consultation, explainer)
    commentable = [diff for diff in sections if diff.commentable]
    form, status = None, 200
    freshness.changes_at(request, consultation.next_change())
    if consultation.is_open:
        if request.method == "POST":
            form = CommentForm(request.POST, sections=commentable)
            if not ratelimit.hit(request, "consultation-comment"):
                form.add_error(None, TOO_MANY)
                status = 429
            elif form.is_valid():
                try:
                    services.submit_comment(
                        consultation=consultation,
                        section_anchor=form.cleaned_data["section"],
                        body=form.cleaned_data["body"],
                        display_name=form.cleaned_data["display_name"],
                        language=get_language(),
                    )
                except (services.ConsultationClosed, services.UnknownSection):
                    form.add_error(None, _("This consultation is closed to comments."))
                else:
                    return redirect(f"{request.path}?sent=1#comment-sent")
        else:
            wanted = request.GET.get("section", "")
            initial = {"section": wanted} if wanted in {d.anchor for d in commentable} else {}
            form = CommentForm(initial=initial, sections=commentable)
    elif request.method == "POST":
        status = 410
    context = {
        "consultation": consultation,
        "explainer_url": explainer.get_url(request),
        "content_attrs": display.content_attrs(consultation, in_source),
        "dates": display.dates(consultation),
        "explainer": explainer,
        "sections": sections,
        "form": form,
        "sent": request.GET.get("sent") == "1",
        "in_source": in_source,
        "state": consultation.state,
    }
    return render(request, "consultations/consultation.html", context, status=status)
