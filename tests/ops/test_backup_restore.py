"""Backup and restore (bin/backup, bin/restore).

The restore drill runs on PostgreSQL only (the PostgreSQL pass of CI): it builds its own source
database with content in three languages, a few signatures and media files, backs it up, restores
it into a fresh database and checks that pages, translations, signatures and media are all there,
and that the portal serves the restored pages. The test database cannot be the source: rows a test
writes are rolled back, and pg_dump in another process would never see them.

The refusals (a non-PostgreSQL database, missing arguments, a damaged backup) run everywhere.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "bin" / "backup"
RESTORE = ROOT / "bin" / "restore"
DATABASE = settings.DATABASES["default"]
ON_POSTGRESQL = "postgresql" in DATABASE["ENGINE"]
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the restore drill needs PostgreSQL (set DATABASE_URL)"
)

SIGN = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from actions import services, tokens
from actions.models import CampaignAction

actions = {a.locale.language_code: a for a in CampaignAction.objects.select_related("locale")}
signers = [("ar", "ada@example.org"), ("fr", "bea@example.org"), ("en", "cy@example.org")]
for language, email in signers:
    outcome = services.sign(action=actions[language], email=email, language=language)
signature = outcome.signature
services.confirm(signature_id=signature.pk, digest=tokens.email_digest(signature.email))
Document.objects.create(title="Drill", file=ContentFile(b"drill notes\\n", name="drill.txt"))
"""

RENDER = """
import json
from django.test import Client
from wagtail.models import Page
from actions.models import CampaignAction
from campaigns.models import CampaignPage

client, seen = Client(), {}
pages = list(Page.objects.live().filter(depth=2)) + list(CampaignPage.objects.live())
for page in pages:
    response = client.get(page.url)
    seen[page.url] = [response.status_code, page.title in response.content.decode()]
for action in CampaignAction.objects.select_related("locale"):
    url = f"/{action.locale.language_code}/actions/{action.public_id}/count/"
    response = client.get(url)
    seen[url] = [response.status_code, response.json()]
print(json.dumps(seen))
"""

QUERIES = {
    "pages": "SELECT p.id, p.path, p.url_path, p.title, p.live, p.translation_key::text, "
    "l.language_code FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id "
    "ORDER BY p.id",
    "string_translations": "SELECT st.id, st.translation_of_id, l.language_code, st.data "
    "FROM wagtail_localize_stringtranslation st JOIN wagtailcore_locale l "
    "ON l.id = st.locale_id ORDER BY st.id",
    "signatures": "SELECT s.id, t.key::text, s.email, s.language, s.confirmed_at "
    "FROM actions_signature s JOIN actions_actiontally t ON t.id = s.tally_id ORDER BY s.id",
    "tallies": "SELECT key::text, confirmed_count FROM actions_actiontally ORDER BY key",
    "images": "SELECT id, file, title FROM wagtailimages_image ORDER BY id",
    "documents": "SELECT id, file, title FROM wagtaildocs_document ORDER BY id",
    "page_sequence": "SELECT last_value FROM wagtailcore_page_id_seq",
}


