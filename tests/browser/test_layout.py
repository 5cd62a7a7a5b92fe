"""What readers see, measured in a real browser: the language menu on phones, card grids that
fill their row, the empty search, the explainer change log, sidebar headings and responsive
images."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE_WIDTHS = [320, 360, 390]


@pytest.fixture
def viewer(browser, portal_server):
    """``viewer(width, javascript=True)``: a fresh page of that width; closed after the test."""
    contexts = []

    def open_page(width, *, height=800, javascript=True, scale=1):
        context = browser.new_context(
            base_url=portal_server,
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


MENU_BOX = """() => {
    const box = document.querySelector(".language-switcher ul").getBoundingClientRect();
    return {left: box.left, right: box.right, width: box.width,
            viewport: document.documentElement.clientWidth};
}"""


def assert_on_screen(page, label):
    box = page.evaluate(MENU_BOX)
    assert box["width"] > 0, f"{label}: the menu did not open"
    assert box["left"] >= 0, f"{label}: the menu runs {-box['left']:.0f} px past the left edge"
    overflow = box["right"] - box["viewport"]
    assert overflow <= 0, f"{label}: the menu runs {overflow:.0f} px past the right edge"


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_the_open_language_menu_fits_a_phone(viewer, language, width):
    page = viewer(width)
    page.goto(f"/{language}/")
    page.locator(".language-switcher summary").click()
    assert_on_screen(page, f"{language} at {width} px")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_language_menu_works_with_the_keyboard_and_without_javascript(viewer, language):
    page = viewer(360)
    page.goto(f"/{language}/")
    page.locator(".language-switcher summary").focus()
    page.keyboard.press("Enter")
    assert_on_screen(page, f"{language} by keyboard")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.language-switcher ul') !== null")

    page = viewer(360, javascript=False)
    page.goto(f"/{language}/")
    page.locator(".language-switcher summary").click()
    assert_on_screen(page, f"{language} without JavaScript")


GRID_FILL = """(count) => {
    const grid = document.querySelector(".card-grid");
    const items = [...grid.children];
    while (grid.children.length > count) grid.lastElementChild.remove();
    while (grid.children.length < count) grid.append(items[0].cloneNode(true));
    const box = grid.getBoundingClientRect();
    const boxes = [...grid.children].map((item) => item.getBoundingClientRect());
    return {
        gridLeft: box.left, gridRight: box.right,
        left: Math.min(...boxes.map((b) => b.left)),
        right: Math.max(...boxes.map((b) => b.right)),
        rows: new Set(boxes.map((b) => Math.round(b.top))).size,
    };
}"""


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_a_card_grid_fills_its_row(viewer, count):
    page = viewer(1280)
    page.goto("/en/")
    layout = page.evaluate(GRID_FILL, count)
    assert layout["rows"] == 1, layout
    assert abs(layout["left"] - layout["gridLeft"]) <= 1, layout
    assert abs(layout["right"] - layout["gridRight"]) <= 1, f"{count} cards leave a gap: {layout}"


def test_nothing_found_spans_the_results_column(viewer):
    page = viewer(1280)
    page.goto("/en/search/?q=qqxjzvwk")
    layout = page.evaluate(
        """() => ({
            layout: document.querySelector(".search-layout").getBoundingClientRect().width,
            column: document.querySelector(".search-results-column").getBoundingClientRect().width,
        })"""
    )
    assert layout["column"] >= layout["layout"] * 0.6, layout


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_change_log_sits_in_the_text_column_without_stray_numbers(viewer, language):
    page = viewer(1280)
    page.goto(f"/{language}/policy/copyright-reform/")
    layout = page.evaluate(
        """() => {
            const body = document.querySelector(".detail__body").getBoundingClientRect();
            const list = document.querySelector(".change-log");
            const items = [...list.children].map((item) => item.getBoundingClientRect());
            const style = getComputedStyle(list.children[0]);
            return {
                body: [body.left, body.right],
                items: items.map((b) => [b.left, b.right]),
                marker: style.listStyleType, position: style.listStylePosition,
            };
        }"""
    )
    left, right = layout["body"]
    assert all(left - 1 <= a and b <= right + 1 for a, b in layout["items"]), layout
    # Numbers printed in the margin, counting the newest as 1, read wrong: dates tell the order.
    assert layout["marker"] == "none" or layout["position"] == "inside", layout


@pytest.mark.parametrize(
    "path", ["/en/campaigns/freedom-of-panorama/", "/ar/stories/panorama-photo-marathon/"]
)
def test_sidebar_headings_share_one_size(viewer, path):
    page = viewer(1280)
    page.goto(path)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(
            ".detail__aside h2, .detail__aside h3, .detail__aside h4")].map(
            (heading) => [heading.textContent.trim(), getComputedStyle(heading).fontSize])"""
    )
    assert len(sizes) >= 2, sizes
    assert len({size for _, size in sizes}) == 1, sizes


IMAGE = """async (selector) => {
    const image = document.querySelector(selector);
    image.loading = "eager";
    image.scrollIntoView();
    if (!image.complete) await new Promise((done) => image.addEventListener("load", done));
    return {srcset: image.getAttribute("srcset") || "", sizes: image.getAttribute("sizes") || "",
            current: image.currentSrc, natural: image.naturalWidth};
}"""


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("/en/", ".hero__image"),
        ("/en/", ".card__image"),
        ("/ar/campaigns/", ".card__image"),
        ("/en/campaigns/freedom-of-panorama/", ".detail__image"),
    ],
)
def test_a_phone_gets_a_small_image(viewer, path, selector):
    page = viewer(412)
    page.goto(path)
    image = page.evaluate(IMAGE, selector)
    widths = [int(width) for width in re.findall(r"\s(\d+)w(?:,|$)", image["srcset"])]
    assert len(widths) >= 3, image
    assert image["sizes"], image
    # The page column of a 412 px phone is under 412 px wide: a candidate of at most 480 px.
    assert image["natural"] <= 480, image
    assert image["current"].split("?")[0].endswith(".webp"), image


@pytest.mark.parametrize("panel_direction", ["rtl", "ltr"])
def test_the_honeypot_never_widens_a_right_to_left_page(page, panel_direction):
    """An action shown in the original (``dir="ltr"``) on an Arabic page keeps its honeypot out
    of sight without pushing the page wider than the screen (it used to double its width)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/static/actions/actions.css")  # same origin, for the stylesheet
    page.set_content(
        '<!doctype html><html lang="ar" dir="rtl"><head>'
        '<link rel="stylesheet" href="/static/actions/actions.css"></head><body>'
        f'<section class="action-panel" dir="{panel_direction}"><form>'
        '<div class="action-hp" aria-hidden="true"><label for="w">Website</label>'
        '<input id="w" name="website" tabindex="-1"></div></form></section></body></html>'
    )
    page.wait_for_load_state("load")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    box = page.locator(".action-hp").bounding_box()
    assert box is None or box["width"] <= 1
