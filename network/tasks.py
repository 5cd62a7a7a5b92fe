"""Mail sent outside the request (django-tasks): publishing a position does not wait for the
mail server to take one invitation per organisation."""

from django_tasks import task

from wagtail.models import Page

from . import services


@task()
def invite_renewals_task(page_id: int) -> int:
    page = Page.objects.filter(pk=page_id).first()
    return services.invite_renewals(page=page) if page is not None else 0
