"""``manage.py build_benchmark_site --pages 10000``: a large site for the performance benchmark.

For scratch databases only: it adds thousands of generated pages (see ``demo.benchmark.builder``).
"""

from django.core.management.base import BaseCommand, CommandError

from demo.benchmark.builder import BuildError, build_site


class Command(BaseCommand):
    help = (
        "Grow the site to N pages in nine languages with generated campaigns, stories, partners "
        "and policy explainers, for the performance benchmark. Scratch databases only."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        raise_command_error = parser.error

        def error(message):
            # One line on the command line (argparse would print the usage too).
            if parser.called_from_command_line:
                parser.exit(2, f"CommandError: {message}\n")
            raise_command_error(message)

        parser.error = error
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages",
            required=True,
            help="Pages the site should have in the end, all languages (tree root not counted).",
        )
        parser.add_argument(
            "--translated-share",
            default="0.6",
            help="Chance that a new page is translated into each of the eight other languages.",
        )
        parser.add_argument("--seed", default="7", help="Seed of the generated content.")
        parser.add_argument(
            "--skip-search-index", action="store_true", help="Do not rebuild the search index."
        )

    def handle(self, *args, pages, translated_share, seed, skip_search_index, **options):
        pages = _number(int, "--pages", pages)
        share = _number(float, "--translated-share", translated_share)
        seed = _number(int, "--seed", seed)
        try:
            summary = build_site(
                pages=pages,
                translated_share=share,
                seed=seed,
                reindex=not skip_search_index,
                write=self.stdout.write,
            )
        except BuildError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary['pages_total']} pages ({summary['pages_added']} added in "
                f"{summary['groups_added']} translation groups); seconds: {summary['seconds']}"
            )
        )
        return None


def _number(kind, option, text):
    try:
        return kind(text)
    except (TypeError, ValueError):
        raise CommandError(f"{option} must be a number, not {text!r}") from None
