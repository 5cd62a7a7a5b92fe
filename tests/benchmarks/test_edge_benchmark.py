"""The edge benchmark's parts that need no server (``benchmarks/edge_benchmark.py``): its
command line, the ratio to nginx and its target, requests per core, and the report."""

import pytest

from benchmarks.edge_benchmark import SERVERS, parse_args, per_core, ratios, render_markdown


def _row(page, edge_rate, nginx_rate):
    figures = {"requests_per_s": 0.0, "cpu_ms_per_request": 0.5, "errors": 0}
    row = {"page": page, "path": f"/en/{page}/", "x_edge": "hit", "bytes": 51234}
    row |= {server: dict(figures) for server in SERVERS}
    row["edge"]["requests_per_s"], row["nginx"]["requests_per_s"] = edge_rate, nginx_rate
    return row


def test_every_page_type_must_reach_the_target_share_of_nginx():
    rows = [_row("home", 6000.0, 10000.0), _row("stories index", 5000.0, 10000.0)]
    assert ratios(rows, 0.5)
    assert [row["edge_to_nginx"] for row in rows] == [0.6, 0.5]
    rows.append(_row("campaign detail", 4000.0, 10000.0))
    assert not ratios(rows, 0.5)
    assert not ratios([_row("home", 100.0, 0.0)], 0.5)  # nginx served nothing: no ratio
    assert not ratios([], 0.5)


def test_requests_per_core_come_from_cpu_time_per_request():
    assert per_core(0.25) == 4000
    assert per_core(40.0) == 25
    assert per_core(0) is None


def test_the_command_line_refuses_a_target_above_nginx_and_a_remote_database(capsys):
    assert parse_args([]).target == 0.5
    for argv in (["--target", "1.5"], ["--pg-url", "postgres://postgres@10.1.1.1/"]):
        with pytest.raises(SystemExit) as exit_info:
            parse_args(argv)
        assert exit_info.value.code == 2


def test_the_report_names_the_machine_and_each_page_type_s_ratio():
    rows = [_row("home", 6000.0, 10000.0)]
    ratios(rows, 0.5)
    results = {
        "started": "2026-12-07 22:30",
        "verdict": "pass",
        "machine": {
            "host": "bench-1",
            "cpus": 2,
            "cpu_model": "Example CPU",
            "load_average_at_start": 2.0,
            "load_average_at_end": 3.0,
        },
        "config": {
            "target": 0.5,
            "connections": 50,
            "threads": 2,
            "duration_s": 5,
            "workers": 2,
            "language": "en",
        },
        "site": {"pages_total": 1000},
        "rows": rows,
    }
    markdown = render_markdown(results)
    assert "Machine: bench-1, 2 cores (Example CPU)" in markdown
    assert "| home | `/en/home/` (51,234 B) | hit | 6,000 (0.5) | 10,000 (0.5) |" in markdown
    assert markdown.rstrip().endswith("Errors (non-2xx/3xx and socket errors, all runs): 0.")
    assert "| 0.6 |" in markdown
