"""The site performance benchmark: a site builder, production-like settings for gunicorn, and
the measurements (see ``benchmarks/site_benchmark.py`` and the README's "Benchmarks")."""
