from django.core.management.base import BaseCommand

from contributions.services import purge_contacts


class Command(BaseCommand):
    help = (
        "Delete contributors' email addresses no longer needed: PORTAL_CONTRIBUTIONS_CONTACT_DAYS "
        "after the decision on their story or proposal, and unconfirmed ones once their link "
        "has expired. Run daily from the scheduler; safe to run again."
    )

    def handle(self, *args, **options):
        deleted = purge_contacts()
        self.stdout.write(f"Deleted {deleted} contributor contact(s).")
