from django import template

from network import selectors

register = template.Library()


@register.inclusion_tag("network/includes/standing.html")
def standing(page, *, coalition=False):
    """Who stands behind a position (by version) or has joined a campaign's coalition. Used
    inside ``{% related_markup %}``: kept with the page's related content."""
    return {"standing": selectors.standing(page), "coalition": coalition, "page": page}


@register.inclusion_tag("network/includes/partner_positions.html")
def partner_positions(partner):
    """What a partner stands behind, on its profile (inside ``{% related_markup %}``)."""
    return {"positions": selectors.partner_positions(partner)}
