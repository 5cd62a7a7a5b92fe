"""The languages of the benchmark sites and the Faker locale that writes each one's text.

Shared by the site builder (``content.py``) and ``benchmarks/search_benchmark.py``, which reads
them before Django is set up: this module imports nothing of the portal's.
"""

LANGUAGES = ["en", "ar", "de", "es", "fr", "hi", "pt-br", "ru", "zh-hans"]
FAKER_LOCALES = {
    "en": "en_US",
    "ar": "ar_AA",
    "de": "de_DE",
    "es": "es_ES",
    "fr": "fr_FR",
    "hi": "hi_IN",
    "pt-br": "pt_BR",
    "ru": "ru_RU",
    "zh-hans": "zh_CN",
}
