import datetime

from django.core.management.base import BaseCommand, CommandError

from demand.services import purge_demand


class Command(BaseCommand):
    help = (
        "Delete readers' demand counters older than PORTAL_DEMAND_RETENTION_DAYS. Run nightly "
        "from the scheduler; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("--today must be a date such as 2026-01-31.") from error
        self.stdout.write(f"Deleted {purge_demand(today=day)} demand counter row(s).")
