"""The soak's parts that need no server (``benchmarks/soak.py``): its command line, the fault
schedule, which errors a planned outage allows, freshness after a publish, purge latency, the
memory verdict when a worker is killed on purpose, the verdict and the report; and the Lua
script's errors by second under a real wrk."""

import http.server
import json
import shutil
import threading

import pytest

from benchmarks.load_test import LUA_SCRIPT
from benchmarks.site import soak_checks
from benchmarks.site.load import run_wrk
from benchmarks.site.soak_checks import (
    attribute_errors,
    fault_schedule,
    freshness,
    memory_with_replacement,
    percentile,
    publish_summary,
    soak_verdict,
)
from benchmarks.site.soak_report import render_markdown
from benchmarks.soak import parse_args

WINDOWS = [{"fault": "redis_restarted", "start": 1000, "end": 1006}]
NO_SOCKET_ERRORS = {"socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0}}


def test_the_command_line_has_the_issue_s_defaults_and_refuses_faults_that_do_not_fit(capsys):
    args = parse_args([])
    assert (args.duration, args.connections, args.publish_every) == (600, 50, 10)
    assert [event["fault"] for event in args.schedule] == [
        "search_down",
        "worker_killed",
        "redis_restarted",
    ]
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--duration", "60"])  # 30 s of search outage from 9 s runs into the kill
    assert exit_info.value.code == 2
    assert "search_down would last into worker_killed" in capsys.readouterr().err
    assert parse_args(["--duration", "60", "--search-down", "10"]).schedule[0]["at"] == 9
    with pytest.raises(SystemExit):
        parse_args(["--pg-url", "postgres://postgres@db.example.org:5432"])


def test_the_faults_are_spread_over_the_run_and_may_not_overlap():
    schedule = fault_schedule(600, search_down_s=30, redis_down_s=5)
    assert [(event["at"], event["lasts"]) for event in schedule] == [(90, 30), (270, 0), (420, 5)]
    with pytest.raises(ValueError, match="past the end"):
        fault_schedule(20, search_down_s=2, redis_down_s=10)


def test_an_error_in_an_outage_is_allowed_only_where_documented(monkeypatch):
    errors = {"1003": {"503 portal": 2}, "1010": {"503 edge": 1}, "1200": {"503 portal": 4}}
    # Nothing is allowed: every error counts, in an outage or not.
    assert attribute_errors(errors, WINDOWS) == {
        "allowed": {},
        "unplanned": {"503 portal": 6, "503 edge": 1},
    }
    monkeypatch.setitem(soak_checks.ALLOWED_DURING, "redis_restarted", {503})
    # Allowed during the outage and 5 s either side of it; not later.
    assert attribute_errors(errors, WINDOWS) == {
        "allowed": {"redis_restarted": {"503 portal": 2, "503 edge": 1}},
        "unplanned": {"503 portal": 4},
    }
    assert attribute_errors({"1003": {"500 portal": 1}}, WINDOWS)["unplanned"] == {"500 portal": 1}


def test_a_page_is_stale_when_any_fetch_lacks_the_marker():
    assert freshness("soak0001x7", {"plain": "<h1>A soak0001x7</h1>", "csrf_cookie": "soak0001x7"})[
        "fresh"
    ]
    stale = freshness("soak0002x7", {"plain": "<h1>A soak0002x7</h1>", "csrf_cookie": "soak0001x7"})
    assert stale == {"fresh": False, "stale": ["csrf_cookie"]}


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (
        50.0,
        99.0,
        100.0,
    )
    assert percentile([0.3], 99) == 0.3
    assert percentile([], 50) is None


def _record(n, *, stale=False, latency=0.2, published=True):
    return {
        "n": n,
        "published": published,
        "language": "ar" if n % 2 else "en",
        "page_type": "StoryPage",
        "stale_after_purge": stale,
        "latency_s": latency,
        "purged_s": None if latency is None else latency / 2,
    }


def test_publishes_are_summed_up_with_stale_pages_and_purge_latency():
    records = [_record(n, latency=0.1 * (n + 1)) for n in range(10)]
    records += [_record(10, stale=True, latency=2.5), _record(11, stale=True, latency=None)]
    records.append({"n": 12, "published": False, "error": "boom"})
    summary = publish_summary(records)
    assert (summary["publishes"], summary["failed_publishes"]) == (12, 1)
    assert (summary["stale"], summary["never_fresh"]) == (2, 1)
    assert summary["purge_latency_s"]["p50"] == pytest.approx(0.6)
    assert summary["purge_latency_s"]["max"] == 2.5
    assert summary["purged_s"]["p50"] == pytest.approx(0.3)
    assert summary["purged_s"]["max"] == 1.25
    assert summary["languages"] == ["ar", "en"]


def _samples(series):
    """``{pid: [MB or None]}`` into samples 10 s apart."""
    length = max(len(values) for values in series.values())
    return [
        {
            "t": 10.0 * index,
            "rss_kb": {
                pid: values[index] * 1024
                for pid, values in series.items()
                if index < len(values) and values[index] is not None
            },
        }
        for index in range(length)
    ]


def test_a_killed_worker_is_no_failure_and_its_cold_replacement_is_reported_not_judged():
    steady = [150.0] * 12
    warming = [None] * 5 + [100, 125, 150, 170, 180, 185, 190]
    samples = _samples({"11": steady, "12": [149.0] * 5, "13": warming})
    verdict = memory_with_replacement(samples, max_growth_mb=10, max_growth_percent=10)
    assert verdict["ok"], verdict["reasons"]
    assert verdict["killed"] == ["12"]
    assert verdict["workers"]["13"]["replacement_from_s"] == 50.0
    assert verdict["workers"]["13"]["judged"] is False
    assert verdict["workers"]["13"]["grew"]
    leaking = _samples({"11": [150.0 + 3 * n for n in range(12)], "12": [149.0] * 5})
    verdict = memory_with_replacement(leaking, max_growth_mb=10, max_growth_percent=10)
    assert verdict["reasons"] == ["worker 11 grew by 24.0 MB (15.5%)"]
    nobody = _samples({"11": [150.0] * 5, "12": [None] * 5 + [150.0] * 7})
    assert not memory_with_replacement(nobody, max_growth_mb=10, max_growth_percent=10)["ok"]


FAULTS_DONE = [{"fault": "search_down", "done_at": 1.0}, {"fault": "redis_restarted", "done_at": 2}]


def test_the_verdict_needs_every_target():
    clean = {
        "errors": {"allowed": {}, "unplanned": {}},
        "publishes": publish_summary([_record(n) for n in range(3)]),
        "memory": {"ok": True, "reasons": []},
        "faults": FAULTS_DONE,
        "wrk": NO_SOCKET_ERRORS,
    }
    assert soak_verdict(**clean) == (True, [])
    stale = clean | {"publishes": publish_summary([_record(0, stale=True)])}
    assert soak_verdict(**stale) == (False, ["1 pages stale at the edge after their purge"])
    unplanned = clean | {"errors": {"allowed": {}, "unplanned": {"503 edge": 2}}}
    assert soak_verdict(**unplanned)[1] == ["2 responses of 400 or above outside what is allowed"]
    missed = clean | {"faults": [*FAULTS_DONE, {"fault": "worker_killed"}]}
    assert soak_verdict(**missed)[1] == ["worker_killed not carried out"]
    nothing = clean | {"publishes": publish_summary([])}
    assert soak_verdict(**nothing)[1] == ["no page was published"]
    slow = clean | {"publishes": publish_summary([_record(0, latency=4.2), _record(1)])}
    assert soak_verdict(**slow)[1] == ["purges took 2.10 s at the 99th percentile (target 2 s)"]


def test_the_report_names_the_verdict_the_stale_pages_and_the_purge_latency():
    publishes = publish_summary([_record(0, latency=0.4), _record(1, stale=True, latency=1.5)])
    results = {
        "started": "2026-12-07 22:00",
        "verdict": "fail",
        "reasons": ["1 pages stale at the edge after their purge"],
        "machine": {
            "cpus": 2,
            "load_average_at_start": 1.5,
            "load_average_at_end": 3.25,
            "python": "3.11",
            "django": "5.2",
            "wagtail": "8.0",
            "database_version": "15.2",
            "wrk": "wrk 4.1.0",
        },
        "config": {
            "connections": 50,
            "threads": 2,
            "workers": 2,
            "search": "osmem-server 3.8.0 (OpenSearch code path)",
            "languages": ["en", "ar"],
            "duration": 600,
            "publish_every_s": 10,
        },
        "site": {"pages_total": 1000},
        "warmup": {"seconds": 60},
        "wrk": {
            "requests": 12345,
            "requests_per_s": 20.6,
            "latency_ms": {"p50": 12.0, "p90": 300.0, "p99": 900.0, "max": 2000.0},
        }
        | NO_SOCKET_ERRORS,
        "statuses": {"200": 12345},
        "edge_stats": {"cache_hit": 9000},
        "faults": [{"fault": "worker_killed", "at": 270, "done_at": 270.1, "ended_at": 271.0}],
        "errors": {"allowed": {}, "unplanned": {}},
        "server": {"access_log": {"by_status": {"200": 3000}}, "error_log": {"tracebacks": 0}},
        "publishes": publishes,
        "memory": {
            "ok": True,
            "reasons": [],
            "thresholds": {"mb": 10, "percent": 10},
            "workers": {},
            "killed": ["12"],
        },
    }
    markdown = render_markdown(results)
    assert "Verdict: **fail** (1 pages stale at the edge after their purge)." in markdown
    assert "load average 1.5 at the start, 3.2 at the end" in markdown
    assert "| 2 | 0 | 1 | 0 | 0.20 | 0.75 | 0.40 | 1.50 | 1.50 |" in markdown
    assert "| 12,345 | 20.6 | 12.0 | 300.0 | 900.0 | 2000.0 |" in markdown
    assert "| none | 0 |" in markdown
    assert "Killed: 12." in markdown


class _Failing(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        body = b"Error 503 Backend fetch failed" if self.path == "/edge" else b"ok"
        self.send_response({"/edge": 503, "/portal": 500}.get(self.path, 200))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_the_lua_script_counts_errors_by_second_and_by_who_made_them(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    urls, statuses, errors = tmp_path / "urls.txt", tmp_path / "s.json", tmp_path / "e.json"
    urls.write_text("/ok\n/edge\n/portal\n")
    try:
        figures = run_wrk(
            shutil.which("wrk"),
            f"http://127.0.0.1:{server.server_address[1]}",
            duration=1,
            connections=2,
            threads=2,
            script=LUA_SCRIPT,
            script_args=[urls, statuses, errors],
        )
    finally:
        server.shutdown()
        server.server_close()
    by_second = json.loads(errors.read_text())
    assert all(second.isdigit() for second in by_second)
    totals = {}
    for counts in by_second.values():
        for key, count in counts.items():
            totals[key] = totals.get(key, 0) + count
    counted = json.loads(statuses.read_text())
    assert totals == {"503 edge": counted["503"], "500 portal": counted["500"]}
    assert sum(totals.values()) == figures["non_2xx_3xx"] > 0
