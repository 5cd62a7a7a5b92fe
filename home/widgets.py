"""A select for long option lists, without a template per option.

Django renders each ``<option>`` of a select through a template of its own; for the country
list (about 250 options) that was half the time a campaign page took to render, and the
listings' filters a third of theirs.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    """A single-choice select with flat choices, rendered directly (escaped as Django does)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) == selected else "", label)
                for key, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)
