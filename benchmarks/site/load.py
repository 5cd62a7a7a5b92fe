"""Throughput and latency under gunicorn (sync workers) with ``wrk`` on loopback, and the CPU
time the workers, and the PostgreSQL sessions serving them, spend per request.

CPU time comes from ``/proc/<pid>/stat`` (user + system time) of the gunicorn workers, read
before and after each ``wrk`` run and divided by the requests served; the database sessions
are found by their ``application_name`` (set by the benchmark settings) when PostgreSQL runs
on this machine. The resolution is one clock tick (10 ms) over thousands of requests.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class LoadError(Exception):
    """The load test cannot run; the message says why, in one line."""


def ensure_wrk():
    """The path of ``wrk``, installed from Debian's archive through apt if missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise LoadError("wrk is missing: install the Debian package (apt-get install -y wrk)")
    print("Installing wrk from Debian (apt-get install -y wrk)…", file=sys.stderr)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, **quiet).returncode:  # noqa: S607
        subprocess.run(["apt-get", "update"], check=False, **quiet)  # noqa: S607
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, **quiet)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise LoadError("apt-get could not install wrk")
    return found


def cpu_seconds(pid):
    """User plus system CPU time of a process, in seconds (0 if it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def child_pids(parent):
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == parent:
                children.append(int(entry.name))
    return children


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(port, path):
    """``(status, headers)`` of one GET on loopback, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


class GunicornServer:
    """``gunicorn portal.wsgi`` with the benchmark settings, started and stopped by us."""

    def __init__(self, *, workers, env, log_path, port=None, extra_args=()):
        self.workers = workers
        self.port = port or free_port()
        self.env = env
        self.log_path = Path(log_path)
        self.extra_args = list(extra_args)  # more gunicorn options (e.g. an access log)
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn if gunicorn.exists() else shutil.which("gunicorn") or "gunicorn"),
            "portal.wsgi:application",
            *("--workers", str(self.workers), "--worker-class", "sync"),
            *("--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT)),
            *("--log-level", "warning", "--error-logfile", str(self.log_path)),
            *("--timeout", "120", "--no-control-socket"),
            *self.extra_args,
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)  # noqa: S603
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadError(f"gunicorn exited ({self.process.returncode}); see {self.log_path}")
            try:
                status, _headers = http_get(self.port, "/_bench/trivial/")
            except OSError:
                status = None
            if status == 200 and len(self.worker_pids()) == self.workers:
                return self
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise LoadError(f"gunicorn did not answer within 90 s; see {self.log_path}")

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return False

    def worker_pids(self):
        return child_pids(self.process.pid)


def database_session_pids():
    """PostgreSQL backends of the benchmark server on this machine (none for other databases)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
            "AND pid <> pg_backend_pid()",
            ["portal-bench"],
        )
        pids = [row[0] for row in cursor.fetchall()]
    return [pid for pid in pids if Path(f"/proc/{pid}/stat").exists()]


def parse_wrk(text):
    """The figures of ``wrk --latency`` output."""

    def duration_ms(value):
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
        return round(float(number) * UNITS_MS[unit], 3)

    requests = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if requests is None or rate is None:
        raise LoadError(f"unexpected wrk output: {text.strip()[:200]!r}")
    latency = {
        f"p{percent}": duration_ms(value)
        for percent, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.MULTILINE)
    }
    average = re.search(r"Latency\s+(\S+)\s+\S+\s+(\S+)", text)
    if average:
        latency.update(mean=duration_ms(average.group(1)), max=duration_ms(average.group(2)))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "requests": int(requests.group(1)),
        "requests_per_s": float(rate.group(1)),
        "latency_ms": latency,
        "socket_errors": dict(
            zip(
                ["connect", "read", "write", "timeout"],
                map(int, socket_errors.groups()) if socket_errors else [0, 0, 0, 0],
                strict=True,
            )
        ),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def run_wrk(
    wrk, url, *, duration, connections, threads, script=None, script_args=(), timeout=10, headers=()
):
    """The figures of ``wrk --latency`` on ``url`` (``parse_wrk``); ``script`` is a Lua file,
    given ``script_args`` after ``--``; a response slower than ``timeout`` s is an error;
    ``headers`` (``"Name: value"``) are sent with every request."""
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += [item for header in headers for item in ("-H", header)]
    command += ["--timeout", f"{timeout}s", *(["--script", str(script)] if script else []), url]
    command += ["--", *script_args] if script_args else []
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=duration + timeout + 60, check=False
    )
    if result.returncode:
        raise LoadError(f"wrk failed on {url}: {result.stderr.strip()[:200]}")
    return parse_wrk(result.stdout)


def load_url(server, wrk, path, *, duration, connections, threads, warmup=6):
    """Throughput, latency and CPU per request of ``path`` under ``server``."""
    status, headers = 0, {}
    for _ in range(warmup):
        status, headers = http_get(server.port, path)
    if status != 200:
        raise LoadError(f"{path} answered {status} under gunicorn; see {server.log_path}")
    workers, sessions = server.worker_pids(), database_session_pids()
    before = sum(map(cpu_seconds, workers)), {pid: cpu_seconds(pid) for pid in sessions}
    figures = run_wrk(
        wrk,
        f"http://127.0.0.1:{server.port}{path}",
        duration=duration,
        connections=connections,
        threads=threads,
    )
    worker_cpu = sum(map(cpu_seconds, workers)) - before[0]
    database_cpu = sum(
        cpu_seconds(pid) - before[1].get(pid, 0.0) for pid in database_session_pids()
    )
    served = max(figures["requests"], 1)
    figures.update(
        worker_cpu_ms_per_request=round(worker_cpu * 1000 / served, 3),
        database_cpu_ms_per_request=round(database_cpu * 1000 / served, 3) if sessions else None,
        cache_headers={
            name: value
            for name, value in headers.items()
            if name.lower() in {"cache-control", "age", "vary", "x-page-cache"}
        },
    )
    return figures
