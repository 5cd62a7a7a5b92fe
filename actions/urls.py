from django.urls import path

from . import data_views, embed, views

app_name = "actions"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    path("actions/<int:pk>/", views.action_detail, name="detail"),
    path("actions/<int:pk>/check-your-email/", views.check_email, name="check_email"),
    path("actions/<int:pk>/thanks/", views.thanks, name="thanks"),
    path("actions/<int:pk>/count/", views.count, name="count"),
    path("actions/confirm/<str:token>/", views.confirm, name="confirm"),
    path("actions/my-data/", data_views.my_data, name="my_data"),
    path("actions/my-data/sent/", data_views.my_data_sent, name="my_data_sent"),
    path("actions/my-data/<str:token>/", data_views.my_data_detail, name="my_data_detail"),
    path("embed/actions/<int:pk>/", embed.embed, name="embed"),
]
