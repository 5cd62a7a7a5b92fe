"""Shared by bin/backup and bin/restore: the portal's database and media settings, the PostgreSQL
client tools that match the server, checksums and the manifest. See deploy/BACKUPS.md."""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar.gz"
FORMAT = 1
# Rows counted at backup time, in the dump's snapshot, and compared after a restore.
COUNTED_TABLES = [
    "wagtailcore_locale",
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailimages_image",
    "wagtaildocs_document",
    "wagtail_localize_translationsource",
    "wagtail_localize_translation",
    "wagtail_localize_stringtranslation",
    "actions_actiontally",
    "actions_signature",
    "users_user",
]


class Failure(Exception):
    """What stops the command, in one line."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def run_main(prog, main):
    try:
        main()
    except Failure as error:
        sys.exit(f"{prog}: error: {error}")
    except KeyboardInterrupt:
        sys.exit(f"{prog}: error: interrupted")


def load_settings():
    """The portal's settings, as the application reads them (environment, then ``.env``)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    venv_python = Path(os.environ.get("PORTAL_VENV", ROOT / ".venv")) / "bin" / "python"
    try:
        import django  # noqa: F401
    except ImportError:
        if venv_python.is_file() and Path(sys.executable) != venv_python:
            # Started with a system Python: go on with the portal's virtual environment.
            os.execv(venv_python, [str(venv_python), *sys.argv])  # noqa: S606
    try:
        from django.conf import settings

        settings.DATABASES  # noqa: B018 - reading it loads the settings
    except ImportError as error:
        raise Failure(f"cannot load the settings ({error}): run with the portal's Python") from None
    except Exception as error:  # noqa: BLE001 - any settings error, said in one line
        raise Failure(f"cannot load the settings: {str(error).splitlines()[0]}") from None
    return settings


def database(settings):
    """libpq parameters of the default database; refuses anything but PostgreSQL."""
    config = settings.DATABASES["default"]
    if "postgresql" not in config["ENGINE"]:
        vendor = config["ENGINE"].rsplit(".", 1)[-1]
        raise Failure(
            f"the database is {vendor}, not PostgreSQL; for a development SQLite file use "
            "sqlite3 db.sqlite3 \".backup 'copy.sqlite3'\" (deploy/BACKUPS.md)"
        )
    params = {
        "dbname": config["NAME"],
        "host": config.get("HOST") or "",
        "port": str(config.get("PORT") or ""),
        "user": config.get("USER") or "",
        "password": config.get("PASSWORD") or "",
    }
    options = config.get("OPTIONS", {})
    params |= {key: str(options[key]) for key in ("sslmode", "sslrootcert") if key in options}
    return {key: value for key, value in params.items() if value}


def connect(params):
    import psycopg

    try:
        # Autocommit: each statement on its own, transactions only where BEGIN says so.
        return psycopg.connect(**params, connect_timeout=10, autocommit=True)
    except psycopg.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise Failure(f"cannot connect to the database {params['dbname']}: {first}") from None


def libpq_env(params):
    """The environment for pg_dump and pg_restore: the password never on a command line."""
    names = {"dbname": "PGDATABASE", "host": "PGHOST", "port": "PGPORT", "user": "PGUSER"}
    names |= {"password": "PGPASSWORD", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT"}
    return {**os.environ, **{names[key]: value for key, value in params.items()}}


def tool_major(path):
    result = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
    return int(match.group(1)) if match else 0


def pg_tool(name, at_least):
    """``(path, major version)`` of a PostgreSQL client tool at least version ``at_least``:
    from ``PG_BINDIR``, Debian's ``/usr/lib/postgresql/<major>/bin``, or the PATH."""
    candidates = [os.environ.get("PG_BINDIR"), f"/usr/lib/postgresql/{at_least}/bin"]
    found = [str(Path(folder) / name) for folder in candidates if folder]
    found += [shutil.which(name) or ""]
    for path in found:
        if path and Path(path).is_file():
            major = tool_major(path)
            if major >= at_least:
                return path, major
    raise Failure(
        f"no {name} of PostgreSQL {at_least} or newer (install postgresql-client-{at_least}, "
        "or set PG_BINDIR to its bin directory)"
    )


def server_major(connection):
    return connection.info.server_version // 10000


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts(connection):
    """Rows of ``COUNTED_TABLES`` that exist in the database."""
    present = {
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    }
    counts = {}
    for table in COUNTED_TABLES:
        if table in present:
            # The table names are the constants above, never input.
            (counts[table],) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
    return counts


def media_storage(settings):
    """The file-system folder of the media, or None when they are kept elsewhere (S3)."""
    from django.core.files.storage import FileSystemStorage
    from django.utils.module_loading import import_string

    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    return Path(settings.MEDIA_ROOT) if issubclass(backend, FileSystemStorage) else None
