from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import ensure_admin, ensure_role_accounts
from demo.loader import DemoLoader
from demo.queue_states import prepare_queue_states


class Command(BaseCommand):
    help = "Load the demo site and its translations. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--languages",
            help="Comma-separated language codes to translate into (default: all the demo has).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            help="Load at most this many items of each kind (for quick checks).",
        )
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the admin user nor the demo accounts of each role.",
        )

    def handle(self, *args, languages=None, limit=None, no_admin=False, **options):
        codes = [code.strip() for code in languages.split(",")] if languages else None
        known = {code for code, _name in settings.LANGUAGES}
        unknown = sorted(set(codes or []) - known)
        if unknown:
            raise CommandError(
                f"Unknown language code(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        if limit is not None and limit < 1:
            raise CommandError("--limit must be a positive number.")
        loader = DemoLoader(write=self.stdout.write, languages=codes, limit=limit)
        loader.run()
        if not no_admin:
            ensure_role_accounts(write=self.stdout.write)
            ensure_admin(write=self.stdout.write)
        prepare_queue_states(write=self.stdout.write)
