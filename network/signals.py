"""A new version of a position: the organisations behind an earlier one are invited to renew,
from a task once the publish is committed."""

from django.db import transaction

from .tasks import invite_renewals_task


def on_publish(sender, instance, **kwargs):
    if instance._meta.model_name != "policyexplainerpage":
        return
    page_id = instance.pk
    transaction.on_commit(lambda: invite_renewals_task.enqueue(page_id))
