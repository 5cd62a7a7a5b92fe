"""A contributed story's decision is made when its page is published, however it is."""

from django.dispatch import receiver

from wagtail.signals import page_published

from stories.models import StoryPage

from . import services


@receiver(page_published, sender=StoryPage, dispatch_uid="contributions_story_published")
def on_story_published(sender, instance, **kwargs):
    services.story_published(instance)
