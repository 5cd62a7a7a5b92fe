import factory

from core.factories import BasePageFactory, M2MPostGeneration

from .models import PartnerIndexPage, PartnerLanguage, PartnerPage


class PartnerIndexPageFactory(BasePageFactory):
    title = "Partners"
    slug = "partners"

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Partner organisation {n}")
    website = "https://example.org/partner"

    topics = M2MPostGeneration.setter("topics")
    regions = M2MPostGeneration.setter("regions")

    class Meta:
        model = PartnerPage

    @factory.post_generation
    def language_codes(obj, create, extracted, **kwargs):
        if extracted:
            obj.languages = [PartnerLanguage(code=code) for code in extracted]
            if create:
                obj.save()
