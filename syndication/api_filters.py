"""The content API's checks of its query parameters: each bad value answers 400 with a reason
(``syndication.api``), where Wagtail would pass it on to the database or the search backend."""

from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import JSONField

from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.fields import StreamField
from wagtail.models import Locale

# The largest offset the databases take (a signed 64-bit integer).
MAX_OFFSET = 2**63 - 1
# How deep ``?fields=`` may nest (``partners(title)`` is one level): Wagtail parses it recursively.
MAX_FIELDS_DEPTH = 10


class StrictFieldsFilter(FieldsFilter):
    """Field filters (``?status=live``) check their value as the field would, and refuse fields
    no equality test suits (StreamFields, many-to-many links), before Wagtail filters."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        filterable = set(view.get_available_fields(model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name not in filterable:
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if (
                field.many_to_many
                or field.one_to_many
                or isinstance(field, JSONField | StreamField)
            ):
                raise BadRequestError(f"cannot filter by {name}")
            try:
                field.clean(value, None)
            except ValidationError as error:
                raise BadRequestError(f"{name}: {' '.join(error.messages)}") from error
        return super().filter_queryset(request, queryset, view)


class StrictLocaleFilter(LocaleFilter):
    """``?locale=`` answers 400, naming the portal's languages, for a language it lacks."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is not None:
            # Compared here rather than in a query: PostgreSQL refuses a NUL character.
            known = sorted(Locale.objects.values_list("language_code", flat=True))
            if code not in known:
                names = ", ".join(known)
                raise BadRequestError(f"locale '{code}' is not one of the portal's: {names}")
        return super().filter_queryset(request, queryset, view)


class StrictSearchFilter(SearchFilter):
    """``?search=`` answers 400 for a NUL character, a search longer than the portal's search
    takes, or a ``search_operator`` other than and/or, rather than failing in the search backend.
    Double quotes, which SQLite's full-text index would read as query syntax, are searched for
    as the word separators they are to its tokenizer."""

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator.lower() not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = request.GET.get("search")
        if query is None:
            return queryset
        if "\x00" in query:
            raise BadRequestError("search: null characters are not allowed")
        limit = settings.PORTAL_SEARCH_MAX_QUERY_LENGTH
        if len(query) > limit:
            raise BadRequestError(f"search: at most {limit} characters")
        params = request.GET.copy()
        params["search"] = " ".join(query.replace('"', " ").split())
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class BoundedPagination(WagtailPagination):
    """``?offset=`` and ``?limit=`` in ASCII digits, the offset no larger than the databases take
    (400 with a reason, where Wagtail would pass the database a number it refuses)."""

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            value = request.GET.get(name)
            if value is not None and not (value.isascii() and value.isdigit()):
                raise BadRequestError(f"{name} must be a positive integer")
        offset = request.GET.get("offset", "").lstrip("0")
        if len(offset) > len(str(MAX_OFFSET)) or int(offset or 0) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


def fields_depth(value):
    depth = deepest = 0
    for character in value:
        depth += {"(": 1, ")": -1}.get(character, 0)
        deepest = max(deepest, depth)
    return deepest
