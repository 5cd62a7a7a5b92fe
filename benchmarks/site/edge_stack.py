"""Servers the soak and the edge benchmark start beside gunicorn, each on a free loopback port,
unprivileged, stopped by us: a private ``redis-server`` (restarted on purpose by the soak),
``varnishd`` with ``deploy/varnish/portal.vcl`` in front of gunicorn, ``nginx`` serving one
static file (the edge benchmark's yardstick) and osmem-server (the stand-in OpenSearch cluster,
stopped and started again on the same port by the soak)."""

import shutil
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.site.load import ROOT, LoadError, free_port, http_get

VCL = ROOT / "deploy" / "varnish" / "portal.vcl"


def require(program, package):
    """The path of ``program``, or a one-line error naming the Debian package."""
    found = shutil.which(program) or (
        f"/usr/sbin/{program}" if Path(f"/usr/sbin/{program}").exists() else None
    )
    if not found:
        raise LoadError(f"{program} is missing: apt-get install -y {package}")
    return found


def _stop(process, timeout=15):
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until(ready, *, what, process, timeout=60):
    """Wait until ``ready()``; if it never is, stop ``process`` and say so."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LoadError(f"{what} exited ({process.returncode})")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    _stop(process)
    raise LoadError(f"{what} did not start within {timeout} s")


class RedisServer:
    """A private ``redis-server`` without persistence: a cache that can be restarted."""

    def __init__(self, work):
        self.program = require("redis-server", "redis-server")
        self.port, self.work, self.process = free_port(), Path(work), None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/1"

    def start(self):
        command = [self.program, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.work)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        import redis  # the client is only needed by the benchmarks that start a server

        client = redis.Redis(port=self.port)
        _wait_until(client.ping, what="redis-server", process=self.process)
        return self

    def stop(self):
        _stop(self.process)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


class Varnish:
    """``varnishd`` in the foreground with the portal's VCL, its backend gunicorn's port."""

    def __init__(self, work, *, backend_port, memory="256m"):
        self.program = require("varnishd", "varnish")
        self.port, self.work = free_port(), Path(work)
        self.backend_port, self.memory, self.process = backend_port, memory, None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        vcl = self.work / "portal.vcl"
        text = VCL.read_text()
        if '.port = "8000";' not in text:
            raise LoadError(f"{VCL} no longer names the backend's port 8000")
        vcl.write_text(text.replace('.port = "8000";', f'.port = "{self.backend_port}";'))
        command = [self.program, "-F", "-j", "none", "-n", str(self.work / "varnish")]
        command += ["-a", f"127.0.0.1:{self.port}", "-f", str(vcl), "-s", f"malloc,{self.memory}"]
        self.log = (self.work / "varnishd.log").open("wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)  # noqa: S603
        _wait_until(
            lambda: http_get(self.port, "/healthz")[0] == 200,
            what="varnishd",
            process=self.process,
        )
        return self

    def __exit__(self, *exc):
        _stop(self.process)
        self.log.close()
        return False


NGINX_CONF = """daemon off;
worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    default_type text/html;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {work}/html;
    }}
}}
"""


class Nginx:
    """A private nginx (a temporary configuration, no root) serving ``files`` from a temporary
    directory: ``{name: bytes}``, each at ``/<name>``."""

    def __init__(self, work, *, files, workers=1):
        self.program = require("nginx", "nginx-light")
        self.port, self.work = free_port(), Path(work)
        self.files, self.workers, self.process = files, workers, None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        (self.work / "html").mkdir(parents=True, exist_ok=True)
        for name, content in self.files.items():
            (self.work / "html" / name).write_bytes(content)
        # Started by root, nginx's workers run as nobody: they must be able to read the files.
        for path in [self.work, self.work / "html", *(self.work / "html").iterdir()]:
            path.chmod(0o755)
        conf = self.work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workers=self.workers, work=self.work, port=self.port))
        command = [self.program, "-c", str(conf), "-p", str(self.work), "-e", "stderr"]
        self.process = subprocess.Popen(command, stderr=subprocess.DEVNULL)  # noqa: S603
        name = next(iter(self.files))
        _wait_until(
            lambda: http_get(self.port, f"/{name}")[0] == 200, what="nginx", process=self.process
        )
        return self

    def __exit__(self, *exc):
        _stop(self.process)
        return False


class Osmem:
    """osmem-server on a fixed loopback port, so that it can be stopped and started again at
    the same address (it keeps nothing: the index is rebuilt after a start)."""

    def __init__(self):
        self.port, self.server = free_port(), None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        from osmem_server import OsmemServer  # installed with the development requirements

        self.server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{self.port}")
        return self

    def stop(self):
        if self.server is not None:
            self.server.close()

    @property
    def version(self):
        return self.server.version if self.server else ""
