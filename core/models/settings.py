from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), help_text=_("For example: Mastodon, PeerTube."))
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "site"
        template = "components/blocks/social_link.html"


def language_choices():
    return list(settings.LANGUAGES)


class LocalisedNameBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=language_choices, label=_("language"))
    name = blocks.CharBlock(max_length=150, label=_("name"))

    class Meta:
        icon = "doc-full"


class LocalisedNamesBlock(blocks.StreamBlock):
    """The organisation's name in other languages: one name per language."""

    name = LocalisedNameBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        for child in value:
            language = child.value["language"]
            if language in seen:
                raise blocks.StreamBlockValidationError(
                    non_block_errors=ValidationError(
                        _("Give one name per language: %(language)s has two.")
                        % {"language": dict(settings.LANGUAGES).get(language, language)}
                    )
                )
            seen.add(language)
        return value


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=150,
        help_text=_("In the site's default language; shown wherever no other name is given."),
    )
    localised_names = StreamField(
        LocalisedNamesBlock(),
        blank=True,
        verbose_name=_("name in other languages"),
        help_text=_("Readers of these languages see this name instead."),
    )
    # A library image: raster formats only (the library refuses SVG, which can carry scripts),
    # always shown as an <img> rendition.
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header, in feeds and in link previews. PNG, JPEG or WebP."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, verbose_name=_("social links")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Readers see its translation in their language when one exists."),
    )
    safety_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("safety centre page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Every form that collects personal data links to it, in the reader's language "
            "where translated."
        ),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("localised_names"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        FieldPanel("social_links"),
        FieldPanel("privacy_page"),
        FieldPanel("safety_page"),
    ]

    class Meta:
        verbose_name = _("portal settings")
        db_table = "home_portalsettings"  # created by the home app, moved here with its rows

    @cached_property
    def _names(self):
        """{language: name}, read from the stream's raw data: converting the blocks costs
        about a millisecond, and the name is shown several times on every page."""
        return {
            child["value"]["language"]: child["value"]["name"]
            for child in self.localised_names.raw_data
            if child.get("value", {}).get("language") and child["value"].get("name")
        }

    def name_in(self, language):
        """The organisation's name for readers of ``language``, else the default one."""
        return self._names.get(language) or self.organisation_name or settings.WAGTAIL_SITE_NAME

    @property
    def name(self):
        """The organisation's name in the active language."""
        return self.name_in(translation.get_language() or settings.LANGUAGE_CODE)
