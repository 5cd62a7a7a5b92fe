"""Readers' demand: daily counters, nothing else.

A row counts, for one page (its ``translation_key``, shared by the source and every
translation), one reader language (the language of the URL the reader asked for, not the
language of the page shown) and one day, how many views the page had in that language and how
many of those showed the original because no translation exists yet (the "not translated yet"
fallback). Searches are counted per reader language and day. No IP address, cookie, user,
user agent or time of day is kept; rows older than ``PORTAL_DEMAND_RETENTION_DAYS`` are purged.
"""

from django.db import models


class PageDemand(models.Model):
    translation_key = models.UUIDField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)  # the translation in the reader's language
    fallback_views = models.PositiveIntegerField(default=0)  # the original, none existing

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale", "day"], name="unique_page_demand_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="page_demand_day")]

    def __str__(self):
        return f"{self.translation_key} {self.locale_id} {self.day}"


class SearchDemand(models.Model):
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    found_elsewhere = models.PositiveIntegerField(default=0)  # only in other languages
    found_nothing = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "day"], name="unique_search_demand_per_day")
        ]

    def __str__(self):
        return f"{self.locale_id} {self.day}"
