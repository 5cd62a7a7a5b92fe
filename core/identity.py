"""The organisation as readers see it: its name in the reader's language and its logo.

Both come from the site's ``PortalSettings``, kept in the cached lookups (``core.lookups``):
reading them costs no query once warm. The logo's renditions are made once per change to the
settings or the image (either bumps the lookups generation) and kept as plain facts.
"""

from dataclasses import dataclass

from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

from core import lookups

# Renditions of the logo, by use. The library takes raster images only (no SVG, which can
# carry scripts), and a logo is only ever shown as an <img> of one of these renditions.
LOGO_SPECS = {
    "header": "max-480x96",  # the site header, 48 pixels high on a dense screen
    "square": "fill-144x144",  # RSS <image> (at most 144 wide) and Atom <icon> (square)
    "wide": "max-480x240",  # Atom <logo> (2:1) and link previews (og:logo)
}


@dataclass(frozen=True)
class Identity:
    name: str
    logo: dict | None  # {use: {"path", "width", "height"}} or None

    def logo_url(self, request, use):
        """The absolute address of the logo's rendition for ``use``, or ``None``."""
        if self.logo is None:
            return None
        return request.build_absolute_uri(self.logo[use]["path"])


def _facts(rendition):
    return {"path": rendition.url, "width": rendition.width, "height": rendition.height}


def _logo_facts(image_id):
    """The logo's renditions: one query where they exist (the demo makes them), else Wagtail
    makes those missing."""
    Image = get_image_model()
    specs = {Filter(spec=spec): use for use, spec in LOGO_SPECS.items()}
    found = {}
    renditions = Image.get_rendition_model().objects.filter(
        image_id=image_id, filter_spec__in=LOGO_SPECS.values()
    )
    image = None
    for rendition in renditions.select_related("image"):
        image = rendition.image
        for spec, use in specs.items():
            if (
                rendition.filter_spec == spec.spec
                and rendition.focal_point_key == spec.get_cache_key(image)
            ):
                found[use] = _facts(rendition)
    if len(found) == len(LOGO_SPECS):
        return found
    image = image or Image.objects.filter(pk=image_id).first()
    if image is None:
        return None
    try:
        made = image.get_renditions(*LOGO_SPECS.values())
    except SourceImageIOError:  # the original file is missing: no logo rather than an error
        return None
    return {use: _facts(made[spec]) for use, spec in LOGO_SPECS.items()}


def make_logo_renditions(image):
    """Make the logo's renditions ahead of the first reader (the demo loader does)."""
    image.get_renditions(*LOGO_SPECS.values())


def organisation(request, language=None):
    """The organisation's name (in ``language``, else the active language) and logo."""
    portal_settings = lookups.portal_settings(request)
    name = portal_settings.name_in(language) if language else portal_settings.name
    logo_id = portal_settings.logo_id
    logo = None
    if logo_id:
        logo = lookups.cached(request, f"logo:{logo_id}", lambda: _logo_facts(logo_id))
    return Identity(name=name, logo=logo)
