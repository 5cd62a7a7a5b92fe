"""What the actions app tells the rest of the portal (received in ``caching.invalidation``)."""

from django.dispatch import Signal

# The actions shown on campaign pages changed without a publish or an edit of the action: a
# signature was confirmed or deleted, so a count changed. ``campaign_ids``: the campaign pages
# (an iterable of primary keys) that show them.
campaign_actions_changed = Signal()
