"""Typo tolerance on PostgreSQL (``search.backends.typos``): the ``pg_trgm`` extension and a GIN
trigram index on each document's title and summary.

Where the migration's database user may not create extensions (some managed databases), the
migration goes on without them and search works without typo tolerance; deploy/README.md says
what to run by hand. Nothing on SQLite: its typo tolerance needs no schema.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "search_document_trigrams"
CREATE_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument "
    "USING gin ((title || ' ' || summary) gin_trgm_ops)"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning(
            "pg_trgm could not be created (%s): search works without typo tolerance until it "
            "is (see deploy/README.md).",
            error,
        )
        return
    schema_editor.execute(CREATE_INDEX)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The extension stays: other applications of the database may use it.
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_passages_and_truncation")]

    operations = [migrations.RunPython(forward, backward)]
