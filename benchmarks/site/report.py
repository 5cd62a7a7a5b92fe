"""The report: reference figures and targets of issue #6, a Markdown rendering of the results,
and how each page changes from the smallest site measured to the largest."""

import json
from pathlib import Path

# bakerydemo on this machine kind, 2 sync gunicorn workers (issue #6): worker CPU ms per
# request and queries per request, by page type; the trivial Django view's throughput.
REFERENCE = {
    "home": {"cpu_ms": 46.0, "queries": 43, "what": "bakerydemo home"},
    "index": {"cpu_ms": 29.0, "queries": 40, "what": "bakerydemo blog index"},
    "detail": {"cpu_ms": 22.0, "queries": 22, "what": "bakerydemo detail pages (20–24 ms, 19–22)"},
    "search": {"cpu_ms": 47.0, "queries": 39, "what": "bakerydemo search"},
    "trivial_requests_per_s": 4600.0,
}
TARGETS = {
    "max_queries": 10,
    "cpu_share_of_reference": 1 / 3,  # uncached home, index and detail pages
    "cached_throughput_share_of_trivial": 0.8,
}


def check_targets(row):
    """Which targets a measured page meets: ``True``, ``False`` or ``None`` (not measured)."""
    reference = REFERENCE[row["type"]]
    uncached = row.get("load", {}).get("off") or {}
    cached = row.get("load", {}).get("on") or {}
    cpu = uncached.get("worker_cpu_ms_per_request")
    return {
        "queries": row["queries"] <= TARGETS["max_queries"],
        "cpu": (
            None
            if cpu is None or row["type"] == "search"
            else cpu <= reference["cpu_ms"] * TARGETS["cpu_share_of_reference"]
        ),
        "cached_throughput": (
            None
            if cached.get("throughput_ratio") is None
            else cached["throughput_ratio"] >= TARGETS["cached_throughput_share_of_trivial"]
        ),
    }


def add_ratios(rows, trivial_by_mode):
    """Each page's requests/s and CPU per request as ratios to the trivial view's: the run just
    before the page's when there is one, else the mode's median."""
    for row in rows:
        for mode, figures in (row.get("load") or {}).items():
            trivial = (figures or {}).get("trivial") or trivial_by_mode.get(mode)
            if not figures or not trivial:
                continue
            figures["throughput_ratio"] = round(
                figures["requests_per_s"] / trivial["requests_per_s"], 3
            )
            if trivial["worker_cpu_ms_per_request"]:
                figures["cpu_ratio"] = round(
                    figures["worker_cpu_ms_per_request"] / trivial["worker_cpu_ms_per_request"], 1
                )
        row["targets"] = check_targets(row)


def not_served_from_cache(row):
    """Whether the cached run was not answered from the full-page cache: it cost more than
    half the uncached run's CPU per request (a hit costs a fifth or less). Without an uncached
    run: its last warm-up response was no ``X-Page-Cache: hit`` (one worker may still miss
    when the other hits)."""
    uncached, cached = _load(row, "off"), _load(row, "on")
    if not cached:
        return None
    if uncached:
        return cached["worker_cpu_ms_per_request"] > uncached["worker_cpu_ms_per_request"] / 2
    headers = {name.lower(): value for name, value in cached.get("cache_headers", {}).items()}
    return headers.get("x-page-cache") != "hit"


def write_report(results, directory, stem="site_benchmark"):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    json_path, markdown_path = directory / f"{stem}.json", directory / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    markdown_path.write_text(render_markdown(results), "utf-8")
    return json_path, markdown_path


def _mark(value):
    return {True: "yes", False: "**no**", None: "–"}[value]


