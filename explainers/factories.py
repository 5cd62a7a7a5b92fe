import datetime

import factory

from core.factories import BasePageFactory

from .models import PolicyExplainerIndexPage, PolicyExplainerPage


class PolicyExplainerIndexPageFactory(BasePageFactory):
    title = "Policy positions"
    slug = "policy"

    class Meta:
        model = PolicyExplainerIndexPage


class PolicyExplainerPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Position {n}")
    position_summary = "Knowledge should be free to read and reuse."
    owner_team = "Policy working group"
    last_reviewed = datetime.date(2026, 6, 1)
    next_review = datetime.date(2027, 1, 1)

    class Meta:
        model = PolicyExplainerPage
