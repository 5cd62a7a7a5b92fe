from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The portal's user model, in place from the first migration so that it can grow safely."""

    class Meta:
        db_table = "users_user"
