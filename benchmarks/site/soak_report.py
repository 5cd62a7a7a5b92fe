"""The soak's report in Markdown (``benchmarks/soak.py``), from its results."""

from benchmarks.site.load_report import table

FAULT_NAMES = {
    "search_down": "search cluster (osmem-server) stopped, started again, index rebuilt",
    "worker_killed": "one gunicorn worker killed (SIGKILL)",
    "redis_restarted": "Redis (the cache) stopped and started again, empty",
}


def _seconds(value):
    return "–" if value is None else f"{value:.2f}"


def render_markdown(results):
    config, machine, wrk = results["config"], results["machine"], results["wrk"]
    latency, publishes, memory = wrk["latency_ms"], results["publishes"], results["memory"]
    errors = results["errors"]
    verdict = results["verdict"]
    lines = [
        "# Soak through the edge tier",
        "",
        f"`benchmarks/soak.py`, {results['started']}. Verdict: **{verdict}**"
        + (f" ({'; '.join(results['reasons'])})." if results["reasons"] else "."),
        "",
        f"Machine: {machine['cpus']} cores, shared with other work while the soak ran (load "
        f"average {machine['load_average_at_start']:.1f} at the start, "
        f"{machine['load_average_at_end']:.1f} at the end): throughput and latency are noisy, "
        f"errors, freshness and memory are not. Python {machine['python']}, Django "
        f"{machine['django']}, Wagtail {machine['wagtail']}, PostgreSQL "
        f"{machine['database_version']}, {machine['wrk']}.",
        "",
        f"Stack on loopback: wrk ({config['connections']} connections, {config['threads']} "
        f"threads) → varnishd (`deploy/varnish/portal.vcl`) → gunicorn ({config['workers']} "
        "sync workers, settings `benchmarks.site.settings`, `PORTAL_EDGE` on, page cache in a "
        "private Redis) → PostgreSQL; search on "
        f"{config['search']}. Site: {results['site']['pages_total']:,} pages; the load test's "
        f"URL mix in {', '.join(config['languages'])}. Warm-up (direct to gunicorn, unmeasured):"
        f" {results['warmup']['seconds']} s. Then {config['duration']} s through the edge, a "
        f"page published every {config['publish_every_s']} s.",
        "",
        "## Requests",
        "",
        *table(
            ["requests", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms"],
            [
                [f"{wrk['requests']:,}", wrk["requests_per_s"]]
                + [latency.get(key, "") for key in ("p50", "p90", "p99", "max")]
            ],
        ),
        "",
        "Statuses seen by wrk: "
        + ", ".join(f"{code}: {count:,}" for code, count in results["statuses"].items())
        + f". Socket errors: {wrk['socket_errors']}. Edge counters (varnishstat): "
        + ", ".join(f"{name} {value}" for name, value in results["edge_stats"].items())
        + ".",
        "",
        "## Faults",
        "",
        *table(
            ["fault", "planned at s", "began at s", "over at s", "notes"],
            [
                [
                    FAULT_NAMES[event["fault"]],
                    event["at"],
                    event.get("done_at", "not done"),
                    event.get("ended_at", ""),
                    ", ".join(
                        f"{key} {event[key]}"
                        for key in ("restarted_after_s", "pid", "replaced_by")
                        if key in event
                    ),
                ]
                for event in results["faults"]
            ],
        ),
        "",
        "## Errors",
        "",
        "Responses of 400 and above, by status and by who made them (`edge`: Varnish's own "
        "“Backend fetch failed”; `portal`: the application), counted by second; those in a "
        "planned outage (±5 s) are allowed only where the portal documents them (none are: "
        "during each outage the portal answers 200).",
        "",
        *table(
            ["", "count"],
            [["unplanned: " + key, n] for key, n in errors["unplanned"].items()]
            + [
                [f"allowed during {fault}: {key}", n]
                for fault, counts in errors["allowed"].items()
                for key, n in counts.items()
            ]
            or [["none", 0]],
        ),
        "",
    ]
    server = results["server"]
    lines += [
        "gunicorn's access log (requests that reached the application, by status): "
        + ", ".join(f"{code}: {n:,}" for code, n in server["access_log"]["by_status"].items())
        + ". Its error log: "
        + ", ".join(f"{name} {n}" for name, n in server["error_log"].items())
        + " (the planned SIGKILL is logged as one error).",
        "",
        "## Publishing and freshness at the edge",
        "",
        *table(
            ["publishes", "failed", "stale after purge", "never fresh", "purged p50 s", "p99 s"]
            + ["first fresh page p50 s", "p99 s", "max s"],
            [
                [
                    publishes["publishes"],
                    publishes["failed_publishes"],
                    publishes["stale"],
                    publishes["never_fresh"],
                ]
                + [_seconds(publishes.get("purged_s", {}).get(key)) for key in ("p50", "p99")]
                + [_seconds(publishes["purge_latency_s"][key]) for key in ("p50", "p99", "max")]
            ],
        ),
        "",
        f"Languages published: {', '.join(publishes['languages'])}; page types: "
        f"{', '.join(publishes['page_types'])}. Both times run from the publish's commit. "
        "*Purged*: to every purge acknowledged (page cache and edge, in every language; they "
        "ran after the commit, in the publishing process), from when the edge no longer serves "
        "the old page. *First fresh page*: to the first fetch through the edge that shows the "
        "new title (fetched as soon as `publish()` returned): the purge, then the page rendered "
        "anew by an application as busy as the soak keeps it.",
        "",
        "## Worker memory (VmRSS, MB)",
        "",
        f"Flat means the mean over the last third within {memory['thresholds']['mb']} MB and "
        f"{memory['thresholds']['percent']}% of the first third, for each worker that lived "
        "through the run; the replacement of the killed worker starts cold and is shown, not "
        "judged.",
        "",
        *table(
            ["worker", "from s", "start", "end", "peak", "first third", "last third", "growth"],
            [
                [pid, figures.get("replacement_from_s", 0)]
                + [
                    figures[key]
                    for key in ("start_mb", "end_mb", "peak_mb", "first_third_mb", "last_third_mb")
                ]
                + [f"{figures['growth_mb'] + 0.0:+.1f}"]
                for pid, figures in memory["workers"].items()
            ],
        ),
        "",
        f"Killed: {', '.join(memory.get('killed', [])) or 'none'}.",
        "",
    ]
    return "\n".join(lines)
