from django.db import models
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


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    organisation_name = models.CharField(_("organisation name"), max_length=150)
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

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("social_links"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("portal settings")