def _fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def render_markdown(results):
    machine, config = results["machine"], results["config"]
    lines = [
        "# Site benchmark",
        "",
        f"`benchmarks/site_benchmark.py`, {results['started']}. Machine: {machine['cpus']} cores "
        f"(shared with other work: absolute figures are noisy, ratios to the trivial view "
        f"steadier), Python {machine['python']}, {machine['database']} "
        f"{machine['database_version']}. Server: gunicorn, {config['workers']} sync workers, "
        f"settings `benchmarks.site.settings` (production, DEBUG off). Load: wrk, "
        f"{config['duration']} s per URL, {config['connections']} connections, "
        f"{config['threads']} threads, on loopback. In-process: Django test client, median of "
        f"{config['repeats']} requests after warm-up. Language measured under load: "
        f"`{config['languages'][0]}`.",
        "",
        "Uncached: the server started with `PORTAL_PAGE_CACHE=off`; cached: started again with "
        "`PORTAL_PAGE_CACHE=on` (the full-page cache of `caching/`, local memory per worker "
        "unless `CACHE_URL` says otherwise). In process, pages are always uncached. The trivial "
        "view is `never_cache`: in the cached run it still passes through the cache middleware.",
        "",
        "Uncached means without the full-page cache. The kept lookups and fragments "
        "(`core.lookups`: routes, menus, footer, a page's related pages and terms, listing "
        'cards) stay warm between requests, as on a running site; the column "after a '
        'publish" gives the CPU of a request right after all of them were renewed: the first '
        "view of a page after a site-wide change (a term, the settings, a page in the menu), "
        "or after a publish of a page it shows. A publish elsewhere renews far less: "
        "`benchmarks/narrow_lookups_benchmark.py`.",
        "",
        "Reference (bakerydemo, this machine kind, 2 sync workers): home 46 ms worker CPU per "
        "request and 43 queries; index 29 ms, 40 queries; detail 20–24 ms, 19–22 queries; "
        "search 47 ms, 39 queries; trivial view about 4,600 requests/s. Targets: every page at "
        "most 10 queries at every size; uncached home, index and detail pages at most a third of "
        "the reference CPU; cached anonymous pages at least 0.8 of the trivial view's "
        "throughput.",
    ]
    for run in results["runs"]:
        lines += _render_run(run, results["config"])
    if len(results["runs"]) > 1:
        lines += _render_growth(results["runs"][0], results["runs"][-1], config)
    return "\n".join(lines) + "\n"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def _ratio(value, ratio, digits=0, ratio_digits=2):
    return f"{_fmt(value, digits)} (× {_fmt(ratio, ratio_digits)})" if value is not None else "–"


def _load(row, mode):
    return (row.get("load") or {}).get(mode) or {}


def _render_run(run, config):
    build = run["build"]
    per_language = ", ".join(
        f"{code} {count}" for code, count in build["pages_per_language"].items()
    )
    lines = [
        "",
        f"## {run['pages']:,} pages",
        "",
        f"Pages per language: {per_language}. Build: {build['pages_added']} pages added; "
        f"seconds: {build['seconds']}.",
    ]
    languages = config["languages"]
    others = run.get("other_languages") or {}
    lines += ["", "In process (ms: median of the requests; queries in each language):", ""]
    lines += _table(
        ["page", f"queries {' / '.join(languages)}", "reference queries",
         f"ms {languages[0]} (p90)", f"CPU ms {languages[0]}",
         f"CPU ms {languages[0]} after a publish", f"SQL ms {languages[0]}",
         *(f"ms / CPU / SQL ms {code}" for code in others), "KiB"],
        [
            [
                row["name"],
                " / ".join(
                    str(run["queries_by_language"].get(code, {}).get(row["name"], "–"))
                    for code in languages
                ),
                REFERENCE[row["type"]]["queries"],
                f"{_fmt(row['render_ms_median'])} ({_fmt(row['render_ms_p90'])})",
                _fmt(row["render_cpu_ms_median"]),
                _fmt(row.get("cold_cpu_ms_median")),
                _fmt(row["query_ms"]),
                *(
                    " / ".join(
                        _fmt(figures.get(row["name"], {}).get(key))
                        for key in ("render_ms_median", "render_cpu_ms_median", "query_ms")
                    )
                    for figures in others.values()
                ),
                round(row["bytes"] / 1024),
            ]
            for row in run["pages_measured"]
        ],
    )  # fmt: skip
    trivial = run.get("trivial") or {}
    if trivial:
        lines += ["", "Under gunicorn. The trivial Django view (`/_bench/trivial/`) runs just "
                  "before each page; ratios are to that run. Its median:", ""]  # fmt: skip
        for mode, figures in trivial.items():
            spread = figures.get("requests_per_s_range")
            spread = f" (runs {spread[0]:.0f}–{spread[1]:.0f})" if spread else ""
            lines.append(
                f"- PORTAL_PAGE_CACHE={mode}: {figures['requests_per_s']:.0f} requests/s{spread} "
                f"(reference {REFERENCE['trivial_requests_per_s']:.0f}), worker CPU "
                f"{_fmt(figures['worker_cpu_ms_per_request'], 2)} ms/request"
            )
        lines.append("")
        lines += _table(
            ["page", "uncached req/s (× trivial)", "worker CPU ms/req (× trivial)",
             "budget ⅓ ref", "DB CPU ms/req", "p50 / p99 ms", "cached req/s (× trivial)",
             "≤10 queries", "CPU ≤ budget", "cached ≥ 0.8"],
            [
                [
                    row["name"],
                    _ratio(_load(row, "off").get("requests_per_s"),
                           _load(row, "off").get("throughput_ratio"), 0, 3),
                    _ratio(_load(row, "off").get("worker_cpu_ms_per_request"),
                           _load(row, "off").get("cpu_ratio"), 1, 1),
                    _fmt(REFERENCE[row["type"]]["cpu_ms"] * TARGETS["cpu_share_of_reference"]),
                    _fmt(_load(row, "off").get("database_cpu_ms_per_request")),
                    f"{_fmt(_load(row, 'off').get('latency_ms', {}).get('p50'))} / "
                    f"{_fmt(_load(row, 'off').get('latency_ms', {}).get('p99'))}",
                    _ratio(_load(row, "on").get("requests_per_s"),
                           _load(row, "on").get("throughput_ratio"), 0, 3),
                    _mark(row["targets"]["queries"]),
                    _mark(row["targets"]["cpu"]),
                    _mark(row["targets"]["cached_throughput"]),
                ]
                for row in run["pages_measured"]
            ],
        )  # fmt: skip
    uncached = [row["name"] for row in run["pages_measured"] if not_served_from_cache(row)]
    if uncached:
        names = ", ".join(uncached)
        lines += ["", "Not served from the full-page cache in the cached run (worker CPU per "
                  f"request above half the uncached run's): {names}."]  # fmt: skip
    urls = "; ".join(f"{row['name']} `{row['url']}`" for row in run["pages_measured"])
    return [*lines, "", f"URLs: {urls}."]


