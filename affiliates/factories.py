import factory

from core.factories import BasePageFactory, M2MPostGeneration

from .models import AffiliateIndexPage, AffiliateLanguage, AffiliatePage


class AffiliateIndexPageFactory(BasePageFactory):
    title = "Affiliates"
    slug = "affiliates"

    class Meta:
        model = AffiliateIndexPage


class AffiliatePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Affiliate {n}")
    contact_email = "info@example.org"

    topics = M2MPostGeneration.setter("topics")
    regions = M2MPostGeneration.setter("regions")

    class Meta:
        model = AffiliatePage

    @factory.post_generation
    def language_codes(obj, create, extracted, **kwargs):
        if extracted:
            obj.languages = [AffiliateLanguage(code=code) for code in extracted]
            if create:
                obj.save()
