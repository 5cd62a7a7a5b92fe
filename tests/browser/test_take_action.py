"""The "Take action" link by a campaign's title brings the action form into view, on a desktop
and on a phone, with the keyboard."""

import pytest

pytestmark = pytest.mark.browser

PANORAMA = "/es/campaigns/freedom-of-panorama/"


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)])
def test_take_action_brings_the_form_into_view(page, viewport):
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    page.goto(PANORAMA)
    link = page.locator("a.take-action")
    assert link.is_visible()
    assert link.bounding_box()["y"] < height  # by the title, without scrolling
    form = page.locator(".action-panel form.action-form").first
    assert form.bounding_box()["y"] > height  # the form itself is further down
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.startsWith('#action-')")
    target = page.evaluate("location.hash")
    assert page.locator(f"{target} form.action-form").count() == 1
    box = page.locator(target).bounding_box()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    # The panel's top is now at or just below the top of the window (sub-pixel rounding).
    assert -1 <= box["y"] < height, box
    assert not page.problems, "\n".join(page.problems)
