"""Every public page type, in English and Arabic, is valid HTML by the Nu HTML Checker
(``vnu-jar`` from ``package.json``, run with the system Java): one JVM call checks them all."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ["en", "ar"]

PAGES = {
    "home": "/{language}/",
    "campaigns": "/{language}/campaigns/",
    "campaigns-filtered": "/{language}/campaigns/?topic=copyright&status=lost",
    "campaign": "/{language}/campaigns/freedom-of-panorama/",
    "stories": "/{language}/stories/",
    "story": "/{language}/stories/panorama-photo-marathon/",
    "partners": "/{language}/partners/",
    "partner": "/{language}/partners/open-shelf-alliance/",
    "explainers": "/{language}/policy/",
    "explainer": "/{language}/policy/copyright-reform/",
    "privacy": "/{language}/privacy/",
    "events": "/{language}/events/",
    "event": "/{language}/events/library-access-conversation-hour/",
    "event-over": "/{language}/events/copyright-reform-evening-paris/",
    "safety": "/{language}/safety/",
    "safety-guide": "/{language}/safety/if-you-are-threatened/",
    "get-involved": "/{language}/get-involved/",
    "decisions": "/{language}/how-decisions-are-made/",
    "search": "/{language}/search/",
    "search-results": "/{language}/search/?q=copyright",
    "search-no-results": "/{language}/search/?q=qqxjzvwk",
    "action": "{action}",
    "my-data": "/{language}/actions/my-data/",
    "not-found": "/{language}/no-such-page/",
}
# German is mostly untranslated: these pages carry the notice with its "help translate" link.
UNTRANSLATED = {
    "untranslated-story": "/de/stories/panorama-photo-marathon/",
    "untranslated-campaign": "/de/campaigns/freedom-of-panorama/",
    "untranslated-safety-guide": "/de/safety/legal-risks/",
}


def soup_of(html):
    return BeautifulSoup(html, "html.parser")


def quote_query(query):
    """``query`` with nothing left that a URL's query may not hold (spaces, non-ASCII)."""
    return quote(query, safe="=&%+-._~")


def java():
    found = shutil.which("java")
    if not found:
        pytest.fail("No java: apt-get install default-jre-headless (bin/test does it)")
    if not VNU.exists():
        pytest.fail(f"No {VNU}: npm ci (bin/test does it)")
    return found


def check(files):
    """The Nu checker's errors for ``files``, as ``(file name, message)`` pairs."""
    completed = subprocess.run(  # noqa: S603 - fixed arguments, local files
        [java(), "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(completed.stderr or completed.stdout)
    return [
        (Path(message.get("url", "")).name, f"line {message.get('lastLine')}: {message['message']}")
        for message in report["messages"]
        if message["type"] in {"error", "non-document-error"}
    ]


def action_path(client, language):
    """The action page of the demo's Freedom of Panorama petition: where its form posts."""
    document = soup_of(client.get(f"/{language}/campaigns/freedom-of-panorama/").content)
    form = document.select_one("form[action*='/actions/']")
    assert form is not None, "the campaign page has no action form"
    return form["action"]


def test_every_public_page_type_is_valid_html(client, tmp_path):
    files, wrong_status = [], []
    for name, pattern in PAGES.items():
        for language in LANGUAGES:
            if name == "action":
                url = action_path(client, language)
            else:
                url = pattern.format(language=language)
            response = client.get(url)
            if response.status_code != (404 if name == "not-found" else 200):
                wrong_status.append(f"{url}: HTTP {response.status_code}")
            path = tmp_path / f"{name}-{language}.html"
            path.write_bytes(response.content)
            files.append(path)
    notices = 0
    for name, url in UNTRANSLATED.items():
        response = client.get(url)
        notices += b"notice--untranslated" in response.content
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    assert notices, "no untranslated page to check the notice on"
    errors = check(files)
    assert not errors, f"{len(errors)} error(s) in {len(files)} pages:\n" + "\n".join(
        f"{name}: {message}" for name, message in errors
    )
    assert not wrong_status, wrong_status


def test_the_checker_reports_an_invalid_page(tmp_path):
    """The check can fail: a space in a link's query and a stray end tag."""
    path = tmp_path / "broken.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title>'
        '<a href="mailto:a@example.org?subject=two words">x</a></p>'
    )
    errors = check([path])
    assert len(errors) >= 2, errors


@pytest.mark.parametrize("language", ["en", "ar", "de", "es", "fr", "hi", "pt-br", "ru", "zh-hans"])
def test_the_help_translate_link_is_encoded(language):
    with translation.override(language):
        html = render_to_string(
            "translations/untranslated_notice.html",
            {"language": "Deutsch", "contact_email": "translate@example.org"},
        )
    href = soup_of(html).select_one(".notice--untranslated a[href^='mailto:']")["href"]
    address, _, query = href.partition("?")
    assert address == "mailto:translate@example.org"
    assert query.startswith("subject=") and query == quote_query(query), href
