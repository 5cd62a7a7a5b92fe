from django.urls import path

from . import data_views, embed, views

app_name = "actions"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    # Before the public ids, which could otherwise match "my-data" or "confirm".
    path("actions/confirm/<str:token>/", views.confirm, name="confirm"),
    path("actions/my-data/", data_views.my_data, name="my_data"),
    path("actions/my-data/sent/", data_views.my_data_sent, name="my_data_sent"),
    path("actions/my-data/<str:token>/", data_views.my_data_detail, name="my_data_detail"),
    path("actions/<str:public_id>/", views.action_detail, name="detail"),
    path("actions/<str:public_id>/check-your-email/", views.check_email, name="check_email"),
    path("actions/<str:public_id>/thanks/", views.thanks, name="thanks"),
    path("actions/<str:public_id>/count/", views.count, name="count"),
    path("embed/actions/<str:public_id>/", embed.embed, name="embed"),
]
