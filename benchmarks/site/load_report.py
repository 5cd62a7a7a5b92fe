"""The load test's report in Markdown (``benchmarks/load_test.py``), from its results."""


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def _warmup(warmup):
    served = ", ".join(str(count) for count in warmup["covered"].values())
    if warmup["complete"]:
        return (
            f"{warmup['seconds']} s of unmeasured warm-up, until each worker had served every "
            f"one of the {warmup['urls']} URLs of the mix"
        )
    return (
        f"{warmup['seconds']} s of unmeasured warm-up (the most allowed), after which the "
        f"workers had served {served} of the {warmup['urls']} URLs of the mix"
    )


def render_markdown(results):
    config, machine, wrk = results["config"], results["machine"], results["wrk"]
    memory, latency = results["memory"], wrk["latency_ms"]
    lines = [
        "# Load test",
        "",
        f"`benchmarks/load_test.py`, {results['started']}. Verdict: **{results['verdict']}** "
        f"({results['errors_total']} errors; worker memory "
        f"{'steady' if memory['ok'] else 'grew: ' + '; '.join(memory['reasons'])}).",
        "",
        f"Machine: {machine['cpus']} cores, shared with other work while the test ran (load "
        f"average {machine['load_average_at_start']:.1f} at the start, "
        f"{machine['load_average_at_end']:.1f} at the end), so throughput and latency are "
        f"noisy; the errors and the memory verdict are not. Python {machine['python']}, Django "
        f"{machine['django']}, Wagtail {machine['wagtail']}, PostgreSQL "
        f"{machine['database_version']}, {machine['wrk']}.",
        "",
        f"Server: gunicorn, {config['workers']} sync workers (never recycled: no "
        "`--max-requests`), settings `benchmarks.site.settings` (production, DEBUG off, plain "
        "HTTP on loopback), PostgreSQL and Redis (the cache, with the full-page cache on) on "
        f"127.0.0.1. Site: {results['site']['pages_total']:,} pages in "
        f"{len(results['site']['pages_per_language'])} languages. Load: wrk, "
        f"{config['connections']} connections, {config['threads']} threads; "
        f"{_warmup(results['warmup'])}; then {config['duration']} s measured (a response "
        f"slower than {config['timeout']} s counts as an error); worker memory (VmRSS) read "
        f"every {config['sample_every_s']} s.",
        "",
        "## Throughput and latency (measured run)",
        "",
        *table(
            ["requests", "requests/s", "p50 ms", "p75 ms", "p90 ms", "p99 ms", "max ms"],
            [
                [f"{wrk['requests']:,}", wrk["requests_per_s"]]
                + [latency.get(key, "") for key in ("p50", "p75", "p90", "p99", "max")]
            ],
        ),
        "",
        "Statuses seen by wrk: "
        + ", ".join(f"{code}: {count:,}" for code, count in results["statuses"].items())
        + ".",
        "",
        "## Errors",
        "",
        "Every source counts on its own (one failure may show in several).",
        "",
        *table(["kind", "count"], [[kind, count] for kind, count in results["errors"].items()]),
        "",
    ]
    access = results["server"]["access_log"]
    served = sum(figures["requests"] for figures in access["by_kind"].values())
    lines += [
        "## Requests by kind of URL (gunicorn's access log, measured run)",
        "",
        *table(
            ["kind", "URLs", "share of the mix", "requests", "share served", "errors"],
            [
                [kind, mix["urls"], f"{mix['share']:.0%}"]
                + [
                    f"{access['by_kind'].get(kind, {}).get('requests', 0):,}",
                    f"{access['by_kind'].get(kind, {}).get('requests', 0) / max(served, 1):.0%}",
                    access["by_kind"].get(kind, {}).get("errors", 0),
                ]
                for kind, mix in results["mix"].items()
            ],
        ),
        "",
        "Cache-missing URLs (`uncached`) carry a query string or search term unique to each "
        "request. The full-page cache answered the second request of "
        f"`{results['page_cache_check']['url']}` with `X-Page-Cache: "
        f"{results['page_cache_check']['x_page_cache'][1]}`.",
        "",
    ]
    if access["failing"]:
        lines += ["Failing URLs: " + "; ".join(f"{url} ×{n}" for url, n in access["failing"])]
        lines += [""]
    lines += [
        "## Worker memory (VmRSS, MB)",
        "",
        f"A worker grows when its mean over the last third of the measured run exceeds its mean "
        f"over the first third by more than {memory['thresholds']['mb']} MB or "
        f"{memory['thresholds']['percent']}%.",
        "",
        *table(
            ["worker", "start", "end", "peak", "first third", "last third", "growth", "%"],
            [
                [pid]
                + [
                    figures[key]
                    for key in ("start_mb", "end_mb", "peak_mb", "first_third_mb", "last_third_mb")
                ]
                # "+ 0.0" turns a rounded -0.0 into 0.0.
                + [f"{figures['growth_mb'] + 0.0:+.1f}", f"{figures['growth_percent'] + 0.0:+.1f}"]
                for pid, figures in memory["workers"].items()
            ],
        ),
        "",
    ]
    samples = [sample for sample in results["memory_samples"] if sample["t"] >= 0]
    step = max(1, round(30 / config["sample_every_s"]))
    shown = samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else [])
    pids = list(memory["workers"])
    lines += [
        "The series, about every 30 s (every sample is in the JSON file):",
        "",
        *table(
            ["t (s)", *pids],
            [
                [f"{sample['t']:.0f}"]
                + [f"{sample['rss_kb'].get(pid, 0) / 1024:.1f}" for pid in pids]
                for sample in shown
            ],
        ),
        "",
        "## Not included",
        "",
        results["not_included"],
        "",
    ]
    if results["error_log_excerpt"]:
        lines += ["## End of gunicorn's error log", "", "```", results["error_log_excerpt"]]
        lines += ["```", ""]
    return "\n".join(lines)
