"""Rebuild the public search: documents and the database's full-text index, the glossary, and
(when one is configured) the cluster's index, into a new index behind the alias."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import services
from search.backends import SearchBackendError


class Command(BaseCommand):
    help = "Rebuild the public search index and glossary, showing progress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-documents",
            action="store_true",
            help="Keep the documents as they are; only rebuild the glossary and the cluster.",
        )
        parser.add_argument(
            "--skip-cluster", action="store_true", help="Do not rebuild the cluster's index."
        )
        parser.add_argument("--batch-size", type=int, default=250)
        parser.add_argument(
            "--purge-log",
            action="store_true",
            help="Also delete search log entries older than PORTAL_SEARCH_LOG_RETENTION_DAYS.",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        last = {}

        def progress(stage, done, total):
            # One line per tenth of the work (and at the end), so logs stay readable.
            step = max(1, total // 10)
            if done == total or done // step != last.get(stage, -1):
                last[stage] = done // step
                percent = 100 * done // total if total else 100
                self.stdout.write(f"  {stage}: {done}/{total} ({percent}%)")

        if not options["skip_documents"]:
            self.stdout.write("Documents and the database index")
            count = services.rebuild_documents(batch_size=options["batch_size"], progress=progress)
            self.stdout.write(f"  {count} documents")
        self.stdout.write("Glossary from the translation memory")
        self.stdout.write(f"  {services.rebuild_glossary()} terms")
        if settings.PORTAL_SEARCH_BACKEND != "database" and not options["skip_cluster"]:
            self.stdout.write(f"Cluster index ({settings.PORTAL_SEARCH_BACKEND})")
            try:
                name = services.rebuild_cluster(batch_size=options["batch_size"], progress=progress)
            except SearchBackendError as error:
                raise CommandError(
                    f"The cluster index could not be rebuilt; searches still use the old one. "
                    f"{error}"
                ) from error
            self.stdout.write(f"  alias {settings.PORTAL_SEARCH_INDEX} now points to {name}")
        if options["purge_log"]:
            days = settings.PORTAL_SEARCH_LOG_RETENTION_DAYS
            purged = services.purge_search_log(older_than_days=days)
            self.stdout.write(f"Search log: {purged} entries older than {days} days deleted")
        self.stdout.write(
            self.style.SUCCESS(f"Search rebuilt in {time.perf_counter() - started:.1f} s")
        )
