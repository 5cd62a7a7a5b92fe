"""Factories for what every content type builds on: terms, images, the base page."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.conf import settings
from django.utils.text import slugify

from wagtail.models import Locale

from core.models import Method, Region, Topic


def default_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


class TermFactory(DjangoModelFactory):
    locale = factory.LazyFunction(default_locale)
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        abstract = True
        django_get_or_create = ("locale", "slug")


class TopicFactory(TermFactory):
    description = "A policy area the movement works on."

    class Meta:
        model = Topic


class RegionFactory(TermFactory):
    class Meta:
        model = Region


class MethodFactory(TermFactory):
    class Meta:
        model = Method


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.LazyAttribute(lambda obj: f"Illustration: {obj.title}")


class BasePageFactory(wagtail_factories.PageFactory):
    """Creates a page under ``parent`` (a keyword argument) and publishes a first revision."""

    summary = "A short summary for listings."
    # ``publish=False`` leaves the page without a revision; otherwise a first revision is
    # published once every relation has been set.
    publish = factory.PostGeneration(lambda obj, create, extracted, **kwargs: extracted)

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and (results or {}).get("publish") is not False:
            instance.save_revision().publish()


class M2MPostGeneration:
    """Sets ParentalManyToMany relations given as keyword arguments (e.g. ``topics=[...]``)."""

    @staticmethod
    def setter(field_name):
        def set_values(obj, create, extracted, **kwargs):
            if extracted is not None:
                getattr(obj, field_name).set(extracted)
                if create:
                    obj.save()

        set_values.__name__ = field_name
        return factory.PostGeneration(set_values)
