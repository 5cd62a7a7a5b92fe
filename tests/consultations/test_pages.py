"""The public consultation page: the comparison, comments, the form and its safeguards."""

import datetime

import pytest

from django.utils import timezone

from consultations.models import CommentState, Consultation, ConsultationComment
from explainers.models import PolicyExplainerPage

from .conftest import CLOSED, OPEN
from .helpers import comment_data, url

pytestmark = pytest.mark.django_db


def test_open_consultation_in_english(client, open_consultation):
    response = client.get(url("en", OPEN))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Revising our position on net neutrality enforcement" in html
    assert "How to read the changes" in html
    # Changed, added and removed sections, each said in words.
    assert 'id="section-enforcement-and-affordability"' in html
    assert "<ins>" in html and "<del>" in html
    assert "New section" in html and "Section removed" in html
    assert "Reasonable traffic management" in html  # the removed section, still shown
    # Published comments under their section, labelled with their language; pending ones not.
    assert "how long each complaint took to resolve" in html
    assert 'lang="ar" dir="rtl"' in html and "نرجو أن يُنشر التقرير السنوي" in html
    assert 'lang="fr" dir="ltr"' in html and ">French<" in html and ">Arabic<" in html
    assert "Who would maintain the measurement software" not in html
    # The form is there while it is open, with its safeguards.
    assert 'name="started"' in html and 'name="website"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_translated_proposal_in_arabic(client, open_consultation):
    html = client.get(url("ar", OPEN)).content.decode()
    assert "مراجعة موقفنا من إنفاذ حياد الإنترنت" in html
    assert "قياس مفتوح" in html  # the added section, in Arabic
    assert 'dir="rtl"' in html
    assert "not been translated" not in html


def test_untranslated_language_reads_the_original_with_the_notice(client, open_consultation):
    html = client.get(url("ru", OPEN)).content.decode()
    assert "Revising our position on net neutrality enforcement" in html
    assert 'class="notice notice--untranslated"' in html
    assert '<h1 lang="en" dir="ltr">' in html
    assert '<main id="main" class="container" tabindex="-1">' in html


def test_served_in_few_queries(client, open_consultation, django_assert_max_num_queries):
    client.get(url("fr", OPEN))  # fills the lookups every page shares
    client.get(url("ru", OPEN))
    with django_assert_max_num_queries(6):
        response = client.get(url("fr", OPEN))
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url("ru", OPEN)).status_code == 200


def test_not_yet_open_and_unknown_are_not_found(client, open_consultation):
    Consultation.objects.filter(translation_key=open_consultation.translation_key).update(
        opens_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert client.get(url("en", OPEN)).status_code == 404
    assert client.get(url("en", "no-such-consultation")).status_code == 404


def test_open_and_closed_by_date(open_consultation):
    today = open_consultation.opens_on
    assert open_consultation.state_on(today - datetime.timedelta(days=1)) == "upcoming"
    assert open_consultation.state_on(today) == "open"
    assert open_consultation.state_on(open_consultation.closes_on) == "open"
    assert open_consultation.state_on(open_consultation.closes_on + datetime.timedelta(1)) == (
        "closed"
    )


def test_closed_consultation_shows_summary_and_no_form(client, closed_consultation):
    response = client.get(url("en", CLOSED))
    html = response.content.decode()
    assert "This consultation closed on" in html
    assert "What changed and why" in html and "Readers agreed" in html
    assert 'class="consultation-form"' not in html
    assert "no longer takes comments" in html
    before = ConsultationComment.objects.count()
    response = client.post(url("en", CLOSED), comment_data(section="upload-filters"))
    assert response.status_code == 410
    assert ConsultationComment.objects.count() == before


def test_a_comment_waits_for_a_moderator(client, open_consultation):
    response = client.post(url("fr", OPEN), comment_data(display_name="Léa", body="D'accord."))
    assert response.status_code == 302
    assert response["Location"] == url("fr", OPEN) + "?sent=1#comment-sent"
    comment = ConsultationComment.objects.get(body="D'accord.")
    assert comment.state == CommentState.PENDING
    assert comment.language == "fr"
    assert comment.display_name == "Léa"
    assert comment.consultation.locale.language_code == "fr"
    html = client.get(response["Location"]).content.decode()
    assert "D&#x27;accord." not in html and "D'accord." not in html
    assert 'id="comment-sent"' in html


def test_bad_input_comes_back_with_what_was_typed(client, open_consultation):
    response = client.post(
        url("en", OPEN),
        comment_data(section="no-such-section", body="Kept text", display_name="Al"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Kept text</textarea>" in html and 'value="Al"' in html
    response = client.post(url("en", OPEN), comment_data(body="   "))
    assert "Please write a comment." in response.content.decode()
    # A removed section takes no comments.
    response = client.post(url("en", OPEN), comment_data(section="traffic-management"))
    assert response.status_code == 200
    assert not ConsultationComment.objects.filter(section_anchor="traffic-management").exists()


def test_honeypot_and_replayed_form_are_refused(client, open_consultation):
    before = ConsultationComment.objects.count()
    response = client.post(url("en", OPEN), comment_data(website="http://spam.example"))
    assert "leave the hidden field empty" in response.content.decode()
    data = comment_data()
    assert client.post(url("en", OPEN), data).status_code == 302
    response = client.post(url("en", OPEN), data)
    assert "already sent" in response.content.decode()
    assert ConsultationComment.objects.count() == before + 1


def test_rate_limited(client, open_consultation, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 1
    assert client.post(url("en", OPEN), comment_data()).status_code == 302
    response = client.post(url("en", OPEN), comment_data(body="Again"))
    assert response.status_code == 429
    assert "Again</textarea>" in response.content.decode()


def test_section_link_preselects_the_section(client, open_consultation):
    html = client.get(url("en", OPEN) + "?section=open-measurement").content.decode()
    assert '<option value="open-measurement" selected>' in html


def test_explainer_change_log_links_the_closed_consultation(client, closed_consultation):
    explainer = PolicyExplainerPage.objects.get(slug="copyright-reform", locale__language_code="fr")
    html = client.get(explainer.url).content.decode()
    log = html.split('id="change-log"')[1]
    assert f'href="/fr/consultations/{CLOSED}/"' in log
    assert 'lang="en"' in log and "Readers agreed" in log
    # An open consultation has no summary yet: not in the change log.
    net = PolicyExplainerPage.objects.get(slug="net-neutrality", locale__language_code="en")
    assert "/consultations/" not in client.get(net.url).content.decode().split('id="change-log"')[1]
