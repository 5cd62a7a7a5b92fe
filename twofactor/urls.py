from django.urls import include, path

from twofactor import views

urlpatterns = [
    path("verify/", views.verify, name="twofactor_verify"),
    path("", views.manage, name="twofactor_manage"),
    path("app/", views.totp, name="twofactor_totp"),
    path("recovery-codes/", views.recovery_codes, name="twofactor_recovery_codes"),
    path(
        "remove/<str:kind>/<int:pk>/",
        views.remove,
        name="twofactor_remove",
    ),
    path("reset/<int:user_id>/", views.reset, name="twofactor_reset"),
    path("webauthn/", include("django_otp_webauthn.urls")),
]
