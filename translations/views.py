from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale, Page, get_page_models

from demand.display import demand_phrase

from . import changes, launches, po, roles, selectors, services
from .demand_chart import demand_chart
from .forms import STATE_LABELS, ItemForm, PlanForm, QueueFilterForm, SubtreeForm
from .models import Priority

PAGE_SIZE = 50


def _translatable_content_types():
    return [
        ContentType.objects.get_for_model(model)
        for model in get_page_models()
        if model is not Page and not model._meta.abstract
    ]


def queue_view(request):
    locales = selectors.visible_locales(request.user)
    if not locales:
        raise PermissionDenied
    form = QueueFilterForm(
        request.GET, locales=locales, content_types=_translatable_content_types()
    )
    form.is_valid()
    code = form.cleaned_data.get("locale") or locales[0].language_code
    locale = next(locale for locale in locales if locale.language_code == code)
    rows = selectors.queue(
        locale,
        state=form.cleaned_data.get("state"),
        content_type_id=form.cleaned_data.get("content_type"),
        order=form.cleaned_data.get("order") or "default",
    )
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    figures = selectors.progress(page_obj.object_list, locale)
    launch_states = launches.readiness(
        launches.pending_launches([row.translation_key for row in page_obj.object_list])
    )
    is_staff = roles.is_editorial_staff(request.user)
    # Wagtail's date picker: an unambiguous year-month-day field with a calendar in the user's
    # admin language, where the browser's own date input follows the browser's locale.
    due_input = AdminDateInput(attrs={"aria-label": _("Due date")}) if is_staff else None
    items = []
    for row in page_obj.object_list:
        translated, total, machine = figures.get(row.translation_key, (0, 0, 0))
        items.append(
            {
                "row": row,
                "state_label": STATE_LABELS[row.state],
                "priority_label": Priority(row.priority).label,
                "percent": round(100 * translated / total) if total and row.target_id else 0,
                "machine": machine,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[row.target_id])
                if row.target_id
                else "",
                "submit_url": reverse("wagtail_localize:submit_page_translation", args=[row.pk]),
                "launch": _launch_summary(launch_states.get(row.translation_key)),
                "due_input": due_input
                and due_input.render("due_date", row.due_date, {"id": f"due-date-{row.pk}"}),
                "demand": demand_phrase(
                    views=row.demand_views,
                    fallback_views=row.demand_fallback,
                    language_code=locale.language_code,
                ),
            }
        )
    counts = [(other, selectors.state_counts(other)) for other in locales]
    held = roles.user_locale_roles(request.user).get(locale.pk, set())
    return TemplateResponse(
        request,
        "translations/queue.html",
        {
            "form": form,
            "locale": locale,
            "items": items,
            "page_obj": page_obj,
            "counts": counts,
            "chart": _chart(counts),
            "is_staff": is_staff,
            "date_media": due_input and due_input.media,
            "demand_chart": demand_chart(counts),
            "can_submit": request.user.has_perm("wagtail_localize.submit_translation"),
            "can_start": roles.can_work_on(request.user, locale),
            "is_reviewer": "reviewer" in held,
            "querystring": request.GET.urlencode(),
            "priorities": Priority.choices,
            "subtree_form": SubtreeForm(),
        },
    )


def _launch_summary(states):
    if states is None:
        return None
    return {
        "languages": ", ".join(locale.language_code for locale, _state in states[1:]),
        "blocking": [
            (locale.get_display_name(), launches.STATE_LABELS[state])
            for locale, state in launches.blocking(states)
        ],
    }


def _chart(counts):
    """Stacked bars, one per language, as data for an inline SVG (no script)."""
    colours = {
        "done": "#1d6b39",
        "awaiting_review": "#2e5c8a",
        "in_progress": "#b35c00",
        "outdated": "#a1261b",
        "missing": "#c9c4b8",
    }
    bars = []
    for index, (locale, states) in enumerate(counts):
        total = sum(states.values()) or 1
        x = 0.0
        segments = []
        for state in ["done", "awaiting_review", "in_progress", "outdated", "missing"]:
            width = 300 * states[state] / total
            segments.append(
                {
                    "x": x,
                    "width": width,
                    "colour": colours[state],
                    "state": state,
                    "count": states[state],
                }
            )
            x += width
        bars.append(
            {
                "y": index * 26,
                "label": locale.get_display_name(),
                "segments": segments,
                "done": round(100 * states["done"] / total),
            }
        )
    return {"bars": bars, "height": len(bars) * 26, "legend": colours}


def _back(request):
    """Back to the queue, keeping its filters (``next`` holds its query string)."""
    queue_url = reverse("translations:queue")
    target = request.POST.get("next", "")
    if target.startswith("?") and url_has_allowed_host_and_scheme(
        queue_url + target, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(queue_url + target)
    return HttpResponseRedirect(queue_url)


def _item(request, form_class=ItemForm):
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("That queue item could not be understood."))
        return None, None
    locale = Locale.objects.filter(language_code=form.cleaned_data["locale"]).first()
    if locale is None or not roles.can_work_on(request.user, locale):
        raise PermissionDenied
    return form, locale


