"""Wagtail's page and workflow signals, turned into notices (``translations.notices``).

Connected once in ``TranslationsConfig.ready``. Each receiver hands over to a service; none
emails (Wagtail's own workflow emails do that).
"""

from django.conf import settings

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    task_approved,
    task_cancelled,
    task_rejected,
    task_submitted,
)

from . import notices


def on_page_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        notices.notify_outdated(source=instance)


def on_task_submitted(sender, instance, user=None, **kwargs):
    notices.notify_submitted(task_state=instance, user=user)


def on_task_rejected(sender, instance, **kwargs):
    notices.notify_sent_back(task_state=instance)


def on_task_finished(sender, instance, **kwargs):
    notices.review_finished(task_state=instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="translation_notice_outdated")
    task_submitted.connect(on_task_submitted, dispatch_uid="translation_notice_submitted")
    task_rejected.connect(on_task_rejected, dispatch_uid="translation_notice_sent_back")
    task_approved.connect(on_task_finished, dispatch_uid="translation_notice_approved")
    task_cancelled.connect(on_task_finished, dispatch_uid="translation_notice_cancelled")
