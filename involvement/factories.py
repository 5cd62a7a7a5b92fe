from core.factories import BasePageFactory

from .models import DecisionsPage, GetInvolvedPage


class GetInvolvedPageFactory(BasePageFactory):
    title = "Get involved"
    slug = "get-involved"

    class Meta:
        model = GetInvolvedPage


class DecisionsPageFactory(BasePageFactory):
    title = "How decisions are made"
    slug = "how-decisions-are-made"

    class Meta:
        model = DecisionsPage
