"""Shared set-up for the following-and-sharing tests: demo pages, a publisher, private pages."""

import io
import re
import xml.etree.ElementTree as ET

from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from campaigns.models import CampaignPage

HOST = "http://testserver"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def demo_campaign(language="en", slug="freedom-of-panorama"):
    return CampaignPage.objects.get(locale__language_code=language, slug=slug)


def make_private(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="a-secret-password"
    )


def make_image(title, size=(800, 450)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 120)).save(buffer, format="PNG")
    image = get_image_model()(title=title, description=f"Alt text for {title}")
    image.file = ImageFile(buffer, name="engagement-test.png")
    image.save()
    return image


def parse_xml(response):
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own output


def rss_items(root):
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "guid": item.findtext("guid"),
            "description": item.findtext("description") or "",
            "categories": [category.text for category in item.findall("category")],
        }
        for item in root.iter("item")
    ]


def atom_entries(root):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def feed_authors(body):
    """Every author a feed names (Atom ``<author>``, RSS ``<author>`` or ``dc:creator``)."""
    return set(re.findall(r"<author>(.*?)</author>|<dc:creator>(.*?)</dc:creator>", body))


def organisation_author(name):
    """The only author a feed may name: the organisation, without address or link."""
    return {(f"<name>{name}</name>", "")}
