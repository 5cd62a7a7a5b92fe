"""The database engine's full-text index beside ``SearchDocument``: a weighted ``tsvector`` with
GIN indexes on PostgreSQL, an FTS5 table on SQLite (see ``search.backends.database``)."""

from django.db import migrations

POSTGRES_FORWARD = [
    # The document's own language's configuration (stemmed), the same text as exact words
    # ('simple'), and the title's words for autocomplete.
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN words_vector tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_document_words_vector ON search_searchdocument USING gin (words_vector)",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING gin (title_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "DROP INDEX IF EXISTS search_document_words_vector",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS words_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    # Terms analysed in Python (search.analysis): title, summary and body stemmed in the
    # document's language, the same text as exact words, the title's words for autocomplete.
    # The tokenizer only splits on spaces; like PostgreSQL, it keeps accents. rowid is the page.
    """CREATE VIRTUAL TABLE search_searchdocument_fts USING fts5(
        language, title, summary, body, words, title_words,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
    )""",
    """CREATE TRIGGER search_searchdocument_fts_delete AFTER DELETE ON search_searchdocument
    BEGIN DELETE FROM search_searchdocument_fts WHERE rowid = old.page_id; END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchdocument_fts_delete",
    "DROP TABLE IF EXISTS search_searchdocument_fts",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
