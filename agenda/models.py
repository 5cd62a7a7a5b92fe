from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import freshness
from core.models import BasePage, TaxonomyMixin
from core.models.index import ListingIndexPage
from core.spoken_languages import MODEL_CHOICES, language_name

from . import selectors
from .admin_forms import EventPageForm
from .registration import RegistrationForm
from .zones import validate_zone, zone, zone_choices

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EventKind(models.TextChoices):
    EVENT = "event", _("Event")
    CONVERSATION_HOUR = "conversation_hour", _("Conversation hour")


class Attendance(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration needed")
    LINK = "link", _("A registration link")
    INTERNAL = "internal", _("Registration on this site (email only)")


class EventIndexPage(ListingIndexPage):
    subpage_types = ["events.EventPage"]
    listing_model = "events.EventPage"
    filter_form = "agenda.forms.EventFilterForm"

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        # Not ListingIndexPage's listing: which events are upcoming changes with the clock,
        # not only with a publish (see ``selectors.event_listing_context``).
        context = BasePage.get_context(self, request, *args, **kwargs)
        context.update(selectors.event_listing_context(index_page=self, request=request))
        return context


class EventPage(TaxonomyMixin, BasePage):
    """An event or a conversation hour, online or in person, at a time in a named zone."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.EVENT
    )
    attendance = models.CharField(
        _("online or in person"),
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.ONLINE,
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=zone_choices,
        validators=[validate_zone],
        default="UTC",
        help_text=_("The start and end are times in this zone, as on a clock where it happens."),
    )
    location = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("The venue and address; for an online event, the platform."),
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    registration = models.CharField(
        _("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    notes = RichTextField(
        _("notes"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What was said and decided; shown once the event is over."),
    )
    recording_url = models.URLField(
        _("recording link"), blank=True, help_text=_("Shown once the event is over.")
    )

    listing_order = ("start", "title")
    parent_page_types = ["events.EventIndexPage", "affiliates.AffiliatePage"]
    subpage_types = []
    base_form_class = EventPageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("attendance")]),
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("description"),
        InlinePanel("languages", label=_("languages spoken")),
        MultiFieldPanel(
            [FieldPanel("registration"), FieldPanel("registration_url")],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("notes"), FieldPanel("recording_url")], heading=_("After the event")
        ),
        *TaxonomyMixin.taxonomy_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("location"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *TaxonomyMixin.taxonomy_translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("attendance"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone"),
        SynchronizedField("registration"),
        SynchronizedField("registration_url"),
        SynchronizedField("recording_url"),
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.registration == RegistrationMode.LINK and not self.registration_url:
            errors["registration_url"] = _("Give the registration link, or choose another mode.")
        if errors:
            raise ValidationError(errors)

    def related_context(self):
        return selectors.event_context(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.is_over:  # its registration closes, its notes and recording show, then
            freshness.changes_at(request, self.end)
        if self.takes_registrations:
            context["registration_form"] = RegistrationForm(event=self)
        return context

    @property
    def zone_label(self):
        return self.time_zone.replace("_", " ")

    @property
    def zone(self):
        return zone(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def is_over(self):
        return timezone.now() >= self.end

    @property
    def takes_registrations(self):
        return self.registration == RegistrationMode.INTERNAL and not self.is_over


class EventLanguage(Orderable):
    page = ParentalKey(EventPage, related_name="languages", on_delete=models.CASCADE)
    code = models.CharField(_("language"), max_length=10, choices=MODEL_CHOICES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("language spoken")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_event_language")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return language_name(self.code)


class Registration(models.Model):
    """One address registered for an event (every translation of it), email only. Nothing
    counts until its owner confirms through the emailed link; deleted once the event is over
    (``purge_event_registrations``). No IP address, no name."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    event_key = models.UUIDField(_("event translation key"), db_index=True)
    email = models.EmailField(_("email address"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event registration")
        constraints = [
            models.UniqueConstraint(fields=["event_key", "email"], name="unique_event_registration")
        ]

    def __str__(self):
        return f"{self.event_key}: {'confirmed' if self.confirmed_at else 'unconfirmed'}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
