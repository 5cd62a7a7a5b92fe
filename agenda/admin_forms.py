"""The event editor's form: start and end are typed as clock times in the event's own zone."""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm

from .zones import zone, zone_names


class EventPageForm(WagtailAdminPageForm):
    """Editors type the start and end as they read on a clock where the event happens (or, for
    an online event, in the zone they announce it in); the page stores them as aware
    datetimes. Django reads a typed time in the admin's zone: here it is read again in the
    event's zone, and a stored time is shown in that zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.instance.time_zone
        if self.instance.pk and name in zone_names():
            for field in ("start", "end"):
                value = getattr(self.instance, field, None)
                if value is not None:
                    self.initial[field] = value.astimezone(zone(name)).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("time_zone")
        if name in zone_names():
            for field in ("start", "end"):
                value = cleaned_data.get(field)
                if value is not None:
                    wall_clock = timezone.make_naive(value)
                    cleaned_data[field] = wall_clock.replace(tzinfo=zone(name))
        # The rules (the end after the start…) are the model's, checked on the converted times.
        return cleaned_data
