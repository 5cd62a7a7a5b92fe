# The portal's edge tier: Varnish 7 in front of gunicorn (see deploy/README.md, "Edge tier").
#
# It keeps exactly what the application's page cache shares, and nothing else:
# - it asks for pages without the reader's cookies and says it assembles includes
#   (Surrogate-Capability); the application marks what may be kept with Surrogate-Control
#   (max-age: the page cache's own lifetime) and never marks a page that sets a cookie, is
#   private, or was asked for by a signed-in reader;
# - readers with a session or a messages cookie, the admin, the APIs, documents and the
#   per-reader values (/_hole/) always reach the application;
# - a page with a form is kept with edge-side includes in place of its CSRF token and signed
#   start time, fetched per reader from /_hole/; a reader without a CSRF cookie yet is passed
#   to the application for that page (an include cannot set the cookie).
# Purges: the application sends BAN with X-Ban-Url (a regular expression over paths with their
# query strings) from the addresses in "purgers".

vcl 4.1;

import std;

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    # Sick only when the application does not answer: refused, a 503 from /healthz (the
    # database is down), or no answer within 10 s. A busy application answers slowly (the probe
    # waits in gunicorn's queue with the pages), and a shorter timeout turned every miss into a
    # 503 under load (benchmarks/soak.py).
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 10s;
        .window = 5;
        .threshold = 3;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Ban-Url) {
            return (synth(400, "X-Ban-Url missing"));
        }
        ban("obj.http.X-Edge-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    if (req.restarts == 0) {
        unset req.http.X-Edge-Pass;
        unset req.http.Surrogate-Capability;
    } elsif (req.http.X-Edge-Pass) {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api|documents|_hole)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Stale pages are served for a while only when the application does not answer.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    # The reader's cookies stay on the request (the includes need the CSRF cookie) but are
    # neither in the key nor sent when a page is fetched to be kept (vcl_backend_fetch).
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    # Pages hold absolute links: the https and the http copies differ.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.uncacheable) {
        unset bereq.http.Surrogate-Capability;
    } else {
        set bereq.http.Surrogate-Capability = {"portal="ESI/1.0""};
        unset bereq.http.Cookie;
    }
    return (fetch);
}

sub vcl_backend_response {
    set beresp.http.X-Edge-Url = bereq.url;
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (!beresp.http.Surrogate-Control || beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(private|no-store)" || beresp.status != 200) {
        # Not to be shared: later readers go to the application (hit-for-miss).
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.ttl = std.duration(
        regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
    set beresp.grace = 6h;
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        set beresp.do_esi = true;
        # Each reader's assembled page differs: no validator shared between them.
        unset beresp.http.ETag;
    }
    # Cookies played no part in the copy (none was sent for it).
    set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
    set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*", "");
    if (beresp.http.Vary == "") {
        unset beresp.http.Vary;
    }
    unset beresp.http.Surrogate-Control;
    return (deliver);
}

sub vcl_backend_error {
    # A worker that died mid-request (killed, out of memory, restarted) drops the connection:
    # a GET or HEAD is tried once more, on another worker, before the reader gets a 503.
    if (bereq.retries == 0 && bereq.method ~ "^(GET|HEAD)$") {
        return (retry);
    }
}

sub vcl_deliver {
    if (req.esi_level == 0 && resp.http.X-Portal-Holes && !req.http.X-Edge-Pass &&
        req.http.Cookie !~ "(^|;\s*)csrftoken=") {
        # A form for a reader without a CSRF cookie: the application makes it and sets one.
        set req.http.X-Edge-Pass = "1";
        return (restart);
    }
    if (req.esi_level == 0) {
        if (obj.uncacheable) {
            set resp.http.X-Edge = "pass";
        } elsif (obj.hits > 0) {
            set resp.http.X-Edge = "hit";
        } else {
            set resp.http.X-Edge = "miss";
        }
    }
    if (resp.http.X-Portal-Holes) {
        # The assembled page holds this reader's token: no other cache may keep it.
        set resp.http.Cache-Control = "private, max-age=0";
        unset resp.http.X-Portal-Holes;
    }
    unset resp.http.X-Edge-Url;
    unset resp.http.Surrogate-Control;
    return (deliver);
}