def _render_growth(small, large, config):
    lines = [
        "",
        f"## From {small['pages']:,} to {large['pages']:,} pages",
        "",
        "In-process wall time includes waiting for the shared CPUs and the database; CPU time "
        "(in process, and of the gunicorn workers) is the steadier measure of Python's work, "
        "SQL ms (median time in the database per request, in process) of the database's.",
        "",
    ]
    before = {row["name"]: row for row in small["pages_measured"]}
    rows = []
    for row in large["pages_measured"]:
        old = before.get(row["name"])
        if old is None:
            continue
        old_load, new_load = _load(old, "off"), _load(row, "off")

        def change(key, old_figures=old_load, new_figures=new_load):
            return _change(old_figures.get(key), new_figures.get(key))

        rows.append(
            [
                row["name"],
                f"{old['queries']} → {row['queries']}",
                _change(old["render_ms_median"], row["render_ms_median"]),
                _change(old["render_cpu_ms_median"], row["render_cpu_ms_median"]),
                _change(old["query_ms"], row["query_ms"]),
                change("worker_cpu_ms_per_request"),
                change("database_cpu_ms_per_request"),
                _change(
                    old_load.get("latency_ms", {}).get("p50"),
                    new_load.get("latency_ms", {}).get("p50"),
                ),
            ]
        )
    header = ["page", "queries", "in-process ms", "in-process CPU ms", "SQL ms",
              "worker CPU ms/req", "DB CPU ms/req", "uncached p50 ms"]  # fmt: skip
    lines += _table(header, rows)
    for code, figures in (large.get("other_languages") or {}).items():
        old_figures = (small.get("other_languages") or {}).get(code, {})
        lines += ["", f"In process, `{code}`:", ""]
        lines += _table(
            ["page", "queries", "in-process ms", "in-process CPU ms", "SQL ms"],
            [
                [
                    name,
                    f"{old_figures.get(name, {}).get('queries', '–')} → {new['queries']}",
                    _change(old_figures.get(name, {}).get("render_ms_median"),
                            new["render_ms_median"]),
                    _change(old_figures.get(name, {}).get("render_cpu_ms_median"),
                            new["render_cpu_ms_median"]),
                    _change(old_figures.get(name, {}).get("query_ms"), new["query_ms"]),
                ]
                for name, new in figures.items()
            ],
        )  # fmt: skip
    return lines


def _change(old, new):
    if old is None or new is None:
        return "–"
    percent = f" ({(new - old) / old * 100:+.0f} %)" if old else ""
    return f"{old:.1f} → {new:.1f}{percent}"
