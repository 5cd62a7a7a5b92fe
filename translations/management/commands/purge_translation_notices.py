from django.core.management.base import BaseCommand

from translations.notices import purge_read_notices


class Command(BaseCommand):
    help = (
        "Delete translation notices read PORTAL_TRANSLATION_NOTICE_DAYS ago or more. Run daily "
        "from the scheduler; safe to run again."
    )

    def handle(self, *args, **options):
        deleted = purge_read_notices()
        self.stdout.write(f"Deleted {deleted} read translation notice(s).")
