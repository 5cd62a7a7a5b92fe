from django.core.management.base import BaseCommand

from translations.services import ensure_locale_roles


class Command(BaseCommand):
    help = "Create each language's translators' and reviewers' groups, permissions and workflow."

    def handle(self, *args, **options):
        ensure_locale_roles()
        self.stdout.write("Translation roles are in place.")
