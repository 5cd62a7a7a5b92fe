from django.urls import path

from . import views

app_name = "consultations"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    path("consultations/<slug:slug>/", views.consultation_detail, name="detail"),
]
