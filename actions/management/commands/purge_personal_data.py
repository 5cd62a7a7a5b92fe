import datetime

from django.core.management.base import BaseCommand, CommandError

from actions.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Delete signers' personal data that is no longer needed, keeping the counts: every "
        "signature of an action whose campaign ended its retention period ago, of a deleted "
        "action, and unconfirmed ones whose link expired. Run daily from the scheduler; safe "
        "to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("--today must be a date such as 2026-01-31.") from error
        report = purge_personal_data(today=day)
        self.stdout.write(
            f"Purged {report.actions} action(s): {report.signatures} signature(s) deleted, "
            f"{report.unconfirmed} expired unconfirmed signature(s) deleted."
        )
