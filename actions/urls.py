from django.urls import path, register_converter

from . import data_views, embed, views


class PublicIdConverter:
    """An action's public id as ``new_public_id`` makes them (URL-safe base64, 16 characters,
    up to the field's 32): anything else, a NUL byte included, is a 404 before any query."""

    regex = "[A-Za-z0-9_-]{1,32}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PublicIdConverter, "public_id")

app_name = "actions"

# Inside i18n_patterns (portal/urls.py): every page is in the reader's language.
urlpatterns = [
    # Before the public ids, which could otherwise match "my-data" or "confirm".
    path("actions/confirm/<str:token>/", views.confirm, name="confirm"),
    path("actions/my-data/", data_views.my_data, name="my_data"),
    path("actions/my-data/sent/", data_views.my_data_sent, name="my_data_sent"),
    path("actions/my-data/<str:token>/", data_views.my_data_detail, name="my_data_detail"),
    path("actions/<public_id:public_id>/", views.action_detail, name="detail"),
    path("actions/<public_id:public_id>/check-your-email/", views.check_email, name="check_email"),
    path("actions/<public_id:public_id>/thanks/", views.thanks, name="thanks"),
    path("actions/<public_id:public_id>/count/", views.count, name="count"),
    path("embed/actions/<public_id:public_id>/", embed.embed, name="embed"),
]
