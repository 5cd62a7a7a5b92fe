from django.core.management.base import BaseCommand

from spokespeople.services import purge


class Command(BaseCommand):
    help = (
        "Delete offers to speak left unconfirmed PORTAL_SPOKESPEOPLE_UNCONFIRMED_DAYS. Run "
        "daily from the scheduler; safe to run again."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {purge()} unconfirmed offer(s) to speak.")
