"""The demo's administrator account."""

import secrets

from django.contrib.auth import get_user_model


def ensure_admin(*, write):
    """Create an ``admin`` superuser with a random password the first time, and say so."""
    User = get_user_model()
    if User.objects.filter(username="admin").exists():
        write(
            "Admin user 'admin' already exists (reset with: python manage.py changepassword admin)."
        )
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(username="admin", email="admin@example.org", password=password)
    write(f"Admin login: admin / {password}  (http://127.0.0.1:8000/admin/)")
    return password
