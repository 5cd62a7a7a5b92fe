from django.urls import path

from . import views

app_name = "events"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    path("feeds/events.ics", views.calendar_feed, name="feed_ics"),
    path("feeds/events/<int:pk>.ics", views.event_calendar, name="event_ics"),
    path("event-registration/confirm/<str:token>/", views.confirm, name="confirm"),
    path("event-registration/<int:pk>/", views.register, name="register"),
    path("event-registration/<int:pk>/check-your-email/", views.check_email, name="check_email"),
]
