import datetime

import factory

from core.factories import BasePageFactory, M2MPostGeneration

from .models import CampaignIndexPage, CampaignPage, CampaignStatus


class CampaignIndexPageFactory(BasePageFactory):
    title = "Campaigns"
    slug = "campaigns"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Campaign {n}")
    status = CampaignStatus.LIVE
    start_date = datetime.date(2025, 1, 1)

    topics = M2MPostGeneration.setter("topics")
    regions = M2MPostGeneration.setter("regions")
    partners = M2MPostGeneration.setter("partners")
    explainers = M2MPostGeneration.setter("explainers")

    class Meta:
        model = CampaignPage
