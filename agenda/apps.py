from django.apps import AppConfig


class EventsConfig(AppConfig):
    # The package is "agenda": a top-level package named "events" would hide the "events"
    # library that opensearch-py imports. The app keeps the label "events" (its tables,
    # migrations, content types and "events.EventPage" references).
    name = "agenda"
    label = "events"
    verbose_name = "Events"
