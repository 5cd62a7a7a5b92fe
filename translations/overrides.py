"""Translators' overrides of links and email addresses are checked as the editor's form would.

wagtail-localize lets a translator replace a synchronised value, such as the address of a link
block or a partner's website, with one for their language. It stores the new value as typed, and
nothing checks a link block's value again before the translated page is published: a
``javascript:`` address would end up in the page's ``href``. Here an override of a URL or email
field or block is validated with that field's or block's own checks when it is saved. An invalid
one is kept, marked with the reason (which the translation editor shows on the segment), and,
like any override with an error, left out when the translation is published.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.signals import post_save

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail_localize.models import OverridableSegment, SegmentOverride

CHECKED_FIELDS = (models.URLField, models.EmailField)
CHECKED_BLOCKS = (blocks.URLBlock, blocks.EmailBlock)


def _block_at(block, value, parts):
    """The block at a wagtail-localize segment path inside a StreamField value, or None."""
    if not parts:
        return block
    head, *rest = parts
    if isinstance(block, blocks.StreamBlock):
        for child in value or ():
            if child.id == head:
                return _block_at(child.block, child.value, rest)
    elif isinstance(block, blocks.StructBlock):
        if head in block.child_blocks:
            return _block_at(block.child_blocks[head], (value or {}).get(head), rest)
    elif isinstance(block, blocks.ListBlock):
        for child in getattr(value, "bound_blocks", ()):
            if child.id == head:
                return _block_at(block.child_block, child.value, rest)
    return None


def overridden_target(context):
    """The model field or block that an override at ``context`` replaces the value of."""
    segment = OverridableSegment.objects.filter(context=context).select_related("source").first()
    if segment is None:
        return None
    model = segment.source.specific_content_type.model_class()
    field_name, *rest = context.path.split(".")
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return None
    if not isinstance(field, StreamField):
        return None if rest else field
    # Which block a path names depends on the content: the source's, as it was submitted.
    instance = segment.source.as_instance()
    return _block_at(field.stream_block, getattr(instance, field_name), rest)


def check(target, value):
    """The cleaned value; raises ValidationError when the field or block would refuse it."""
    if isinstance(target, CHECKED_BLOCKS):
        return target.clean(value)
    return target.clean(value, None)


def validate_override(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "data_json" not in update_fields:
        return  # wagtail-localize recording an error of its own
    target = overridden_target(instance.context)
    if not isinstance(target, CHECKED_FIELDS + CHECKED_BLOCKS):
        return
    try:
        check(target, instance.data)
    except ValidationError as error:
        instance.has_error, instance.field_error = True, error.messages[0]
    else:
        # A new, valid value: the previous value's error no longer applies.
        instance.has_error, instance.field_error = False, ""
    # Saved apart: update_or_create() saves only the fields it was given.
    SegmentOverride.objects.filter(pk=instance.pk).update(
        has_error=instance.has_error, field_error=instance.field_error
    )


def connect():
    post_save.connect(
        validate_override, sender=SegmentOverride, dispatch_uid="portal_validate_override"
    )
