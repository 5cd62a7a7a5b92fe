import datetime

import factory

from core.factories import BasePageFactory, M2MPostGeneration

from .models import AuthorMode, StoryIndexPage, StoryOutcome, StoryPage


class StoryIndexPageFactory(BasePageFactory):
    title = "Stories"
    slug = "stories"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    outcome = StoryOutcome.SUCCESS
    date = datetime.date(2025, 6, 1)
    author_mode = AuthorMode.ANONYMOUS

    topics = M2MPostGeneration.setter("topics")
    regions = M2MPostGeneration.setter("regions")
    methods = M2MPostGeneration.setter("methods")
    partners = M2MPostGeneration.setter("partners")

    class Meta:
        model = StoryPage
