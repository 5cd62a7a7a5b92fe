import pytest

from core.languages import bcp47


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "en"), ("pt-br", "pt-BR"), ("zh-hans", "zh-Hans"), ("ar", "ar"), ("", "")],
)
def test_bcp47(code, expected):
    assert bcp47(code) == expected


@pytest.mark.parametrize(
    ("spec", "width", "expected"),
    [
        ("fill-960x540|format-webp", 480, "fill-480x270|format-webp"),
        ("fill-480x270-c75|format-webp", 320, "fill-320x180-c75|format-webp"),
        ("max-240x120", 120, "max-120x60"),
        ("width-960|format-webp", 640, "width-640|format-webp"),
    ],
)
def test_scaled_spec(spec, width, expected):
    from core.images import scaled_spec

    assert scaled_spec(spec, width) == expected


@pytest.mark.django_db
def test_cards_and_heroes_offer_several_widths(client):
    """A phone gets a small rendition: ``srcset`` lists real widths and ``sizes`` says how wide
    the image shows (the browser's choice itself is tests/browser/test_layout.py)."""
    import re

    from tests.helpers import soup

    home = soup(client.get("/en/"))
    campaign = soup(client.get("/en/campaigns/freedom-of-panorama/"))
    for image in [
        home.select_one("img.hero__image"),
        home.select_one("img.card__image"),
        campaign.select_one("img.detail__image"),
    ]:
        assert image is not None
        widths = [int(width) for width in re.findall(r"\s(\d+)w(?:,|$)", image.get("srcset", ""))]
        assert len(widths) >= 3 and widths == sorted(set(widths)), image
        assert image.get("sizes") and image["src"].endswith(".webp"), image
        assert "widths" not in image.attrs, image
