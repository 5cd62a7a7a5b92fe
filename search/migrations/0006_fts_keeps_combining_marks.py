"""SQLite: the FTS5 table's tokenizer keeps combining marks inside words.

``unicode61`` takes only letters, digits and private-use characters as parts of a word by
default, so it cut Hindi words apart at their vowel signs ("पुस्तकालयों" became "प", "स", "तक",
"लय") and Arabic words at their short vowels: a Hindi word was found in any page with the same
fragments, in any order. The terms are analysed in Python (``search.analysis``), whose words
keep their marks; with the marks (``M*``) among the word characters, the tokenizer splits on
spaces only, as the first migration meant. The terms are copied into the new table and
tokenized again. PostgreSQL's parser keeps the marks already: nothing changes there.
"""

from django.db import migrations

TABLE = "search_searchdocument_fts"
COLUMNS = "language, title, summary, body, words, title_words"
TRIGGER = f"""CREATE TRIGGER search_searchdocument_fts_delete AFTER DELETE ON search_searchdocument
    BEGIN DELETE FROM {TABLE} WHERE rowid = old.page_id; END"""


def _rebuild(schema_editor, tokenize):
    if schema_editor.connection.vendor != "sqlite":
        return
    statements = [
        f"""CREATE VIRTUAL TABLE {TABLE}_new USING fts5(
            {COLUMNS}, tokenize = "{tokenize}", prefix = '2 3'
        )""",
        f"INSERT INTO {TABLE}_new(rowid, {COLUMNS}) SELECT rowid, {COLUMNS} FROM {TABLE}",
        "DROP TRIGGER IF EXISTS search_searchdocument_fts_delete",
        f"DROP TABLE {TABLE}",
        f"ALTER TABLE {TABLE}_new RENAME TO {TABLE}",
        TRIGGER,
    ]
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _rebuild(schema_editor, "unicode61 remove_diacritics 0 categories 'L* N* Co M*'")


def backward(apps, schema_editor):
    _rebuild(schema_editor, "unicode61 remove_diacritics 0")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_event_results")]

    operations = [migrations.RunPython(forward, backward)]
