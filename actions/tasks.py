"""Mail sent outside the request (django-tasks): the request that asks for it does the same
work whatever the mail turns out to be, and does not wait for the mail server."""

import logging

from django_tasks import task

from safeguards.mail import MailError

from . import services

logger = logging.getLogger(__name__)


@task()
def send_data_link_task(email: str, language: str) -> None:
    try:
        services.request_data_link(email=email, language=language)
    except MailError:
        logger.warning("A data link could not be mailed.")
