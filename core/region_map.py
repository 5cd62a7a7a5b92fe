"""A schematic map of the world by region, drawn on the server: one circle per region, placed
roughly where the region lies, sized by how many organisations work there. No tiles, scripts
or fonts from elsewhere: the template draws plain SVG from ``region_map``'s figures, with a
title, a description and the same figures as a list beside it."""

import math
from dataclasses import dataclass

WIDTH = 1000
HEIGHT = 500

# Where each region of the portal's taxonomy sits on a 1000 x 500 equirectangular sketch.
PLACES = {
    "north-america": (230, 150),
    "latin-america": (320, 340),
    "europe": (510, 120),
    "africa": (530, 300),
    "middle-east-north-africa": (600, 190),
    "south-asia": (720, 300),
    "asia-pacific": (850, 200),
    "global": (500, 450),
}


@dataclass
class RegionMark:
    slug: str
    name: str
    count: int
    x: int
    y: int
    radius: int

    @property
    def label_y(self):
        return self.y + self.radius + 18


def region_map(counts):
    """``counts``: ``[(slug, name, count)]``. The marks to draw, biggest first in the list
    (smallest drawn last, on top). Regions the sketch does not place are set along the foot."""
    marks = []
    spare = 0
    for slug, name, count in counts:
        if slug in PLACES:
            x, y = PLACES[slug]
        else:
            spare += 1
            x, y = 80 + 110 * (spare - 1), HEIGHT - 40
        radius = int(16 + 10 * math.sqrt(count)) if count else 13
        marks.append(RegionMark(slug, name, count, x, y, radius))
    return sorted(marks, key=lambda mark: -mark.radius)
