"""What the translations app tells the rest of the portal (received in
``caching.invalidation``)."""

from django.dispatch import Signal

# What readers are told above a translated page changed without a publish (a reviewer marked
# its machine-made segments reviewed). ``page``: that translation.
reader_notice_changed = Signal()
