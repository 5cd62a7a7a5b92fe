import datetime

from django.core.management.base import BaseCommand, CommandError

from consultations.services import purge_comments


class Command(BaseCommand):
    help = (
        "Delete consultation comments no longer needed: rejected ones, and ones never "
        "moderated once their consultation has closed, after "
        "PORTAL_CONSULTATION_COMMENT_RETENTION_DAYS (30). Run nightly; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("--today must be a date such as 2026-01-31.") from error
        self.stdout.write(f"Deleted {purge_comments(today=day)} consultation comment(s).")
