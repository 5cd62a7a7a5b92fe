"""Index updates as background tasks (django-tasks, as Wagtail 8 uses for its own index).

Each task takes plain identifiers and reads the current state of the page when it runs, so a
task that runs late, or twice, still leaves the index right. The tasks run wherever the
``TASKS`` setting sends them: a worker in production, immediately in tests.
"""

from django_tasks import task

from . import services


@task()
def index_page_task(page_id: int) -> bool:
    return services.index_page(page_id=page_id)


@task()
def remove_page_task(page_id: int, translation_key: str) -> None:
    services.remove_page(page_id=page_id, translation_key=translation_key)


@task()
def index_subtree_task(page_id: int) -> int:
    return services.index_subtree(page_id=page_id)


@task()
def refresh_glossary_task(translation_key: str, locale_id: int) -> int:
    return services.refresh_glossary(translation_key=translation_key, locale_id=locale_id)
