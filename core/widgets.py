"""A select for long option lists, without a template per option.

Django renders each ``<option>`` of a select through a template of its own; for the country
list (about 250 options) that was half the time a campaign page took to render, and the
listings' filters a third of theirs. The options' markup is also kept, per list of choices
and selected value, so the same list is escaped once per process, not once per request.
"""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


@lru_cache(maxsize=512)
def _options(choices, selected):
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, " selected" if key == selected else "", label) for key, label in choices),
    )


class PlainSelect(forms.Select):
    """A single-choice select with flat choices, rendered directly (escaped as Django does)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        # Labels are read in the active language here: the key holds the text, not the proxy.
        choices = tuple((str(key), str(label)) for key, label in self.choices)
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        return format_html(
            "<select{}>{}</select>", flatatt(final_attrs), _options(choices, selected)
        )
