from django.core.management.base import BaseCommand

from network.services import purge_requests


class Command(BaseCommand):
    help = (
        "Delete endorsement requests left unconfirmed PORTAL_NETWORK_UNCONFIRMED_DAYS, and forget "
        "the contact address of those decided PORTAL_NETWORK_REQUEST_DAYS ago. Run daily from "
        "the scheduler; safe to run again."
    )

    def handle(self, *args, **options):
        deleted, emptied = purge_requests()
        self.stdout.write(
            f"Deleted {deleted} unconfirmed request(s); forgot the address of {emptied}."
        )
