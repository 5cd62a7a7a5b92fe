"""An index on Wagtail's ``url_path``: the portal's router finds a page by its path, which
without one is a scan of every page, once per route and publish (``core.routing``)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_page_chooser_without_empty_query"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS portal_page_url_path",
        ),
    ]
