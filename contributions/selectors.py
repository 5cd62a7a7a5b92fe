"""Reads: the contribution a status link names, and the terms the story form offers."""

from django.conf import settings

from core.models import Region, Topic

from . import tokens
from .models import Proposal, StorySubmission


def contribution_for_status(token):
    """The submission or proposal of a status link. Raises tokens.BadToken."""
    kind, pk, secret = tokens.read_status(token)
    if kind == "proposal":
        contribution = Proposal.objects.filter(pk=pk).first()
    else:
        contribution = StorySubmission.objects.select_related("page").filter(pk=pk).first()
    if not tokens.secret_matches(contribution, secret):
        raise tokens.BadToken
    return contribution


def term_choices(model, language):
    """``[(source term id, name in language)]``: pages link to the source-language terms."""
    source = list(
        model.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("name")
    )
    names = dict(
        model.objects.filter(
            locale__language_code=language,
            translation_key__in=[term.translation_key for term in source],
        ).values_list("translation_key", "name")
    )
    choices = [(term.pk, names.get(term.translation_key, term.name)) for term in source]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def topic_choices(language):
    return term_choices(Topic, language)


def region_choices(language):
    return term_choices(Region, language)
