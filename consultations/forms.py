from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import PlainSelect
from safeguards.forms import HONEYPOT, ProtectedForm


class CommentForm(ProtectedForm):
    """A comment on one section of a proposal: no email, no account; a name if the reader
    wants one shown."""

    section = forms.ChoiceField(label=_("Section"), widget=PlainSelect)
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please write a comment.")},
        help_text=_("Up to 2,000 characters. A moderator reads every comment before it is shown."),
    )
    display_name = forms.CharField(
        label=_("Name to show (optional)"),
        max_length=80,
        required=False,
        help_text=_("Your name or a pseudonym. Left empty, your comment is shown as anonymous."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["section", "body", "display_name", HONEYPOT]

    def __init__(self, *args, sections, **kwargs):
        kwargs.setdefault("form_id", "comment")
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(diff.anchor, diff.heading) for diff in sections]
