from django.apps import apps
from django.db.models import Q

from core.sections import outside_sections
from core.selectors import linking_pages, localized_pages, page_terms


def campaign_context(page):
    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
        "partners": localized_pages(page.partners.all(), locale),
        "explainers": localized_pages(page.explainers.all(), locale),
        "stories": list(linking_pages(page, "stories", locale).order_by("-date")),
    }


def milestones(page):
    return sorted(
        (block.value for block in page.milestones), key=lambda milestone: milestone["date"]
    )


def in_global_listing(queryset, request=None):
    outside = outside_sections(request)
    if not outside:  # no sections at all
        return queryset
    offer = apps.get_model("campaigns", "GlobalListingOffer")
    accepted = offer.objects.filter(status=offer.Status.ACCEPTED).values("translation_key")
    return queryset.filter(outside | Q(translation_key__in=accepted))