def _item_action(request, operation, success):
    """Run ``operation`` on the posted queue item and report the outcome as a message."""
    form, locale = _item(request)
    if form is not None:
        try:
            result = operation(
                user=request.user,
                translation_key=form.cleaned_data["translation_key"],
                locale=locale,
            )
            messages.success(request, success(result))
        except services.ClaimError as error:
            messages.error(request, str(error))
    return _back(request)


@require_POST
def claim_view(request):
    return _item_action(
        request,
        services.claim,
        lambda _claim: _("Claimed. Others now see that you are translating it."),
    )


@require_POST
def start_view(request):
    """Start translating a queue item into one's language, and open the translation editor."""
    form, locale = _item(request)
    if form is None:
        return _back(request)
    try:
        page = services.start_translation(
            user=request.user, translation_key=form.cleaned_data["translation_key"], locale=locale
        )
    except services.ClaimError as error:
        messages.error(request, str(error))
        return _back(request)
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@require_POST
def release_view(request):
    return _item_action(request, services.release, lambda _result: _("Released."))


@require_POST
def plan_view(request):
    if not roles.is_editorial_staff(request.user):
        raise PermissionDenied
    form, _locale = _item(request, PlanForm)
    if form is not None:
        services.set_plan(
            translation_key=form.cleaned_data["translation_key"],
            priority=form.cleaned_data["priority"],
            due_date=form.cleaned_data["due_date"],
        )
        messages.success(request, _("Priority saved."))
    return _back(request)


@require_POST
def mark_reviewed_view(request):
    return _item_action(
        request,
        services.mark_machine_segments_reviewed,
        lambda count: _("%(count)d segments marked reviewed.") % {"count": count},
    )


def po_export_view(request):
    locale = Locale.objects.filter(language_code=request.GET.get("locale", "")).first()
    if locale is None or not roles.can_work_on(request.user, locale):
        raise PermissionDenied
    response = HttpResponse(po.export_locale(locale), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="translations-{locale.language_code}.zip"'
    )
    return response


@require_POST
def po_import_view(request):
    locale = Locale.objects.filter(language_code=request.POST.get("locale", "")).first()
    if locale is None or not roles.can_work_on(request.user, locale):
        raise PermissionDenied
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise po.ImportRejected([_("Choose a .po file or a .zip of .po files.")])
        count = po.import_files(
            user=request.user, locale=locale, files=po.read_upload(upload.name, upload.read())
        )
        messages.success(
            request, _("%(count)d translations updated from PO files.") % {"count": count}
        )
    except po.ImportRejected as rejected:
        messages.error(
            request,
            _("Nothing was imported: %(problems)s") % {"problems": "; ".join(rejected.problems)},
        )
    return _back(request)


def changes_view(request):
    form = ItemForm(request.GET)
    if not form.is_valid():
        raise Http404
    locale = Locale.objects.filter(language_code=form.cleaned_data["locale"]).first()
    if locale is None or not roles.can_work_on(request.user, locale):
        raise PermissionDenied
    source = changes.source_for(form.cleaned_data["translation_key"])
    if source is None:
        raise Http404
    return TemplateResponse(
        request,
        "translations/changes.html",
        {
            "source": source,
            "locale": locale,
            "changes": changes.pending_changes(source, locale),
            "translation_key": form.cleaned_data["translation_key"],
            "can_sync": services.can_sync(
                request.user, translation_key=form.cleaned_data["translation_key"]
            ),
        },
    )


@require_POST
def sync_view(request):
    if not services.can_sync(request.user):
        raise PermissionDenied
    form = ItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That queue item could not be understood."))
        return _back(request)
    try:
        kept = services.sync_with_source(
            user=request.user, translation_key=form.cleaned_data["translation_key"]
        )
    except services.ClaimError as error:
        messages.error(request, str(error))
        return _back(request)
    messages.success(
        request,
        _(
            "Synchronised with the source in %(count)d languages; %(kept)d previous translations "
            "kept as suggestions to review."
        )
        % {"count": len(kept), "kept": sum(kept.values())},
    )
    return _back(request)


@require_POST
def submit_subtree_view(request):
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    form = SubtreeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a section and at least one language."))
        return _back(request)
    try:
        submitted = services.submit_subtree(
            user=request.user, page=form.cleaned_data["page"], locales=form.cleaned_data["locales"]
        )
    except services.ClaimError as error:
        messages.error(request, str(error))
        return _back(request)
    messages.success(
        request,
        _("Submitted for translation: %(summary)s.")
        % {"summary": ", ".join(f"{code} {count}" for code, count in submitted.items())},
    )
    return _back(request)
