"""Gunicorn for the portal: `gunicorn --config deploy/gunicorn.conf.py portal.wsgi`.

Everything can be set in the environment (deploy/README.md lists it). Logs go to standard
output and error (journald under systemd). The access log never holds a client address: the
portal stores no IP address anywhere. It records the path without its query string, and the
one-time tokens in confirmation and data links are masked.
"""

import os
import re

from gunicorn import glogging


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


# Listen where the reverse proxy reaches gunicorn: loopback when it is on the same machine, a
# private address (firewalled to the proxy or load balancer) otherwise, or a unix socket.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Sync workers: one request each. About 2 per core, as memory allows (each holds the whole
# portal: about 150 MB, more once busy). GUNICORN_THREADS > 1 switches to threaded workers.
workers = _int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)
threads = _int("GUNICORN_THREADS", 1)
# A request taking longer is killed (the proxy's own timeout should be a little longer).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are recycled now and then, so that slow leaks never grow.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
if os.path.isdir("/dev/shm"):  # noqa: S108 - the workers' heartbeat files, in memory
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# The proxies whose X-Forwarded-Proto is trusted (the portal is https behind them). Gunicorn
# must be reachable only through them.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

proc_name = "portal"
# gunicornc's control socket: in systemd's RuntimeDirectory (owner only), else none.
if runtime_directory := os.environ.get("RUNTIME_DIRECTORY", "").split(":")[0]:
    control_socket = os.path.join(runtime_directory, "gunicorn.ctl")
else:
    control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Time, method, path, protocol, status, bytes, duration in ms, request id from the proxy.
# No %(h)s (client address), no X-Forwarded-For, no query string, no user agent or referrer.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms %({x-request-id}i)s'

# Signed one-time tokens in links (/<lang>/actions/confirm/<token>/, …/my-data/<token>/).
TOKEN_IN_PATH = re.compile(r"(/actions/(?:confirm|my-data)/)(?!sent/)[^/]+")
QUERY = re.compile(r"\?\S*")
ADDRESS_ATOMS = ("h", "{remote_addr}e", "{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i")


class PrivateLogger(glogging.Logger):
    """Gunicorn's logger, unable to log a client address or a link's token."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ADDRESS_ATOMS:
            atoms[name] = "-"
        for name in ("q", "{query_string}e"):
            atoms[name] = "-"  # search terms and the like stay out of the log
        for name in ("U", "r", "{raw_uri}e", "{path_info}e"):
            if isinstance(atoms.get(name), str):
                atoms[name] = TOKEN_IN_PATH.sub(r"\1[token]", QUERY.sub("", atoms[name]))
        return atoms

    def warning(self, msg, *args, **kwargs):
        # "Invalid request from ip=…": the proxy's address behind one, the client's without.
        super().warning(re.sub(r"ip=\S+", "ip=-", str(msg)), *args, **kwargs)


logger_class = PrivateLogger
