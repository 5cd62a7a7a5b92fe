"""The public, read-only content API (Wagtail API v2): what each page type exposes, and the
endpoints' rules.

- Only live pages without view restrictions, in the request's site, every language. Being
  signed in, or having unlocked a private page in the browser, changes nothing.
- Never a person: no owner, no revision, no user, no story author beyond the attribution the
  page shows; links to other pages only where those pages are live and public.
- Images: only those live, public pages use, as renditions (the originals may hold metadata
  such as camera or location data; renditions are re-encoded without it).
- Addresses (``detail_url``, ``html_url``) are absolute on the host the request was made to,
  as the sitemap's are (``syndication.seo``), not on the host the site record names.
- Bad input answers 400 with a reason: unknown parameters and fields, a locale the portal does
  not have, a value a field cannot hold.

The fields are listed here, by model, rather than as ``api_fields`` on each model, so the API's
whole public contract is read in one place. Wagtail reads them through ``get_body_fields``.
"""

from rest_framework import status
from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    ObjectDoesNotExist,
    SuspiciousOperation,
    ValidationError,
)
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import NoReverseMatch

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.serializers import (
    BaseSerializer,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from campaigns.models import CampaignPage
from explainers.models import PolicyExplainerPage
from network.selectors import standing
from partners.models import PartnerPage
from stories.models import StoryPage
from syndication.api_filters import (
    MAX_FIELDS_DEPTH,
    BoundedPagination,
    StrictFieldsFilter,
    StrictLocaleFilter,
    StrictSearchFilter,
    fields_depth,
)
from syndication.seo import absolute_page_url, site_pages

API_RENDITION = "max-1600x1600|format-jpeg|jpegquality-85"
SHARING_RENDITION = "fill-1200x630|format-jpeg|jpegquality-85"


class RequestHostRouter:
    """The API's router, answering detail addresses on the request's host: Wagtail builds them
    from the site record's root URL (``http://localhost`` in the demo) instead."""

    def __init__(self, router, request):
        self._router = router
        self._request = request

    def __getattr__(self, name):
        return getattr(self._router, name)

    def get_object_detail_urlpath(self, model, pk):
        path = self._router.get_object_detail_urlpath(model, pk)
        return self._request.build_absolute_uri(path) if path else path


class RequestHostHtmlUrlField(PageHtmlUrlField):
    """The page's address on the host the request was made to, as the sitemap gives it."""

    def to_representation(self, page):
        try:
            return absolute_page_url(self.context["request"], page)
        except NoReverseMatch:
            return None


class RequestHostParentField(PageParentField):
    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PortalPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class PortalPageSerializer(PageSerializer):
    html_url = RequestHostHtmlUrlField(read_only=True)
    parent = RequestHostParentField(read_only=True)


class TermSlugsField(Field):
    """Topics, regions or methods as their slugs, which are the same in every language."""

    def to_representation(self, related):
        return [term.slug for term in related.all()]


class PublicPagesField(Field):
    """Linked pages as ``{id, title}``, leaving out any that are not live and public."""

    def to_representation(self, related):
        pages = related.all() if hasattr(related, "all") else [related]
        ids = [page.pk for page in pages if page is not None]
        public = Page.objects.live().public().filter(pk__in=ids).order_by("title")
        return [{"id": page.pk, "title": page.title} for page in public.only("id", "title")]


class StandingField(Field):
    """Who stands behind a position or campaign: each organisation's name, when it endorsed
    it, whether it endorsed the current version or an earlier one (and that one's date), and
    when it withdrew."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        found = standing(page)

        def entry(endorser, version):
            return {
                "organisation": endorser.name,
                "partner_id": endorser.partner.pk if endorser.partner else None,
                "endorsed_at": endorser.endorsed_at.isoformat(),
                "version": version,
                "version_date": endorser.version_date.isoformat()
                if endorser.version_date
                else None,
                "withdrawn_at": endorser.withdrawn_at.isoformat()
                if endorser.withdrawn_at
                else None,
            }

        return [
            *(entry(endorser, "current") for endorser in found.current),
            *(entry(endorser, "earlier") for endorser in found.earlier),
            *(entry(endorser, "withdrawn") for endorser in found.withdrawn),
        ]


class LanguageCodesField(Field):
    """A partner's working languages as language codes, in the editors' order."""

    def to_representation(self, related):
        return [language.code for language in related.all()]


def listing_image_fields():
    return [
        APIField("summary"),
        APIField("listing_image", serializer=ImageRenditionField(SHARING_RENDITION)),
    ]


def taxonomy_fields():
    return [
        APIField("topics", serializer=TermSlugsField()),
        APIField("regions", serializer=TermSlugsField()),
    ]


def page_api_fields():
    """Each page model's public fields, beyond Wagtail's own (title, slug, locale, dates)."""
    return {
        CampaignPage: [
            *listing_image_fields(),
            APIField("status"),
            APIField("start_date"),
            APIField("end_date"),
            APIField("body"),
            APIField("milestones"),
            APIField("outcome"),
            APIField("get_involved"),
            *taxonomy_fields(),
            APIField("partners", serializer=PublicPagesField()),
            APIField("explainers", serializer=PublicPagesField()),
            APIField("coalition", serializer=StandingField()),
        ],
        StoryPage: [
            *listing_image_fields(),
            APIField("outcome"),
            APIField("date"),
            APIField("attribution"),  # what the page shows: empty for an anonymous story
            APIField("context"),
            APIField("methods_used"),
            APIField("what_happened"),
            APIField("evidence"),
            APIField("lessons"),
            *taxonomy_fields(),
            APIField("methods", serializer=TermSlugsField()),
            APIField("campaign", serializer=PublicPagesField()),
            APIField("partners", serializer=PublicPagesField()),
        ],
        PartnerPage: [
            *listing_image_fields(),
            APIField("logo", serializer=ImageRenditionField("max-480x240")),
            APIField("description"),
            APIField("website"),
            APIField("languages", serializer=LanguageCodesField()),
            *taxonomy_fields(),
        ],
        PolicyExplainerPage: [
            *listing_image_fields(),
            APIField("position_summary"),
            APIField("body"),
            APIField("key_asks"),
            APIField("owner_team"),  # a team, shown on the page, never a person
            APIField("last_reviewed"),
            APIField("next_review"),
            APIField("change_note"),
            APIField("endorsements", serializer=StandingField()),
        ],
    }


def public_fields(model):
    for candidate, fields in page_api_fields().items():
        if issubclass(model, candidate):
            return fields
    if hasattr(model, "summary"):  # every other portal page: the listing fields
        return listing_image_fields()
    return []


class ReadOnlyJSONMixin:
    """JSON only (no browsable HTML API) and model validation errors as 400s."""

    renderer_classes = [JSONRenderer]
    # Read-only and anonymous: no request bodies, no sessions. Set here, not in the global
    # REST_FRAMEWORK settings, which wagtail-localize's editor API relies on.
    parser_classes = []
    authentication_classes = []
    permission_classes = [AllowAny]

    pagination_class = BoundedPagination

    def get_serializer_class(self):
        if fields_depth(self.request.GET.get("fields", "")) > MAX_FIELDS_DEPTH:
            raise BadRequestError(f"fields error: nested more than {MAX_FIELDS_DEPTH} levels deep")
        return super().get_serializer_class()

    def find_object(self, queryset, request):
        if "id" in request.GET:  # Wagtail would pass a malformed id to the database
            queryset.model._meta.pk.clean(request.GET["id"], None)
        try:
            return super().find_object(queryset, request)
        except ObjectDoesNotExist:  # e.g. ?type=stories.StoryPage and the id of another type
            return None

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:  # ?format= names a format other than JSON
            raise BadRequestError("format: the API answers in json only") from error

    def handle_exception(self, exc):
        if isinstance(exc, Http404) and not str(exc):  # REST framework's, for a malformed id
            exc = Http404("not found")
        if isinstance(exc, ValidationError):
            return Response(
                {"message": "invalid filter value: " + "; ".join(exc.messages)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if isinstance(exc, SuspiciousOperation):  # e.g. find's redirect would be over-long
            return Response({"message": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)


class PortalPagesAPIViewSet(ReadOnlyJSONMixin, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer
    filter_backends = [
        {
            LocaleFilter: StrictLocaleFilter,
            FieldsFilter: StrictFieldsFilter,
            SearchFilter: StrictSearchFilter,
        }.get(backend, backend)
        for backend in PagesAPIViewSet.filter_backends
    ]
    # One site: no ``?site=`` (which would answer 404 for an unknown host).
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields([*cls.body_fields, *public_fields(model)])

    def get_base_queryset(self):
        return site_pages(self.request)

    def find_object(self, queryset, request):
        if "\x00" in request.GET.get("html_path", ""):  # which PostgreSQL would refuse
            raise BadRequestError("html_path: null characters are not allowed")
        return super().find_object(queryset, request)


def public_image_ids(request):
    """Ids of the images that live, public pages of the site use, in any field or block."""
    page_ids = site_pages(request).annotate(key=Cast("pk", CharField())).values("key")
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids,
            to_content_type=ContentType.objects.get_for_model(get_image_model()),
        )
        .annotate(image_id=Cast("to_object_id", IntegerField()))
        .values("image_id")
    )


class PortalImagesAPIViewSet(ReadOnlyJSONMixin, ImagesAPIViewSet):
    filter_backends = [
        {FieldsFilter: StrictFieldsFilter, SearchFilter: StrictSearchFilter}.get(backend, backend)
        for backend in ImagesAPIViewSet.filter_backends
    ]
    base_serializer_class = BaseSerializer  # without the original file's download_url
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    meta_fields = ["type", "detail_url", "tags"]
    listing_default_fields = ["id", "type", "detail_url", "title", "rendition"]
    nested_default_fields = ["id", "type", "detail_url", "title", "rendition"]

    @classmethod
    def get_body_fields(cls, model):
        rendition = APIField("rendition", serializer=ImageRenditionField(API_RENDITION, source="*"))
        return [*cls._convert_api_fields(cls.body_fields), rendition]

    def get_queryset(self):
        return (
            get_image_model().objects.filter(pk__in=public_image_ids(self.request)).order_by("id")
        )
