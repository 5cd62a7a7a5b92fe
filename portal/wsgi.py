import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

from caching.includes import fast_path  # noqa: E402 - once Django is set up

application = fast_path(application)
