import smtplib

from django.core.management.base import BaseCommand, CommandError

from translations.digests import send_digests


class Command(BaseCommand):
    help = (
        "Email each translator a digest of their languages' queues: pages waiting, the oldest, "
        "the ones they claimed. Run daily from the scheduler; a language's digest goes out at "
        "most once per PORTAL_TRANSLATION_DIGEST_HOURS (20), so running it again sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Send even if a digest went out recently."
        )

    def handle(self, *args, force=False, **options):
        try:
            sent = send_digests(force=force)
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(f"Mail could not be sent: {error}") from error
        self.stdout.write(f"{sent} digest(s) sent.")
