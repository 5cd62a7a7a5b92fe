import factory
from factory.django import DjangoModelFactory

from django.db.models import F

from core.factories import default_locale

from .models import ActionKind, ActionTally, CampaignAction, Signature
from .services import tally_for


class CampaignActionFactory(DjangoModelFactory):
    """An action on ``campaign`` (required), in the source language unless ``locale`` is given."""

    locale = factory.LazyFunction(default_locale)
    kind = ActionKind.PETITION
    title = factory.Sequence(lambda n: f"Action {n}")
    intro = "Add your name."
    consent_text = "I agree that my signature is counted and delivered."
    thank_you_text = "Thank you for signing."
    goal = 100

    class Meta:
        model = CampaignAction


class SignatureFactory(DjangoModelFactory):
    """A signature on ``action`` (required, not stored), unconfirmed unless confirmed_at is given.

    A confirmed signature made here also moves the count, as confirming one does.
    """

    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    language = "en"
    tally = factory.LazyAttribute(lambda obj: tally_for(obj.action))

    class Meta:
        model = Signature

    class Params:
        action = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        signature = super()._create(model_class, *args, **kwargs)
        if signature.confirmed_at is not None:
            ActionTally.objects.filter(pk=signature.tally_id).update(
                confirmed_count=F("confirmed_count") + 1
            )
        return signature
