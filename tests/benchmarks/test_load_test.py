"""The load test's parts that need no server: the URL mix, the error counts from wrk and
gunicorn's logs, the memory verdict and the report; and the Lua script under a real wrk."""

import http.server
import json
import shutil
import threading
from collections import Counter

import pytest

from benchmarks.load_test import LUA_SCRIPT, parse_args
from benchmarks.site.load import parse_wrk, run_wrk
from benchmarks.site.load_checks import (
    WEIGHTS,
    build_url_mix,
    classifier,
    count_errors,
    coverage,
    discover_urls,
    matcher,
    memory_verdict,
    mix_paths,
    parse_access_log,
    parse_error_log,
    parse_statuses,
    parse_vmrss,
    with_ref,
)
from benchmarks.site.load_report import render_markdown

GROUPS = {
    "page": ["/en/", "/en/campaigns/", "/ar/"],
    "search": ["/en/search/?q=copyright"],
    "api": ["/api/search/?q=copyright&lang=en"],
    "feed": ["/en/feeds/campaigns/rss/"],
    "other": ["/robots.txt"],
    "uncached": [with_ref("/en/campaigns/"), "/en/search/?q=copyright{n}"],
}

CLEAN_WRK = """Running 3m test @ http://127.0.0.1:8000
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   310.20ms  120.00ms   2.10s    80.00%
    Req/Sec    80.00     10.00   120.00     70.00%
  Latency Distribution
     50%  290.00ms
     75%  350.00ms
     90%  480.00ms
     99%    1.20s
  28800 requests in 3.00m, 400.00MB read
Requests/sec:    160.00
Transfer/sec:      2.22MB
"""
FAILING_WRK = CLEAN_WRK.replace(
    "Requests/sec:",
    "  Socket errors: connect 0, read 2, write 0, timeout 5\n"
    "  Non-2xx or 3xx responses: 7\nRequests/sec:",
)
NO_SERVER_ERRORS = {"django_server_errors": 0, "tracebacks": 0, "worker_timeouts": 0}


# The URL mix ------------------------------------------------------------------------------


def test_the_mix_gives_each_kind_its_share_and_every_url_a_turn():
    mix = build_url_mix(GROUPS, WEIGHTS, length=2000)
    kinds = Counter(classifier(GROUPS)(path) for path in mix)
    total = sum(WEIGHTS.values())
    for kind, weight in WEIGHTS.items():
        assert kinds[kind] / len(mix) == pytest.approx(weight / total, abs=0.01), kind
    counts = Counter(mix)
    assert set(counts) == set(mix_paths(GROUPS))
    # The URLs of a kind are taken in turn: the page URLs are asked for equally often.
    assert (
        max(counts[path] for path in GROUPS["page"]) - min(counts[path] for path in GROUPS["page"])
        <= 1
    )
    assert build_url_mix(GROUPS, WEIGHTS, seed=3) == build_url_mix(GROUPS, WEIGHTS, seed=3)
    assert build_url_mix(GROUPS, WEIGHTS, seed=3) != build_url_mix(GROUPS, WEIGHTS, seed=4)


def test_the_mix_leaves_out_kinds_without_weight_and_refuses_gaps():
    mix = build_url_mix(GROUPS, WEIGHTS | {"feed": 0}, length=500)
    assert "/en/feeds/campaigns/rss/" not in mix
    with pytest.raises(ValueError, match="no URLs for api"):
        build_url_mix(GROUPS | {"api": []}, WEIGHTS)
    with pytest.raises(ValueError, match="no weight for admin"):
        build_url_mix(GROUPS | {"admin": ["/admin/"]}, WEIGHTS)


def test_a_kind_with_more_urls_than_its_share_keeps_them_all():
    many = {"page": [f"/en/{n}/" for n in range(300)], "search": ["/en/search/?q=a"]}
    mix = build_url_mix(many, {"page": 1, "search": 1}, length=100)
    assert set(many["page"]) <= set(mix)


def test_requests_are_told_apart_by_kind():
    classify = classifier(GROUPS)
    assert classify("/en/campaigns/?") == "page"  # the access log's "?" with no query
    assert classify("/en/campaigns/?ref=2x41") == "uncached"
    assert classify("/en/search/?q=copyright1x7") == "uncached"
    assert classify("/en/search/?q=copyright") == "search"
    assert classify("/de/") == "unknown"
    assert with_ref("/en/campaigns/?topic=a") == "/en/campaigns/?topic=a&ref={n}"


def test_the_urls_each_worker_served_are_counted_once_per_url_of_the_mix():
    lines = [
        "<11> 200 GET /en/?",
        "<11> 200 GET /en/?",
        "<11> 200 GET /en/campaigns/?ref=1x1",
        "<11> 200 GET /en/campaigns/?ref=2x9",
        "<12> 404 GET /de/?",
        "<12> 200 GET /en/search/?q=copyright7x7",
        "<12> 200 GET /en/search/?q=copyright",
        "garbage",
    ]
    served = coverage(lines, matcher(GROUPS))
    assert served == {
        "11": {"/en/", "/en/campaigns/?ref={n}"},
        "12": {"/en/search/?q=copyright{n}", "/en/search/?q=copyright"},
    }


