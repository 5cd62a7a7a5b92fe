"""The load test's pure parts and probes (``benchmarks/load_test.py``): the URL mix, the counts
of errors from wrk and gunicorn's logs, and the verdict on the workers' memory."""

import json
import random
import re
import statistics
import threading
import time
from pathlib import Path

from benchmarks.site.load import child_pids

# Shares of the mix by kind of URL.
WEIGHTS = {"page": 45, "search": 8, "api": 12, "feed": 6, "other": 7, "uncached": 22}
SEARCH_TERMS = ["copyright", "panorama", "privacy", "library"]
# Worker, status, method, URL: never the client address. A line reads "<1234> 200 GET /en/?".
ACCESS_LOG_FORMAT = "%(p)s %(s)s %(m)s %(U)s?%(q)s"
ACCESS_LINE = re.compile(r"<(\d+)> (\d{3}) (\S+) (\S+)")


# The URL mix --------------------------------------------------------------------------------


def with_ref(url):
    """``url`` made unique per request: ``{n}`` is replaced by wrk's Lua script."""
    return f"{url}{'&' if '?' in url else '?'}ref={{n}}"


def discover_urls(languages):
    """``{kind: [paths]}`` of the site in the database, for each language."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    from wagtail.models import Locale

    from actions.models import CampaignAction
    from benchmarks.site.measure import SEARCH_QUERY, benchmark_urls
    from campaigns.models import CampaignPage

    groups = {kind: [] for kind in WEIGHTS}
    groups["other"] += ["/sitemap.xml", "/robots.txt", staticfiles_storage.url("css/portal.css")]
    for language in languages:
        locale = Locale.objects.get(language_code=language)
        for _name, page_type, url in benchmark_urls(language):
            groups["search" if page_type == "search" else "page"].append(url)
            groups["uncached"].append(with_ref(url))
        groups["search"] += [f"/{language}/search/?q={term}" for term in SEARCH_TERMS[1:]]
        groups["uncached"].append(f"/{language}/search/?q={SEARCH_QUERY}{{n}}")
        campaign = CampaignPage.objects.live().filter(locale=locale).order_by("path").first()
        groups["api"] += [
            f"/api/search/?q={SEARCH_QUERY}&lang={language}",
            f"/api/search/autocomplete/?q={SEARCH_QUERY[:3]}&lang={language}",
            f"/api/v2/pages/?type=campaigns.CampaignPage&locale={language}",
            f"/api/v2/pages/?locale={language}&limit=20",
            f"/api/v2/pages/{campaign.pk}/",
        ]
        groups["feed"] += [
            f"/{language}/feeds/{feed}/{kind}/"
            for feed in ("campaigns", "stories")
            for kind in ("rss", "atom")
        ]
        groups["feed"].append(f"/{language}/feeds/campaigns/{campaign.slug}/rss/")
        action = CampaignAction.objects.filter(locale=locale).order_by("pk").first()
        if action is not None:
            groups["other"] += [
                f"/{language}/actions/{action.public_id}/",
                f"/{language}/actions/{action.public_id}/count/",
                f"/{language}/embed/actions/{action.public_id}/",
            ]
    return {kind: list(dict.fromkeys(paths)) for kind, paths in groups.items()}


def mix_paths(groups):
    """Every URL of the mix once, kind by kind, in the order of ``groups``."""
    return list(dict.fromkeys(path for paths in groups.values() for path in paths))


def build_url_mix(groups, weights, *, length=2000, seed=7):
    """``length`` paths (more if a kind has more URLs than its share), each kind's share of them
    in proportion to its weight, every URL of a kind taken in turn, shuffled with ``seed``."""
    if unknown := sorted(set(groups) - set(weights)):
        raise ValueError(f"no weight for {', '.join(unknown)}")
    active = {kind: weight for kind, weight in weights.items() if weight > 0}
    if missing := [kind for kind in active if not groups.get(kind)]:
        raise ValueError(f"no URLs for {', '.join(missing)}")
    total = sum(active.values())
    lines = []
    for kind, weight in active.items():
        paths = groups[kind]
        count = max(len(paths), round(length * weight / total))
        lines += [paths[index % len(paths)] for index in range(count)]
    random.Random(seed).shuffle(lines)  # noqa: S311 - a fixed order, not a secret
    return lines


def matcher(groups):
    """A function from a requested path (with its query) to ``(kind, URL of the mix)``; the URL
    of a unique request is its ``{n}`` template; ``("unknown", None)`` for anything else."""
    exact = {path: kind for kind, paths in groups.items() for path in paths if "{n}" not in path}
    templates = sorted(
        (
            (path.split("{n}")[0], kind, path)
            for kind, paths in groups.items()
            for path in paths
            if "{n}" in path
        ),
        key=lambda item: -len(item[0]),
    )

    def match(path):
        path = path.removesuffix("?")
        if path in exact:
            return exact[path], path
        found = (item for item in templates if path.startswith(item[0]))
        _prefix, kind, template = next(found, ("", "unknown", None))
        return kind, template

    return match


def classifier(groups):
    """A function from a requested path (with its query) to the kind of URL it came from."""
    match = matcher(groups)
    return lambda path: match(path)[0]


# What the server and wrk said ---------------------------------------------------------------


def parse_statuses(text):
    """The Lua script's counts by status: ``{"200": 10}`` with string keys."""
    counts = json.loads(text)
    return {str(status): int(count) for status, count in sorted(counts.items())}


