import atexit

from django.apps import AppConfig
from django.core.signals import request_finished


def _flush_if_due(**kwargs):
    from demand import counting  # it writes models: not before the apps are ready

    counting.flush_if_due()


def _flush_at_exit():
    from demand import counting  # (models, likewise)

    counting.flush(quiet=True)


class DemandConfig(AppConfig):
    name = "demand"
    verbose_name = "Readers' demand"

    def ready(self):
        # After the response has gone out: a due flush never delays a reader's page.
        request_finished.connect(_flush_if_due, dispatch_uid="portal_demand_flush")
        atexit.register(_flush_at_exit)
