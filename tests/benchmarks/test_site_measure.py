"""The site benchmark's measurements, without gunicorn: in-process figures for one URL, the URLs
of every public page type, the trivial view of the benchmark URLconf, and wrk's output."""

import pytest

from benchmarks.site.load import cpu_seconds, parse_wrk
from benchmarks.site.measure import benchmark_urls, measure_url
from benchmarks.site.report import REFERENCE, add_ratios, render_markdown

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/en/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.27ms    8.02ms 120.50ms   80.12%
    Req/Sec    96.80     12.10   130.00     70.00%
  Latency Distribution
     50%   40.10ms
     75%   44.00ms
     90%   50.20ms
     99%    1.02s
  1937 requests in 10.01s, 30.25MB read
  Socket errors: connect 0, read 3, write 0, timeout 1
  Non-2xx or 3xx responses: 2
Requests/sec:    193.51
Transfer/sec:      3.02MB
"""


@pytest.mark.django_db
def test_measure_url_returns_sane_figures(client):
    figures = measure_url(client, "/en/privacy/", repeats=3)
    assert figures["status"] == 200
    assert 1 <= figures["queries"] <= 100
    assert figures["query_ms"] >= 0
    assert 0 < figures["render_ms_median"] <= figures["render_ms_p90"] < 10_000
    assert 0 <= figures["render_cpu_ms_median"] < 10_000
    assert figures["bytes"] > 1000
    assert figures["repeats"] == 3


@pytest.mark.django_db
def test_measure_url_counts_the_queries_of_the_page(client, django_assert_max_num_queries):
    figures = measure_url(client, "/en/campaigns/", repeats=1)
    # The same request counted by pytest-django gives the same number.
    with django_assert_max_num_queries(figures["queries"]):
        client.get("/en/campaigns/")
    with (
        pytest.raises(pytest.fail.Exception),
        django_assert_max_num_queries(figures["queries"] - 1),
    ):
        client.get("/en/campaigns/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_benchmark_url_answers(client, language):
    urls = benchmark_urls(language)
    types = {page_type for _name, page_type, _url in urls}
    assert types == {"home", "index", "detail", "search"}
    assert len(urls) == 15
    for _name, _type, url in urls:
        assert url.startswith(f"/{language}/")
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_trivial_view_in_the_benchmark_urlconf_only(client, settings):
    # Not in the portal's own URLs (the locale prefix is added, then nothing is found).
    assert client.get("/_bench/trivial/", follow=True).status_code == 404
    settings.ROOT_URLCONF = "benchmarks.site.urls"
    response = client.get("/_bench/trivial/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert client.get("/en/privacy/").status_code == 200


def test_wrk_output_is_parsed():
    figures = parse_wrk(WRK_OUTPUT)
    assert figures["requests"] == 1937
    assert figures["requests_per_s"] == 193.51
    assert figures["latency_ms"]["p50"] == 40.1
    assert figures["latency_ms"]["p99"] == 1020.0
    assert figures["latency_ms"]["mean"] == 41.27
    assert figures["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 1}
    assert figures["non_2xx_3xx"] == 2


def test_cpu_time_of_this_process_is_read_from_proc():
    import os

    assert cpu_seconds(os.getpid()) > 0
    assert cpu_seconds(2**22 + 12345) == 0.0


def test_ratios_targets_and_markdown():
    row = {
        "name": "home",
        "type": "home",
        "url": "/en/",
        "queries": 8,
        "bytes": 2048,
        "render_ms_median": 20.0,
        "render_ms_p90": 25.0,
        "render_cpu_ms_median": 15.0,
        "query_ms": 3.0,
        "load": {
            "off": {"requests_per_s": 100.0, "worker_cpu_ms_per_request": 15.0},
            "on": {"requests_per_s": 900.0, "worker_cpu_ms_per_request": 1.0},
        },
    }
    trivial = {"off": {"requests_per_s": 1000.0, "worker_cpu_ms_per_request": 0.5}}
    trivial["on"] = trivial["off"]
    add_ratios([row], trivial)
    assert row["load"]["off"]["throughput_ratio"] == 0.1
    assert row["load"]["off"]["cpu_ratio"] == 30.0
    assert row["targets"] == {"queries": True, "cpu": True, "cached_throughput": True}
    row["load"]["off"]["worker_cpu_ms_per_request"] = REFERENCE["home"]["cpu_ms"]
    add_ratios([row], trivial)
    assert row["targets"]["cpu"] is False
    results = {
        "started": "2026-01-01 00:00",
        "machine": {"cpus": 2, "python": "3.11", "database": "sqlite", "database_version": ""},
        "config": {"workers": 2, "duration": 10, "connections": 8, "threads": 2, "repeats": 30}
        | {"languages": ["en"]},
        "runs": [
            {
                "pages": pages,
                "build": {"pages_per_language": {"en": pages}, "pages_added": 0, "seconds": {}},
                "pages_measured": [row],
                "queries_by_language": {"en": {"home": 8}},
                "trivial": trivial,
            }
            for pages in (1000, 10_000)
        ],
    }
    markdown = render_markdown(results)
    assert "## 1,000 pages" in markdown
    assert "## From 1,000 to 10,000 pages" in markdown
    assert "| home | 8 → 8 |" in markdown