@pytest.mark.django_db
def test_every_url_discovered_in_the_demo_answers(client):
    groups = discover_urls(["en", "ar"])
    assert set(groups) == set(WEIGHTS)
    assert all(groups[kind] for kind in WEIGHTS)
    assert any("/ar/" in path for path in groups["page"])
    for path in mix_paths(groups):
        if path.startswith("/static/"):
            continue  # served by WhiteNoise from collected files, which tests do not have
        response = client.get(path.replace("{n}", "1x1"))
        assert response.status_code == 200, path


# Errors -----------------------------------------------------------------------------------


def test_a_clean_run_counts_no_error():
    lines = ["<11> 200 GET /en/?", "<12> 200 GET /en/campaigns/?ref=1x1"]
    access = parse_access_log(lines, classifier(GROUPS))
    assert access["by_status"] == {"200": 2}
    errors = count_errors(
        parse_wrk(CLEAN_WRK),
        {"200": 28800},
        access,
        NO_SERVER_ERRORS,
        workers_seen=2,
        workers=2,
    )
    assert set(errors.values()) == {0}


def test_errors_are_counted_from_every_source():
    wrk = parse_wrk(FAILING_WRK)
    statuses = parse_statuses('{"200": 28793, "502": 3, "404": 4}\n')
    assert statuses == {"200": 28793, "404": 4, "502": 3}
    lines = [
        "<11> 200 GET /en/?",
        "<11> 500 GET /en/campaigns/?ref=1x2",
        "<12> 500 GET /en/campaigns/?ref=1x3",
    ]
    access = parse_access_log([*lines, "not a log line"], classifier(GROUPS))
    assert access["by_kind"] == {
        "page": {"requests": 1, "errors": 0},
        "uncached": {"requests": 2, "errors": 2},
    }
    assert access["failing"][0] == ("500 /en/campaigns/?ref=1x2", 1)
    error_log = parse_error_log(
        "[2026-01-01 10:00:00 +0000] [12] [CRITICAL] WORKER TIMEOUT (pid:14)\n"
        "Internal Server Error: /en/campaigns/\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1\n'
        "ValueError: boom\n"
    )
    errors = count_errors(wrk, statuses, access, error_log, workers_seen=3, workers=2)
    assert errors == {
        "wrk_non_2xx_3xx": 7,
        "wrk_socket_connect": 0,
        "wrk_socket_read": 2,
        "wrk_socket_write": 0,
        "wrk_socket_timeout": 5,
        "lua_status_400_plus": 7,
        "server_status_400_plus": 2,
        "django_server_errors": 1,
        "tracebacks": 1,
        "worker_timeouts": 1,
        "workers_replaced": 1,
    }


def test_wrk_latency_and_rate_are_read():
    figures = parse_wrk(CLEAN_WRK)
    assert figures["requests"] == 28800
    assert figures["requests_per_s"] == 160.0
    assert figures["latency_ms"]["p50"] == 290.0
    assert figures["latency_ms"]["p99"] == 1200.0
    assert figures["latency_ms"]["max"] == 2100.0


# Memory -----------------------------------------------------------------------------------


def samples(*series, every=5, warmup=()):
    """Samples of workers "1", "2"… whose VmRSS in MB follows ``series``."""
    made = [
        {"t": -every * (len(warmup) - index), "rss_kb": {"1": int(mb * 1024)}}
        for index, mb in enumerate(warmup)
    ]
    for index, values in enumerate(zip(*series, strict=True)):
        rss = {str(worker + 1): int(mb * 1024) for worker, mb in enumerate(values)}
        made.append({"t": index * every, "rss_kb": rss})
    return made


def verdict(series, **limits):
    return memory_verdict(series, **({"max_growth_mb": 10, "max_growth_percent": 10} | limits))


def test_steady_workers_pass_even_with_a_passing_spike():
    steady = [150, 151, 150, 158, 151, 150, 151, 152, 151]
    result = verdict(samples(steady, [120] * 9))
    assert result["ok"], result["reasons"]
    assert result["workers"]["1"]["peak_mb"] == 158
    assert result["workers"]["2"]["growth_mb"] == 0


def test_a_worker_that_keeps_growing_fails():
    growing = [150 + 3 * step for step in range(12)]  # +33 MB over the run
    result = verdict(samples([150] * 12, growing))
    assert not result["ok"]
    assert result["workers"]["2"]["grew"] and not result["workers"]["1"]["grew"]
    # First third (0-18 s): 150-159 MB, mean 154.5; last third (37-55 s): 174-183, mean 178.5.
    assert result["workers"]["2"]["first_third_mb"] == 154.5
    assert result["workers"]["2"]["last_third_mb"] == 178.5
    assert result["reasons"] == ["worker 2 grew by 24.0 MB (15.5%)"]


