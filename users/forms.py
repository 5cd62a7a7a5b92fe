from django import forms
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from users import lockout


class LoginForm(WagtailLoginForm):
    """The admin's sign-in form, paused for a username after repeated failures (see lockout).

    While a username is paused, its password is not even checked, so guessing gets no answer;
    the form is shown again with the reason, as for any other sign-in error.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and lockout.is_locked(username):
            raise self.get_locked_out_error()
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            if username and error.code == "invalid_login" and lockout.register_failure(username):
                raise self.get_locked_out_error() from error
            raise
        if username:
            lockout.reset(username)
        return cleaned_data

    def get_locked_out_error(self):
        minutes = lockout.lockout_minutes()
        return forms.ValidationError(
            ngettext(
                "Too many failed attempts to sign in with this username. Sign-in is paused "
                "for it: please try again in %(minutes)d minute.",
                "Too many failed attempts to sign in with this username. Sign-in is paused "
                "for it: please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="locked_out",
        )
