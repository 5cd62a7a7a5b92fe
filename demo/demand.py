"""Demo readers' demand: plausible daily counters for the last 45 days (yesterday back), so
that the translators' queue, its chart and the editors' "most asked-for" have something to
show. Seeded, so every load makes the same figures; skipped where counters exist already."""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale, Page

from demand.models import PageDemand

DAYS = 45
SEED = 16
# Readers per language, relative: a large Hindi and Brazilian readership with few translations
# is the case the queue's demand order is for.
AUDIENCE = {
    "en": 1.0, "hi": 0.7, "pt-br": 0.6, "ar": 0.5, "fr": 0.45, "es": 0.45, "ru": 0.3,
    "zh-hans": 0.25, "de": 0.2,
}  # fmt: skip


def load_demand(*, write=None):
    """Create the counters; returns how many rows were made (0 if counters exist already)."""
    if PageDemand.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo figures, not secrets
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    pages = Page.objects.filter(locale=locales[settings.LANGUAGE_CODE], depth__gt=2, live=True)
    keys = list(pages.order_by("path").values_list("translation_key", flat=True))
    live = set(
        Page.objects.filter(translation_key__in=keys, live=True).values_list(
            "translation_key", "locale__language_code"
        )
    )
    today = timezone.localdate()
    rows = []
    for key in keys:
        popularity = rng.lognormvariate(1.2, 0.9)  # a few pages draw most readers
        for code, audience in AUDIENCE.items():
            if code not in locales:
                continue
            translated = (key, code) in live
            for age in range(1, DAYS + 1):
                weekend = (today - datetime.timedelta(days=age)).weekday() >= 5
                mean = popularity * audience * (0.6 if weekend else 1.0)
                views = max(0, round(rng.gauss(mean, mean / 3)))
                if views:
                    rows.append(
                        PageDemand(
                            translation_key=key,
                            locale=locales[code],
                            day=today - datetime.timedelta(days=age),
                            views=views if translated else 0,
                            fallback_views=0 if translated else views,
                        )
                    )
    PageDemand.objects.bulk_create(rows, batch_size=1000)
    if write:
        write(f"  {len(rows)} daily demand counters")
    return len(rows)
