from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "twofactor"
    verbose_name = _("Two-factor sign-in")

    def ready(self):
        from twofactor import checks  # noqa: F401  (registers the system checks)