def run(script, *args, env, timeout=300):
    return subprocess.run(  # noqa: S603
        [sys.executable, str(script), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def portal_env(database_url, media_root):
    """The environment of a portal command against ``database_url`` (development settings)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "False",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "CACHE_URL": "locmemcache://drill",
        "ALLOWED_HOSTS": "testserver",
        "PORTAL_VERSION": "drill",
    }


def assert_one_line_error(result, prog, words):
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{prog}: error: ")
    assert words in lines[0]


def file_hashes(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


# Everywhere -------------------------------------------------------------------------------


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    env = portal_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "media")
    result = run(BACKUP, "--output-dir", tmp_path / "backups", env=env)
    assert_one_line_error(result, "backup", "not PostgreSQL")
    assert "sqlite3" in result.stderr  # the development alternative
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_restore_needs_a_backup_directory(tmp_path):
    env = portal_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "media")
    result = run(RESTORE, env=env)
    assert result.returncode == 2
    assert_one_line_error(result, "restore", "BACKUP_DIR")
    assert_one_line_error(run(RESTORE, tmp_path / "nowhere", env=env), "restore", "not a directory")
    assert_one_line_error(run(RESTORE, tmp_path, env=env), "restore", "no manifest.json")


def test_restore_refuses_a_damaged_backup_before_touching_anything(tmp_path):
    folder = tmp_path / "portal-backup"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"a dump")
    digest = hashlib.sha256(b"a dump").hexdigest()
    manifest = {"format": 1, "files": {"database.dump": {"sha256": digest}}, "database": {}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    # The database is not even PostgreSQL: the checksums are checked first.
    env = portal_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "media")
    assert_one_line_error(run(RESTORE, folder, env=env), "restore", "not PostgreSQL")
    (folder / "database.dump").write_bytes(b"a dumq")
    assert_one_line_error(run(RESTORE, folder, env=env), "restore", "checksum mismatch")
    (folder / "database.dump").unlink()
    assert_one_line_error(run(RESTORE, folder, env=env), "restore", "database.dump")
    assert not (tmp_path / "media").exists()


# The drill, on PostgreSQL -----------------------------------------------------------------


def server_url(name):
    credentials = quote(DATABASE.get("USER") or "")
    if DATABASE.get("PASSWORD"):
        credentials += ":" + quote(DATABASE["PASSWORD"])
    host = f"{DATABASE.get('HOST') or '127.0.0.1'}:{DATABASE.get('PORT') or 5432}"
    return f"postgres://{credentials}@{host}/{name}"


def admin_connection():
    import psycopg

    params = {
        "dbname": "postgres",
        "host": DATABASE.get("HOST") or "127.0.0.1",
        "port": DATABASE.get("PORT") or 5432,
        "user": DATABASE.get("USER") or None,
        "password": DATABASE.get("PASSWORD") or None,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def snapshot(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in QUERIES.items()}


def manage(*args, env):
    result = run(ROOT / "manage.py", *args, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    """Source database with content, its backup, and a fresh database it was restored into."""
    stamp = f"{os.getpid()}_{int(time.time())}"
    names = {"source": f"drill_source_{stamp}", "restored": f"drill_restored_{stamp}"}
    work = tmp_path_factory.mktemp("drill")
    admin = admin_connection()
    for name in names.values():
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source_env = portal_env(server_url(names["source"]), work / "source-media")
        manage("migrate", "--no-input", "-v", "0", env=source_env)
        manage("load_demo", "--no-admin", "--limit", "1", "--languages", "fr,ar", env=source_env)
        manage("shell", "-c", SIGN, env=source_env)
        made = run(BACKUP, "--output-dir", work / "backups", env=source_env)
        assert made.returncode == 0, made.stderr
        backup = Path(made.stdout.strip().splitlines()[-1])
        restored_env = portal_env(server_url(names["restored"]), work / "restored-media")
        restored = run(RESTORE, backup, env=restored_env)
        assert restored.returncode == 0, restored.stderr
        yield {
            "work": work,
            "backup": backup,
            "source_url": server_url(names["source"]),
            "restored_url": server_url(names["restored"]),
            "source_env": source_env,
            "restored_env": restored_env,
            "restore_output": restored.stdout,
        }
    finally:
        for name in names.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@postgresql_only
def test_the_restored_database_has_the_same_pages_translations_and_signatures(drill):
    source, restored = snapshot(drill["source_url"]), snapshot(drill["restored_url"])
    # The source is worth checking: content in three languages, translations, signatures.
    pages = source["pages"]
    assert len(pages) >= 20
    per_locale = {}
    groups = {}
    for _id, _path, _url, _title, _live, key, language in pages:
        per_locale[language] = per_locale.get(language, 0) + 1
        groups.setdefault(key, set()).add(language)
    assert set(per_locale) == {"en", "fr", "ar"}
    assert sum(1 for languages in groups.values() if languages == {"en", "fr", "ar"}) >= 5
    assert len(source["string_translations"]) >= 20
    assert [row[3] for row in source["signatures"]] == ["ar", "fr", "en"]
    assert [row[4] is not None for row in source["signatures"]] == [False, False, True]
    assert [row[1] for row in source["tallies"]] == [1]
    assert source["images"] and source["documents"]
    # Every row, identity and value, is in the restored database.
    for name in QUERIES:
        assert restored[name] == source[name], name


@postgresql_only
def test_the_media_files_are_restored_byte_for_byte(drill):
    work = drill["work"]
    source, restored = file_hashes(work / "source-media"), file_hashes(work / "restored-media")
    assert restored == source
    stored = [row[1] for row in snapshot(drill["restored_url"])["images"]]
    stored += [row[1] for row in snapshot(drill["restored_url"])["documents"]]
    assert stored and all(path in restored for path in stored)


@postgresql_only
def test_the_portal_serves_the_restored_pages(drill):
    output = manage("shell", "-c", RENDER, env=drill["restored_env"])
    seen = json.loads(output.strip().splitlines()[-1])
    pages = {url: result for url, result in seen.items() if "/actions/" not in url}
    assert {url.split("/")[1] for url in pages} == {"en", "fr", "ar"}
    assert all(result == [200, True] for result in pages.values()), pages
    counts = [result for url, result in seen.items() if url.endswith("/count/")]
    assert len(counts) == 3
    assert all(status == 200 and body["count"] == 1 for status, body in counts), counts


@postgresql_only
def test_the_backup_has_checksums_counts_and_private_files(drill):
    backup = drill["backup"]
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}
    for name, facts in manifest["files"].items():
        assert hashlib.sha256((backup / name).read_bytes()).hexdigest() == facts["sha256"]
    assert manifest["portal_version"] == "drill"
    assert manifest["database"]["counts"]["actions_signature"] == 3
    assert manifest["database"]["counts"]["wagtailcore_page"] == len(
        snapshot(drill["source_url"])["pages"]
    )
    assert "wagtailcore" in manifest["database"]["migrations"]
    assert manifest["media"]["files"] == len(file_hashes(drill["work"] / "source-media"))
    assert backup.stat().st_mode & 0o077 == 0
    assert all(path.stat().st_mode & 0o077 == 0 for path in backup.iterdir())
    assert "Restored" in drill["restore_output"]


@postgresql_only
def test_restore_refuses_a_database_with_tables_unless_forced(drill):
    before = snapshot(drill["restored_url"])
    refused = run(RESTORE, drill["backup"], "--no-media", env=drill["restored_env"])
    assert_one_line_error(refused, "restore", "is not empty")
    forced = run(RESTORE, drill["backup"], "--force", env=drill["restored_env"])
    assert forced.returncode == 0, forced.stderr
    assert snapshot(drill["restored_url"]) == before


@postgresql_only
def test_restore_refuses_a_tampered_backup(drill, tmp_path):
    copy = tmp_path / drill["backup"].name
    shutil.copytree(drill["backup"], copy)
    dump = copy / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    env = drill["restored_env"]
    assert_one_line_error(
        run(RESTORE, copy, "--force", env=env), "restore", "checksum mismatch for database.dump"
    )
