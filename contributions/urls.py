from django.urls import path

from . import views

app_name = "contributions"

# Inside i18n_patterns (portal/urls.py): each language has its own forms.
urlpatterns = [
    path("contribute/story/", views.contribute_story, name="story"),
    path("contribute/propose/", views.propose, name="propose"),
    path("contribute/status/<str:token>/", views.status, name="status"),
    path("contribute/confirm/<str:token>/", views.confirm, name="confirm"),
]
