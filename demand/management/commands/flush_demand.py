from django.core.management.base import BaseCommand

from demand import counting


class Command(BaseCommand):
    help = "Write this process's buffered demand counters to the database (mostly for scripts)."

    def handle(self, *args, **options):
        report = counting.flush()
        self.stdout.write(
            f"{report.page_rows} page and {report.search_rows} search counter(s) written in "
            f"{report.statements} statement(s)."
        )
