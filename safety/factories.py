import datetime

import factory

from core.factories import BasePageFactory

from .models import SafetyGuidePage, SafetyIndexPage


class SafetyIndexPageFactory(BasePageFactory):
    title = "Safety centre"
    slug = "safety"

    class Meta:
        model = SafetyIndexPage


class SafetyGuidePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Guide {n}")
    category = "digital"
    last_reviewed = datetime.date(2026, 10, 1)

    class Meta:
        model = SafetyGuidePage
