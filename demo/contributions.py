"""Demo contributions: stories sent in through the public form, in English, Spanish and Arabic,
one in each state a contributor can see (received, in review, published, declined), and two
advocacy proposals (one new, one accepted). The published one is Spanish: a contributed story
is written in one language, and an English one would show in every language's translation
queue. Made through the contributions services, as the
forms make them. Safe to run again: nothing is made once a contributed story exists."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from contributions import services
from contributions.models import Proposal, StorySubmission
from stories.models import StoryIndexPage

from .dates import backdate_first_publication

STORIES = [
    {
        "state": "received",
        "language": "en",
        "title": "A county archive opened its photographs after a year of letters",
        "outcome": "success",
        "date": datetime.date(2024, 11, 5),
        "context": "The county archive held forty thousand scanned photographs of local "
        "life, shown online behind a click-through licence that forbade reuse.",
        "methods_used": "Monthly letters from readers, a public list of photographs people "
        "wanted to reuse, and a meeting with the archive's board.",
        "what_happened": "After a year the board released the scans whose photographers had "
        "died more than seventy years ago into the public domain.",
        "evidence": [
            ("example.org/county-archive-decision", "https://example.org/county-archive-decision")
        ],
        "lessons": [
            "Ask for a first batch, not for everything.",
            "Bring readers, not only lawyers.",
        ],
        "author_mode": "pseudonymous",
        "author_name": "A friend of the archive",
    },
    {
        "state": "declined",
        "language": "en",
        "title": "Our editing evening at the town library did not happen",
        "outcome": "failure",
        "date": datetime.date(2025, 2, 20),
        "context": "We planned an evening of editing about local history.",
        "methods_used": "",
        "what_happened": "The room was given to another event at short notice.",
        "evidence": [],
        "lessons": [],
        "author_mode": "anonymous",
        "author_name": "",
        "reason": "Thank you for writing. This account has no public outcome that readers "
        "could learn from or check, so we will not publish it as a case.",
    },
    {
        "state": "in_review",
        "language": "es",
        "title": "La hemeroteca que cerró su consulta en línea",
        "outcome": "failure",
        "date": datetime.date(2025, 4, 2),
        "context": "Una hemeroteca regional ofrecía en línea sus periódicos del siglo XIX.",
        "methods_used": "Una petición firmada por usuarios y una carta al consejo.",
        "what_happened": "La consulta en línea pasó a exigir una suscripción de pago y la "
        "petición no recibió respuesta.",
        "evidence": [],
        "lessons": ["Reunir antes a las asociaciones de historia local."],
        "author_mode": "anonymous",
        "author_name": "",
    },
    {
        "state": "published",
        "language": "es",
        "title": "Un ayuntamiento publicó sus actas con licencia libre",
        "outcome": "success",
        "date": datetime.date(2019, 1, 28),
        "context": "Las actas de los plenos solo podían consultarse en papel.",
        "methods_used": "Preguntas en el turno de ruegos de cada pleno durante seis meses.",
        "what_happened": "El ayuntamiento publica ahora las actas en su web con una licencia "
        "que permite reutilizarlas.",
        "evidence": [],
        "lessons": ["La constancia en cada pleno funcionó mejor que una sola carta."],
        "author_mode": "pseudonymous",
        "author_name": "Vecina del barrio",
    },
    {
        "state": "received",
        "language": "ar",
        "title": "مكتبة جامعية أتاحت رسائلها العلمية للجميع",
        "outcome": "success",
        "date": datetime.date(2024, 9, 15),
        "context": "كانت الرسائل العلمية متاحة لطلاب الجامعة وحدهم داخل المكتبة.",
        "methods_used": "رسالة مفتوحة من الطلاب واجتماع مع إدارة المكتبة.",
        "what_happened": "وافقت الإدارة على نشر الرسائل الجديدة بترخيص حر على موقعها.",
        "evidence": [],
        "lessons": ["إشراك الأساتذة منذ البداية."],
        "author_mode": "anonymous",
        "author_name": "",
    },
]

PROPOSALS = [
    {
        "accept": False,
        "language": "es",
        "kind": "threat",
        "title": "Una ordenanza que prohíbe fotografiar edificios públicos",
        "country": "AR",
        "why_now": "El concejo la vota dentro de tres semanas y apenas se ha debatido.",
        "links": "https://example.org/ordenanza",
        "name_mode": "pseudonymous",
        "name": "Fotógrafa de plazas",
    },
    {
        "accept": True,
        "language": "en",
        "kind": "campaign",
        "title": "Open timetables for every regional bus network",
        "country": "GB",
        "why_now": "Regional transport authorities are renewing their data contracts this "
        "year: the new contracts can require open timetables.",
        "links": "https://example.org/bus-data",
        "name_mode": "named",
        "name": "Sam Example",
    },
]


def load_contributions(*, write):
    if StorySubmission.objects.exists() or Proposal.objects.exists():
        write("  contributions already there")
        return
    staff = get_user_model().objects.filter(is_superuser=True).first()
    for story in STORIES:
        if not StoryIndexPage.objects.filter(locale__language_code=story["language"]).exists():
            continue  # loaded without that language
        details = {key: value for key, value in story.items() if key not in ("state", "reason")}
        submission = services.submit_story(region_ids=[], topic_ids=[], email="", **details)
        page = submission.page
        if story["state"] == "in_review":
            # A moderator has taken the draft to review it (``services.story_status``).
            page.locked, page.locked_at, page.locked_by = True, timezone.now(), staff
            page.save(update_fields=["locked", "locked_at", "locked_by"])
        elif story["state"] == "published":
            page.get_latest_revision().publish(user=staff)
            # Published long ago, so that it leads no "latest" list or feed of the demo.
            backdate_first_publication(page, story["date"] + datetime.timedelta(days=60))
        elif story["state"] == "declined":
            services.decline_story(submission=submission, reason=story["reason"], user=staff)
    for proposal in PROPOSALS:
        details = {key: value for key, value in proposal.items() if key != "accept"}
        made = services.submit_proposal(email="", **details)
        if proposal["accept"]:
            services.accept_proposal(
                proposal=made,
                user=staff,
                reason="Thank you: we are drafting this campaign with two partners.",
            )
    write(f"  {len(STORIES)} contributed stories, {len(PROPOSALS)} proposals")
