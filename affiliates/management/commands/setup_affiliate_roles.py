from django.core.management.base import BaseCommand

from affiliates.services import ensure_affiliate_roles


class Command(BaseCommand):
    help = (
        "Create each affiliate's editors' and moderators' groups, their page permissions on "
        "the affiliate's section and its review workflow. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be made.")

    def handle(self, *args, dry_run=False, **options):
        made = ensure_affiliate_roles(dry_run=dry_run)
        for line in made:
            self.stdout.write(("Would make " if dry_run else "Made ") + line)
        self.stdout.write(f"Affiliate roles are in place ({len(made)} changes).")
