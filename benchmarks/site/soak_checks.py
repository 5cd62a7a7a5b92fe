"""The soak's pure parts (``benchmarks/soak.py``): when each fault happens, which errors fall
in a planned outage, whether a page fetched after a publish is fresh, purge latency, the
workers' memory when one of them is replaced on purpose, and the verdict."""

import math

from benchmarks.site.load_checks import memory_verdict

# Where in the run each fault starts, as a share of ``--duration``.
FAULTS = {"search_down": 0.15, "worker_killed": 0.45, "redis_restarted": 0.7}
# What the portal answers during each planned outage (checked by the soak, documented in
# deploy/README.md): nothing but 200s. The search falls back to the database when the cluster
# is down; the cache is bypassed while Redis is down; the edge sends a request again to
# gunicorn when a killed worker dropped it. So no status of 400 or above is allowed, in a
# planned outage or out of one; this table is where one would be allowed if it were documented.
ALLOWED_DURING = {"search_down": set(), "worker_killed": set(), "redis_restarted": set()}


def fault_schedule(duration, *, search_down_s, redis_down_s):
    """``[{"fault", "at", "lasts"}]`` in seconds since the measured run began."""
    lasts = {"search_down": search_down_s, "worker_killed": 0, "redis_restarted": redis_down_s}
    schedule = [
        {"fault": fault, "at": round(duration * share, 1), "lasts": lasts[fault]}
        for fault, share in FAULTS.items()
    ]
    for event, following in zip(schedule, schedule[1:], strict=False):
        if event["at"] + event["lasts"] >= following["at"]:
            raise ValueError(f"{event['fault']} would last into {following['fault']}")
    if schedule[-1]["at"] + schedule[-1]["lasts"] >= duration:
        raise ValueError(f"{schedule[-1]['fault']} would last past the end of the run")
    return schedule


def attribute_errors(errors_by_second, windows, *, margin=5):
    """Errors (``{unix second: {"503 edge": n}}``, from the Lua script) split into those in a
    planned outage (``windows``: ``[{"fault", "start", "end"}]`` in Unix time, widened by
    ``margin`` seconds each side) that ``ALLOWED_DURING`` allows, and the others."""
    allowed, unplanned = {}, {}
    for second, counts in errors_by_second.items():
        at = int(second)
        faults = [w["fault"] for w in windows if w["start"] - margin <= at <= w["end"] + margin]
        for key, count in counts.items():
            status = int(key.split()[0])
            fault = next((f for f in faults if status in ALLOWED_DURING.get(f, ())), None)
            target = allowed.setdefault(fault, {}) if fault else unplanned
            target[key] = target.get(key, 0) + count
    return {"allowed": allowed, "unplanned": unplanned}


def freshness(marker, bodies):
    """Whether each body fetched after a publish holds its ``marker``: ``{"fresh", "stale"}``
    where a page is stale when any of its fetches (plain, with a CSRF cookie) lacks it."""
    stale = [name for name, body in bodies.items() if marker not in body]
    return {"fresh": not stale, "stale": stale}


PURGE_TARGET_S = 2  # from a publish's commit to its purges acknowledged, 99th percentile


def percentile(values, percent):
    """The nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def _spread(values):
    return {
        "p50": percentile(values, 50),
        "p99": percentile(values, 99),
        "max": max(values, default=None),
    }


def publish_summary(records):
    """Publishes, stale pages and two latencies from the publisher's records: from the
    publish's commit to its purges acknowledged (``purged_s``), and to the edge serving the
    fresh page (``purge_latency_s``)."""
    done = [record for record in records if record.get("published")]
    latencies = [record["latency_s"] for record in done if record.get("latency_s") is not None]
    purged = [record["purged_s"] for record in done if record.get("purged_s") is not None]
    return {
        "publishes": len(done),
        "failed_publishes": len(records) - len(done),
        "stale": sum(1 for record in done if record["stale_after_purge"]),
        "never_fresh": sum(1 for record in done if record.get("latency_s") is None),
        "purged_s": _spread(purged),
        "purge_latency_s": _spread(latencies),
        "languages": sorted({record["language"] for record in done}),
        "page_types": sorted({record["page_type"] for record in done}),
    }


def memory_with_replacement(samples, *, max_growth_mb, max_growth_percent):
    """The memory verdict when a worker is killed on purpose: the workers that lived through
    the whole run are judged over it. The replacement is reported, not judged: it starts cold
    and grows while it meets pages for the first time (the load test's warm-up), through the
    edge for much longer than the run has left."""
    measured = [sample for sample in samples if sample["t"] >= 0]
    if not measured:
        return {"ok": False, "reasons": ["no memory samples"], "workers": {}}
    survivors = set.intersection(*(set(sample["rss_kb"]) for sample in measured))
    thresholds = {"max_growth_mb": max_growth_mb, "max_growth_percent": max_growth_percent}
    verdict = memory_verdict(
        [
            sample | {"rss_kb": {p: kb for p, kb in sample["rss_kb"].items() if p in survivors}}
            for sample in measured
        ],
        **thresholds,
    )
    if not survivors:
        verdict |= {"ok": False, "reasons": ["no worker lived through the whole run"]}
    last_seen = set(measured[-1]["rss_kb"])
    for pid in sorted(last_seen - survivors, key=int):
        own = [sample for sample in measured if pid in sample["rss_kb"]]
        born = own[0]["t"]
        newcomer = memory_verdict(
            [{"t": s["t"] - born, "rss_kb": {pid: s["rss_kb"][pid]}} for s in own], **thresholds
        )
        verdict["workers"] |= {
            pid: figures | {"replacement_from_s": born, "judged": False}
            for pid, figures in newcomer["workers"].items()
        }
    verdict["killed"] = sorted(set().union(*(s["rss_kb"] for s in measured)) - last_seen)
    return verdict


def soak_verdict(*, errors, publishes, memory, faults, wrk):
    """``(passed, reasons)``: no unplanned error, no stale page, every publish fresh and purged
    within ``PURGE_TARGET_S`` (99th percentile), memory flat, every fault carried out."""
    reasons = []
    if unplanned := sum(errors["unplanned"].values()):
        reasons.append(f"{unplanned} responses of 400 or above outside what is allowed")
    socket_errors = sum(wrk["socket_errors"].values())
    if socket_errors:
        reasons.append(f"{socket_errors} socket errors (connect, read, write, timeout)")
    if publishes["publishes"] == 0:
        reasons.append("no page was published")
    if publishes["failed_publishes"]:
        reasons.append(f"{publishes['failed_publishes']} publishes failed")
    if publishes["stale"]:
        reasons.append(f"{publishes['stale']} pages stale at the edge after their purge")
    if publishes["never_fresh"]:
        reasons.append(f"{publishes['never_fresh']} pages never fresh at the edge")
    purged_p99 = publishes.get("purged_s", {}).get("p99")
    if purged_p99 is not None and purged_p99 > PURGE_TARGET_S:
        reasons.append(
            f"purges took {purged_p99:.2f} s at the 99th percentile (target {PURGE_TARGET_S} s)"
        )
    if not memory["ok"]:
        reasons += memory["reasons"]
    reasons += [f"{f['fault']} not carried out" for f in faults if f.get("done_at") is None]
    return not reasons, reasons