def test_growth_is_judged_in_megabytes_and_in_percent():
    small = [40, 40, 40, 44, 45, 46]  # +5.5 MB is under 10 MB but over 10 %
    assert not verdict(samples(small))["ok"]
    assert verdict(samples(small), max_growth_percent=20)["ok"]
    large = [400, 400, 400, 412, 412, 412]  # +12 MB is 3 %
    assert not verdict(samples(large))["ok"]
    assert verdict(samples(large), max_growth_mb=15)["ok"]


def test_the_warm_up_is_left_out():
    result = verdict(samples([160] * 6, warmup=[80, 120, 150]))
    assert result["ok"]
    assert result["workers"]["1"]["start_mb"] == 160


def test_a_replaced_worker_or_too_few_samples_fail():
    replaced = samples([150] * 6)
    replaced[4]["rss_kb"] = {"7": 150 * 1024}
    result = verdict(replaced)
    assert not result["ok"]
    assert "came or went" in result["reasons"][0]
    assert not verdict(samples([150, 150]))["ok"]


def test_vmrss_is_read_from_proc_status():
    assert parse_vmrss("Name:\tgunicorn\nVmPeak:\t 300 kB\nVmRSS:\t  153600 kB\n") == 153600
    assert parse_vmrss("Name:\tkthreadd\nState:\tS\n") is None


# The report and the command line -----------------------------------------------------------


def test_the_report_names_the_verdict_and_every_worker():
    wrk = parse_wrk(CLEAN_WRK)
    memory = verdict(samples([150] * 12, [150 + 3 * step for step in range(12)]))
    memory["thresholds"] = {"mb": 10, "percent": 10}
    config = {"duration": 55, "warmup": 5, "connections": 50, "threads": 2, "workers": 2}
    access = parse_access_log(["<11> 200 GET /en/?"], classifier(GROUPS))
    results = {
        "started": "2026-01-01 10:00",
        "machine": {"cpus": 2, "load_average_at_start": 1.0, "load_average_at_end": 2.0}
        | {"python": "3.11", "django": "5.2", "wagtail": "8.0", "database_version": "15.2"}
        | {"wrk": "wrk 4.1"},
        "config": config | {"timeout": 30, "pages": 1000, "sample_every_s": 5},
        "site": {"pages_total": 1000, "pages_per_language": {"en": 600, "ar": 400}},
        "mix": {kind: {"urls": len(paths), "share": 0.1} for kind, paths in GROUPS.items()},
        "page_cache_check": {"url": "/en/", "x_page_cache": ["miss", "hit"]},
        "warmup": {"seconds": 45, "urls": 8, "covered": {"11": 8, "12": 8}, "complete": True},
        "wrk": wrk,
        "statuses": {"200": 28800},
        "server": {"access_log": access},
        "errors": {"wrk_non_2xx_3xx": 0},
        "errors_total": 0,
        "memory": memory,
        "memory_samples": samples([150] * 12, [150 + 3 * step for step in range(12)]),
        "not_included": "POST requests.",
        "error_log_excerpt": "",
        "verdict": "fail",
    }
    markdown = render_markdown(results)
    assert "Verdict: **fail**" in markdown
    assert "worker 2 grew by" in markdown
    assert "| 2 | 150.0 | 183.0 |" in markdown
    assert "28,800" in markdown
    assert "X-Page-Cache: hit" in markdown
    assert "45 s of unmeasured warm-up, until each worker had served every one of the 8" in markdown
    results["warmup"] |= {"covered": {"11": 8, "12": 6}, "complete": False}
    assert "the workers had served 8, 6 of the 8 URLs" in render_markdown(results)


def test_the_command_line_refuses_targets_off_loopback(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--pg-url", "postgres://postgres@10.0.0.5:5432"])
    assert exit_info.value.code == 2
    assert "on loopback" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_args(["--redis-url", "redis://cache.example.org:6379/7"])
    assert parse_args(["--duration", "20"]).duration == 20


# The Lua script under wrk -------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    paths = []

    def do_GET(self):  # noqa: N802 - the standard library's name
        self.paths.append(self.path)
        status = 404 if self.path.startswith("/missing") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_the_lua_script_rotates_urls_makes_unique_ones_and_counts_statuses(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.paths = []
    urls, result = tmp_path / "urls.txt", tmp_path / "statuses.json"
    urls.write_text("/a/\n/b/?ref={n}\n/missing/\n")
    try:
        figures = run_wrk(
            shutil.which("wrk"),
            f"http://127.0.0.1:{server.server_address[1]}",
            duration=1,
            connections=2,
            threads=2,
            script=LUA_SCRIPT,
            script_args=[urls, result],
        )
    finally:
        server.shutdown()
        server.server_close()
    statuses = json.loads(result.read_text())
    assert sum(statuses.values()) == figures["requests"] > 10
    assert statuses["404"] == figures["non_2xx_3xx"]
    unique = [path for path in _Recorder.paths if path.startswith("/b/")]
    assert unique and len(set(unique)) == len(unique)
    assert all(path.startswith("/b/?ref=") and "{n}" not in path for path in unique)
    assert set(_Recorder.paths) >= {"/a/", "/missing/"}
