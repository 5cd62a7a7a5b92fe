from . import services


def on_publish(sender, instance, **kwargs):
    """A published campaign of an affiliate's section marked "offer to the global listing" is
    offered (once; staff decide in the admin)."""
    services.offer_when_published(page=instance)
