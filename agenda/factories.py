import datetime

import factory

from django.utils import timezone

from core.factories import BasePageFactory, M2MPostGeneration

from .models import EventIndexPage, EventLanguage, EventPage


class EventIndexPageFactory(BasePageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=1))
    time_zone = "Europe/Paris"

    topics = M2MPostGeneration.setter("topics")
    regions = M2MPostGeneration.setter("regions")

    class Meta:
        model = EventPage

    @factory.post_generation
    def language_codes(obj, create, extracted, **kwargs):
        if extracted:
            obj.languages = [EventLanguage(code=code) for code in extracted]
            if create:
                obj.save()
