from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Method, Region, Topic


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["name"]


class TopicViewSet(TermViewSet):
    model = Topic
    icon = "tag"


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"


class MethodViewSet(TermViewSet):
    model = Method
    icon = "cogs"


class TaxonomyGroup(SnippetViewSetGroup):
    items = (TopicViewSet, RegionViewSet, MethodViewSet)
    menu_icon = "tag"
    menu_label = "Taxonomies"
    menu_name = "taxonomies"


register_snippet(TaxonomyGroup)
