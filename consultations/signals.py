from django.dispatch import Signal

# Sent after the published comments of a consultation changed (one approved, or taken back):
# ``consultation``, any version. ``caching.invalidation`` renews the pages that show them.
comments_changed = Signal()
