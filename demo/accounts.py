"""The demo's accounts: an administrator, and one account for each role people have in the
portal, so that the admin can be tried as each of them. Demo only: ``load_demo`` creates them
(never a deployment), with random passwords said once, when the account is made."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

# username: (group, what the account is for)
ROLE_ACCOUNTS = {
    "editor": ("Editors", "writes and submits pages, looks after taxonomies and actions"),
    "moderator": ("Moderators", "reviews and publishes source-language pages"),
    "translator-fr": ("French translators", "translates into French"),
    "reviewer-fr": ("French reviewers", "reviews and publishes French translations"),
    "translator-ar": ("Arabic translators", "translates into Arabic"),
    "reviewer-ar": ("Arabic reviewers", "reviews and publishes Arabic translations"),
    "affiliate-editor-levant": (
        "Levant Reading Rooms editors",
        "writes and submits pages in the Levant Reading Rooms' section only",
    ),
    "affiliate-moderator-levant": (
        "Levant Reading Rooms moderators",
        "approves and publishes the Levant Reading Rooms' section",
    ),
    "affiliate-editor-sahel": (
        "Sahel Open Libraries editors",
        "writes and submits pages in the Sahel Open Libraries' section only",
    ),
    "affiliate-moderator-sahel": (
        "Sahel Open Libraries moderators",
        "approves and publishes the Sahel Open Libraries' section",
    ),
}


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


def ensure_role_accounts(*, write):
    """One account per role in ``ROLE_ACCOUNTS``, each in its group only, with a random
    password said when the account is made. Returns ``{username: password}`` of those made."""
    User = get_user_model()
    made = {}
    write("Demo accounts, one per role (passwords are shown once, when the account is made):")
    for username, (group_name, role) in ROLE_ACCOUNTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            write(f"  {username}: no group '{group_name}', skipped")
            continue
        if User.objects.filter(username=username).exists():
            write(f"  {username} ({role}): exists (python manage.py changepassword {username})")
            continue
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, email=f"{username}@example.org", password=password
        )
        user.groups.add(group)
        made[username] = password
        write(f"  {username} / {password}  ({role})")
    return made
