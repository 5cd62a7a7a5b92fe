"""The soak's editor (``benchmarks/soak.py``): a process of its own with the server's settings
and database, publishing a random page in a random language every ``--every`` seconds the way
the editor does (a new revision, published), then fetching it through the edge until it is
fresh. One JSON line per publish goes to ``--log``.

    python -m benchmarks.site.soak_publisher --edge URL --until UNIX_TIME --log FILE

A page is stale when the first fetches after ``publish()`` returned (the page cache and the edge
purged after the commit; tasks run in the request here) lack the marker put in its title. Two
times run from the publish's commit (``last_published_at``, taken just before it): to the
purges acknowledged (``publish()`` returned: from then on the edge no longer serves the old
page), and to the first fetch that is fresh (the purge, then the page rendered anew by a busy
application)."""

import argparse
import http.client
import json
import random
import time
from urllib.parse import urlsplit

from benchmarks.site.soak_checks import freshness

# A reader who has had a page with a form: the edge assembles the page from its copy.
CSRF_COOKIE = "csrftoken=" + "soak" * 8
FRESH_WITHIN = 30  # seconds: after this a page is counted as never fresh


def fetch(edge, path, cookie=None):
    parts = urlsplit(edge)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        return response.status, response.getheader("X-Edge", ""), body
    finally:
        connection.close()


def check(edge, path, marker):
    plain, with_cookie = fetch(edge, path), fetch(edge, path, CSRF_COOKIE)
    verdict = freshness(marker, {"plain": plain[2], "csrf_cookie": with_cookie[2]})
    return verdict | {"statuses": [plain[0], with_cookie[0]], "x_edge": [plain[1], with_cookie[1]]}


def candidates(languages):
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gte=3)
    by_language = {}
    for pk, language in pages.values_list("pk", "locale__language_code"):
        if language in languages:
            by_language.setdefault(language, []).append(pk)
    return by_language


def publish_one(pk, marker, originals):
    from wagtail.models import Page

    page = Page.objects.get(pk=pk).specific
    originals.setdefault(pk, page.title)
    page.title = f"{originals[pk]} {marker}"
    page.save_revision().publish()
    page.refresh_from_db(fields=["last_published_at"])
    return page


def publish_and_check(edge, pk, number, originals):
    marker = f"soak{number:04d}x{pk}"
    record = {"n": number, "page": pk, "marker": marker, "started_at": time.time()}
    try:
        page = publish_one(pk, marker, originals)
    except Exception as error:  # noqa: BLE001 - every failure is reported, the soak goes on
        return record | {"published": False, "error": repr(error)[:300]}
    returned = time.time()
    committed = page.last_published_at.timestamp()
    record |= {
        "published": True,
        "language": page.locale.language_code,
        "page_type": type(page).__name__,
        "url": page.url,
        "committed_at": committed,
        "publish_s": round(returned - record["started_at"], 3),
        "purged_s": round(returned - committed, 3),
    }
    first = check(edge, page.url, record["marker"])
    record |= {"stale_after_purge": not first["fresh"], "first_check": first, "latency_s": None}
    latest = first
    while not latest["fresh"] and time.time() - returned < FRESH_WITHIN:
        time.sleep(0.2)
        latest = check(edge, page.url, record["marker"])
    if latest["fresh"]:
        record["latency_s"] = round(time.time() - committed, 3)
    return record


def main(argv=None):
    parser = argparse.ArgumentParser(prog="soak_publisher")
    parser.add_argument("--edge", required=True)
    parser.add_argument("--until", type=float, required=True, help="Unix time")
    parser.add_argument("--every", type=float, default=10)
    parser.add_argument("--languages", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    import django

    django.setup()
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible choice, not a secret
    pages = candidates(args.languages.split(","))
    originals, started = {}, time.time()
    with open(args.log, "a", encoding="utf-8") as log:
        for number in range(10**6):
            at = started + number * args.every
            if at > args.until:
                break
            time.sleep(max(0.0, at - time.time()))
            language = rng.choice(sorted(pages))
            record = publish_and_check(args.edge, rng.choice(pages[language]), number, originals)
            log.write(json.dumps(record) + "\n")
            log.flush()


if __name__ == "__main__":
    main()
