from django.core.management.base import BaseCommand

from agenda.services import purge_event_registrations


class Command(BaseCommand):
    help = (
        "Delete event registrations once their event is over "
        "(PORTAL_EVENTS_REGISTRATION_KEEP_HOURS), and unconfirmed ones past their link's life."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {purge_event_registrations()} event registration(s).")