def parse_access_log(lines, classify):
    """Requests and errors (status 400 and above) by kind and by status, and the paths that
    failed most, from access log lines in ``ACCESS_LOG_FORMAT``."""
    by_status, by_kind, failing = {}, {}, {}
    for line in lines:
        match = ACCESS_LINE.match(line)
        if not match:
            continue
        _worker, status, _method, path = match.groups()
        kind = classify(path)
        by_status[status] = by_status.get(status, 0) + 1
        figures = by_kind.setdefault(kind, {"requests": 0, "errors": 0})
        figures["requests"] += 1
        if int(status) >= 400:
            figures["errors"] += 1
            failing[f"{status} {path}"] = failing.get(f"{status} {path}", 0) + 1
    worst = sorted(failing.items(), key=lambda item: -item[1])[:10]
    return {"by_status": dict(sorted(by_status.items())), "by_kind": by_kind, "failing": worst}


def coverage(lines, match):
    """``{worker pid: URLs of the mix it served}`` from access log lines; ``match`` is
    ``matcher(groups)``."""
    served = {}
    for line in lines:
        found = ACCESS_LINE.match(line)
        if found:
            _kind, url = match(found.group(4))
            if url is not None:
                served.setdefault(found.group(1), set()).add(url)
    return served


def parse_error_log(text):
    """Counts of what gunicorn's error log (with the workers' output) reports."""
    return {
        "django_server_errors": len(re.findall(r"^Internal Server Error: ", text, re.MULTILINE)),
        "tracebacks": text.count("Traceback (most recent call last)"),
        "worker_timeouts": text.count("WORKER TIMEOUT"),
        "gunicorn_errors": len(re.findall(r"\[(?:ERROR|CRITICAL)\]", text)),
    }


def count_errors(wrk, statuses, access, error_log, *, workers_seen, workers):
    """Every kind of error, by source; a failure may be counted by more than one source.
    ``workers_seen``: the worker processes seen while the load ran, ``workers`` the number
    started (more seen than started: some were replaced)."""
    return {
        "wrk_non_2xx_3xx": wrk["non_2xx_3xx"],
        **{f"wrk_socket_{kind}": count for kind, count in wrk["socket_errors"].items()},
        "lua_status_400_plus": sum(n for code, n in statuses.items() if int(code) >= 400),
        "server_status_400_plus": sum(
            n for code, n in access["by_status"].items() if int(code) >= 400
        ),
        "django_server_errors": error_log["django_server_errors"],
        "tracebacks": error_log["tracebacks"],
        "worker_timeouts": error_log["worker_timeouts"],
        "workers_replaced": max(0, workers_seen - workers),
    }


# Worker memory ------------------------------------------------------------------------------


def parse_vmrss(text):
    """VmRSS in kB from a ``/proc/<pid>/status`` text (None for a kernel thread or zombie)."""
    match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def rss_kb(pid):
    try:
        return parse_vmrss(Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return None


class RssSampler(threading.Thread):
    """The VmRSS of each worker (children of gunicorn's master), every ``every`` seconds."""

    def __init__(self, master_pid, every):
        super().__init__(daemon=True)
        self.master_pid, self.every = master_pid, every
        self.samples, self.halt = [], threading.Event()

    def sample(self):
        workers = {str(pid): rss_kb(pid) for pid in child_pids(self.master_pid)}
        self.samples.append(
            {
                "at": time.monotonic(),
                "rss_kb": {pid: kb for pid, kb in workers.items() if kb},
                "master_kb": rss_kb(self.master_pid),
            }
        )

    def run(self):
        self.sample()
        while not self.halt.wait(self.every):
            self.sample()


def memory_verdict(samples, *, max_growth_mb, max_growth_percent):
    """Each worker's mean VmRSS over the last third of the measured run against the first third.

    ``samples``: ``[{"t": seconds since the measured run began, "rss_kb": {pid: kB}}]``; those
    with ``t < 0`` (the warm-up) are left out. A worker grows when the difference is above
    ``max_growth_mb`` or ``max_growth_percent``; a worker replaced during the run is a failure.
    """
    measured = [sample for sample in samples if sample["t"] >= 0]
    if len(measured) < 3:
        return {"ok": False, "reasons": ["fewer than 3 memory samples"], "workers": {}}
    end = measured[-1]["t"]
    first = [sample for sample in measured if sample["t"] <= end / 3]
    last = [sample for sample in measured if sample["t"] >= 2 * end / 3]
    seen = set().union(*(sample["rss_kb"] for sample in measured))
    stable = set.intersection(*(set(sample["rss_kb"]) for sample in measured))
    reasons = []
    if seen != stable:
        reasons.append(f"workers came or went during the run: {', '.join(sorted(seen - stable))}")
    workers = {}
    for pid in sorted(stable, key=int):
        series = [sample["rss_kb"][pid] / 1024 for sample in measured]
        before = statistics.mean(sample["rss_kb"][pid] / 1024 for sample in first)
        after = statistics.mean(sample["rss_kb"][pid] / 1024 for sample in last)
        growth = after - before
        percent = 100 * growth / before
        grew = growth > max_growth_mb or percent > max_growth_percent
        workers[pid] = {
            "start_mb": round(series[0], 1),
            "end_mb": round(series[-1], 1),
            "peak_mb": round(max(series), 1),
            "first_third_mb": round(before, 1),
            "last_third_mb": round(after, 1),
            "growth_mb": round(growth, 1),
            "growth_percent": round(percent, 1),
            "grew": grew,
        }
        if grew:
            reasons.append(f"worker {pid} grew by {growth:.1f} MB ({percent:.1f}%)")
    return {"ok": not reasons, "reasons": reasons, "workers": workers}
