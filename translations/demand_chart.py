"""The queue's chart of readers' demand against coverage, per language, as data for an inline
SVG (no script): for each language, the share of source pages translated and up to date, and
how many views of the last 30 days showed the original to its readers for want of a
translation."""

from demand import selectors as demand_selectors

BAR_WIDTH = 200  # pixels for 100 % and for the largest demand
ROW_HEIGHT = 26


def demand_chart(counts):
    """``counts``: ``[(locale, {state: count})]`` as the queue's progress chart has them."""
    demand = demand_selectors.language_demand()
    largest = max(
        (demand.get(locale.pk, {}).get("fallback_views", 0) for locale, _states in counts),
        default=0,
    )
    bars = []
    for index, (locale, states) in enumerate(counts):
        total = sum(states.values())
        coverage = round(100 * states["done"] / total) if total else 0
        asked = demand.get(locale.pk, {}).get("fallback_views", 0)
        bars.append(
            {
                "y": index * ROW_HEIGHT,
                "label": locale.get_display_name(),
                "coverage": coverage,
                "coverage_width": BAR_WIDTH * coverage / 100,
                "demand": asked,
                "demand_width": BAR_WIDTH * asked / largest if largest else 0,
            }
        )
    return {"bars": bars, "height": len(bars) * ROW_HEIGHT}
