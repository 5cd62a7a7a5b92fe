"""Edge purges outside the request (django-tasks): a publish does not wait for the edge."""

from django_tasks import task

from . import edge


@task()
def purge_edge_task(paths: list[str], everything: bool = False) -> int:
    """Purge ``paths`` (or every page) at the edge; fails, and the task backend records it, if
    any is left after the retries."""
    failed = edge.send_purges(paths, everything=everything)
    if failed:
        raise RuntimeError(f"{len(failed)} paths not purged at the edge")
    return len(paths)
