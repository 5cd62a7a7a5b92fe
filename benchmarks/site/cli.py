"""The command line of the benchmark scripts (``load_test.py``, ``site_benchmark.py``): errors on
one line, named after the script, and the argument types they share."""

import argparse
import sys
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments: ``prog: error: …`` on one line, exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def fail(prog, message):
    """Stop the script ``prog`` with ``prog: error: message`` and exit status 1."""
    sys.exit(f"{prog}: error: {message}")


def positive(text):
    """An argument type: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def check_loopback(parser, url, schemes):
    """Stop with a usage error unless ``url`` has one of ``schemes`` and a loopback host: the
    benchmarks create and drop databases and flush caches."""
    parts = urlsplit(url)
    if parts.scheme not in schemes or parts.hostname not in LOOPBACK:
        parser.error(f"{url} must be a {schemes[0]}:// URL on loopback")
