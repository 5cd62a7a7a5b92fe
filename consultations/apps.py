from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Editors open consultations; Moderators open them too and moderate readers' comments.
CONSULTATION_PERMISSIONS = {
    "Editors": ["consultations.add_consultation", "consultations.change_consultation"],
    "Moderators": [
        "consultations.add_consultation",
        "consultations.change_consultation",
        "consultations.delete_consultation",
        "consultations.moderate_comments",
    ],
}


def _ensure_roles(sender, **kwargs):
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles(permissions=CONSULTATION_PERMISSIONS)


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        # Here, not at the top: selectors read models, not loaded when this module is imported.
        from explainers.selectors import register_change_log_source  # (ready)

        from .selectors import change_log_entries  # (ready)

        post_migrate.connect(_ensure_roles, dispatch_uid="portal_consultation_roles")
        # The explainer's public change log links closed consultations and their summaries;
        # explainers sits below consultations and cannot name them.
        register_change_log_source(change_log_entries)
