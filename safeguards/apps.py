from django.apps import AppConfig


class SafeguardsConfig(AppConfig):
    """What every public form stands on: a honeypot, a signed start time used once, a rate
    limit on a salted digest of the client's address (never the address), and mail sent
    without trusting the request's host."""

    name = "safeguards"
    verbose_name = "Public form safeguards"

    def ready(self):
        # Here, not at the top: the filler reads settings, not loaded when this is imported.
        from core import holes  # (ready)

        from .started import started_value  # (ready)

        # A form's signed start time differs per reader: a hole in kept pages.
        holes.register_filler("started", lambda request: started_value())
