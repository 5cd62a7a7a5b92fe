from django.urls import path

from . import views

app_name = "spokespeople"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    path("network/spokespeople/", views.directory, name="directory"),
    path("network/spokespeople/offer/", views.offer, name="offer"),
    path("network/spokespeople/offer/check-your-email/", views.check_email, name="check_email"),
    path("network/spokespeople/confirm/<str:token>/", views.confirm, name="confirm"),
    path("network/spokespeople/leave/<str:token>/", views.leave, name="leave"),
    path("network/spokespeople/<int:person_id>/write/", views.relay, name="relay"),
    path("network/spokespeople/sent/", views.sent, name="sent"),
]
