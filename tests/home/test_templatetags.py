import pytest

from home.templatetags.portal_tags import bcp47


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "en"), ("pt-br", "pt-BR"), ("zh-hans", "zh-Hans"), ("ar", "ar"), ("", "")],
)
def test_bcp47(code, expected):
    assert bcp47(code) == expected
