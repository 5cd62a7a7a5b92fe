from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def search(request):
    """Search the reader's language. Cross-language search replaces this with its own engine."""
    query = request.GET.get("q", "").strip()
    message = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        message = "too_long"
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=2)
            .specific()
            .search(query)
        )
    page_obj = Paginator(results, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "page_obj": page_obj, "message": message},
    )
