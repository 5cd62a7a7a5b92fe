from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from twofactor import services


class Command(BaseCommand):
    help = "Remove every second factor of a user who lost theirs: they enrol again at sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user {username!r}.") from error
        count = services.reset_factors(user=user)
        self.stdout.write(f"Removed {count} factor(s) of {username}.")
