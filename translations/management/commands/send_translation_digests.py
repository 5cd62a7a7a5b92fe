from django.core.management.base import BaseCommand

from translations.digests import send_digests


class Command(BaseCommand):
    help = "Email each language's translators a digest of new work in their queue."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
