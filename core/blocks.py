"""StreamField blocks, defined once and shared by every page type."""

import datetime

from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class LinkStructValue(blocks.StructValue):
    """Resolves a block's link: an internal page (shown in the reader's language) or a URL.

    ``href``, not ``url``: in a template ``value.url`` reads the block's own address field.
    """

    def href(self):
        page = self.get("page")
        if page is not None:
            return page.localized.url
        return self.get("url") or ""


class HeadingBlock(blocks.CharBlock):
    class Meta:
        template = "components/blocks/heading.html"
        icon = "title"
        form_classname = "title"
        description = _("A section heading within the body.")
        preview_value = "Why it matters"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        template = "components/blocks/paragraph.html"
        icon = "pilcrow"
        description = _("Text with links and lists.")
        preview_value = "<p>Open knowledge grows when everyone can read and reuse it.</p>"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"),
        required=False,
        help_text=_("A role rather than a name when the speaker could be at risk."),
    )

    class Meta:
        template = "components/blocks/quote.html"
        icon = "openquote"
        description = _("A pull quote with its attribution.")
        preview_value = {
            "text": "We learned more from the campaign we lost than from the one we won.",
            "attribution": "A campaign coordinator",
        }


class PageChooserBlock(blocks.PageChooserBlock):
    """Wagtail's page chooser, without the cost of an empty choice: Wagtail builds and compiles
    a query for a list of only ``None`` (about half a millisecond) before finding it empty."""

    def bulk_to_python(self, values):
        if all(value is None for value in values):
            return [None] * len(values)
        return super().bulk_to_python(values)


class CardBlock(blocks.StructBlock):
    """A call to action: title, text and a link to a page or an address."""

    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"), required=False)
    page = PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("address"), required=False)

    class Meta:
        template = "components/blocks/card.html"
        icon = "link"
        value_class = LinkStructValue
        description = _("A call to action that links to a page or an address.")
        preview_value = {"title": "Sign the open letter", "text": "Add your organisation's name."}

    def clean(self, value):
        value = super().clean(value)
        if value.get("page") and value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError(_("Choose a page or an address, not both."))
                }
            )
        return value


class FigureBlock(ImageBlock):
    class Meta:
        template = "components/blocks/figure.html"
        description = _("An image with its alternative text.")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    call_to_action = CardBlock()

    class Meta:
        template = "components/blocks/body.html"
        description = _("The main text of a page.")


class MilestoneBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    title = blocks.CharBlock(label=_("title"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        template = "components/blocks/milestone.html"
        icon = "date"
        description = _("A dated step in a campaign's timeline.")
        preview_value = {
            "date": datetime.date(2025, 3, 1),
            "title": "Campaign launched",
            "description": "Forty organisations signed the founding letter.",
        }


class AnchorBlock(blocks.CharBlock):
    """A section's anchor. The same in every language, so links to a section never break."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_slug])
        super().__init__(**kwargs)

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class SectionBlock(blocks.StructBlock):
    anchor = AnchorBlock(
        label=_("anchor"),
        max_length=60,
        help_text=_("Letters, numbers and hyphens. Links point here: change it only with care."),
    )
    heading = blocks.CharBlock(label=_("heading"))
    content = ParagraphBlock(label=_("content"))

    class Meta:
        template = "components/blocks/section.html"
        icon = "doc-full"
        description = _("A section of a policy explainer with a stable anchor link.")
        preview_value = {
            "anchor": "our-position",
            "heading": "Our position",
            "content": "<p>Knowledge should be free to read and reuse.</p>",
        }


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        template = "components/blocks/link.html"
        icon = "link-external"
        description = _("A link to evidence or further reading.")
        preview_value = {"title": "Consultation response", "url": "https://example.org/response"}


class ItemBlock(blocks.TextBlock):
    class Meta:
        template = "components/blocks/item.html"
        icon = "list-ul"
        description = _("One item of a list.")
        preview_value = "Publish the consultation responses in full."
