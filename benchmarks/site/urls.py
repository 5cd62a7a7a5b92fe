"""The portal's URLs plus ``/_bench/trivial/``: a Django view that does nothing, served by the
same server and middleware, the yardstick for every page (benchmark settings only).

It is ``never_cache``: the full-page cache must not answer it, or the cached run would compare
the cache with itself.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from portal.urls import urlpatterns as portal_urlpatterns


@never_cache
def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("_bench/trivial/", trivial, name="bench_trivial"), *portal_urlpatterns]
