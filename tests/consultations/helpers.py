import time

from safeguards.started import started_value


def comment_data(**fields):
    """A comment as a person sends it: typed a minute after the page was shown."""
    return {
        "section": "enforcement-and-affordability",
        "body": "Please say how long a complaint may take.",
        "display_name": "",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def url(language, slug):
    return f"/{language}/consultations/{slug}/"
