"""Outages for the fault tests: a database that refuses connections, a cache or search server
that is gone or never answers, a cut in the line to PostgreSQL, and the portal served by
gunicorn in a process of its own (a real request cycle, with its own database connections)."""

import contextlib
import os
import runpy
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
# What a driver's message can hold; none of it may reach a reader.
SECRET_DETAIL = 'connection to server at "db-7.internal.example" (10.9.8.7), port 5432 failed'


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def base_settings(**environment):
    """portal/settings/base.py evaluated with these environment variables (e.g. CACHE_URL)."""
    with mock.patch.dict(os.environ, environment):
        return runpy.run_path(str(ROOT / "portal" / "settings" / "base.py"))


@contextlib.contextmanager
def database_down(message=SECRET_DETAIL):
    """Every new connection and cursor fails as the driver fails when the server is gone."""
    from django.db import connections

    connection = connections["default"]
    wrapper = type(connection)
    error = connection.Database.OperationalError

    def refuse(*args, **kwargs):
        raise error(message)

    with (
        mock.patch.object(wrapper, "create_cursor", refuse),
        mock.patch.object(wrapper, "get_new_connection", refuse),
    ):
        yield


@contextlib.contextmanager
def silent_server():
    """A TCP server that accepts connections and never answers; yields its port."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                accepted.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for connection in accepted:
            connection.close()
        server.close()


@contextlib.contextmanager
def silent_cluster(settings, *, timeout):
    """Search on an OpenSearch cluster that accepts connections and never answers, given up on
    after ``timeout`` seconds (``settings``: pytest-django's fixture, restored after the test)."""
    with silent_server() as port:
        settings.PORTAL_SEARCH_BACKEND = "opensearch"
        settings.PORTAL_SEARCH_URLS = [f"http://127.0.0.1:{port}"]
        settings.PORTAL_SEARCH_TIMEOUT = timeout
        yield


class LineToDatabase:
    """A TCP relay to PostgreSQL that can be cut (open connections dropped, new ones refused
    at once) and restored, like a database restart or a network partition."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.up = True
        self.pairs = []
        self.lock = threading.Lock()
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                client, _address = self.server.accept()
            except OSError:
                continue
            if not self.up:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.pairs.append((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.up = False
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for end in pair:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def restore(self):
        self.up = True

    def close(self):
        self.cut()
        self.stopped.set()
        self.thread.join(2)
        self.server.close()


def fetch(url, headers=None, timeout=30):
    """(status, headers, body text) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@contextlib.contextmanager
def portal_process(log_path, **environment):
    """The portal under gunicorn (one sync worker, test settings); yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PYTHONPATH": str(ROOT),
        **environment,
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        "--timeout=60",
        "--log-level=info",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(log_path).read_text()}")
            try:
                fetch(f"{url}/robots.txt", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
