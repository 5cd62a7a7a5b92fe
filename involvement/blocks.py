"""The blocks of the "Get involved" page: ways to take part, and contacts by region."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.blocks import CardBlock


class WayBlock(CardBlock):
    """One way to take part (act on a campaign, tell a story, propose advocacy…): a title, a
    sentence and a link to a page (shown in the reader's language) or an address."""

    class Meta:
        template = "involvement/blocks/way.html"
        icon = "group"
        description = _("A way to take part, with a link to a page or an address.")
        preview_value = {
            "title": "Come to an event",
            "text": "Meet the people behind the campaigns near you.",
        }


class WaysBlock(blocks.StreamBlock):
    way = WayBlock()


class ContactBlock(blocks.StructBlock):
    """Who to write to in a region, and in which languages. The address is a role's (such as
    latam@…), never a person's own: people move on, and a private address is personal data."""

    region = blocks.CharBlock(label=_("region"), max_length=120)
    languages = blocks.CharBlock(
        label=_("languages"), max_length=200, help_text=_("For example: Spanish, Portuguese.")
    )
    role = blocks.CharBlock(
        label=_("contact"),
        max_length=150,
        help_text=_("A role or a team, such as “Regional coordinator”, not a person's name."),
    )
    email = blocks.EmailBlock(
        label=_("role address"),
        help_text=_("A shared address for the role, never a person's private address."),
    )

    class Meta:
        template = "involvement/blocks/contact.html"
        icon = "mail"
        description = _("A contact for a region, with the languages it answers in.")
        preview_value = {
            "region": "Latin America",
            "languages": "Spanish, Portuguese",
            "role": "Regional coordination team",
            "email": "latam@example.org",
        }


class ContactsBlock(blocks.StreamBlock):
    contact = ContactBlock()
