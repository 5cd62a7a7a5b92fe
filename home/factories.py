"""Factories for the home page and standard pages."""

import factory

from core.factories import BasePageFactory
from home.models import HomePage, StandardPage


class HomePageFactory(BasePageFactory):
    title = "Home"
    hero_title = "Knowledge is for everyone"

    class Meta:
        model = HomePage


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        model = StandardPage
