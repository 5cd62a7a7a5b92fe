from django.urls import path

from . import views

app_name = "network"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    path("network/endorse/<int:page_id>/", views.endorse, name="endorse"),
    path(
        "network/endorse/<int:page_id>/check-your-email/",
        views.check_email,
        name="check_email",
    ),
    path("network/confirm/<str:token>/", views.confirm, name="confirm"),
    path("network/renew/<str:token>/", views.renew, name="renew"),
]
