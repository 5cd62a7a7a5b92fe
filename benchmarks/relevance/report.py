"""The judged relevance benchmark's report in Markdown (``run.py`` writes it with the JSON)."""

TARGET_MRR = 0.9


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _blocks(blocks):
    return [
        [
            name,
            block["queries"],
            block["mrr_at_10"],
            block["recall_at_10"],
            f"{block['on_first_page']}/{block['queries']}",
        ]
        for name, block in blocks.items()
    ]


def _ranks(row):
    return ", ".join(
        f"{document} {judged or '—'}" + (f" ({overall})" if overall else "")
        for document, (judged, overall) in row["ranks"].items()
    )


def render_markdown(report):
    machine = report["machine"]
    latency = report["latency"]
    overall = report["overall"]
    lines = [
        f"# Judged relevance: {machine['engine']}",
        "",
        f"{report['documents']['judged']} judged documents among "
        f"{report['documents']['indexed']} indexed pages (the demo site's too), "
        f"{overall['queries']} judged queries; database {machine['database']}"
        + (f", {machine['server']}" if machine.get("server") else "")
        + f"; {machine['cpus']} CPUs, Python {machine['python']}. "
        "Made by `benchmarks/relevance/run.py`.",
        "",
        f"Overall: MRR@10 **{overall['mrr_at_10']}** (target {TARGET_MRR} per language), "
        f"recall@10 **{overall['recall_at_10']}**, aimed-at pages on the first results page "
        f"for **{overall['on_first_page']}/{overall['queries']}** queries. Search latency "
        f"(`selectors.search`, {latency['n']} timed runs): p50 {latency['p50_ms']} ms, "
        f"p95 {latency['p95_ms']} ms, max {latency['max_ms']} ms.",
        "",
        "## Per reader language",
        "",
        *_table(
            ["reader", "queries", "MRR@10", "recall@10", "on first page"],
            _blocks(report["languages"]),
        ),
        "",
        "## Per category",
        "",
        *_table(
            ["category", "queries", "MRR@10", "recall@10", "on first page"],
            _blocks(report["categories"]),
        ),
        "",
        "## Queries",
        "",
        "Rank of each judged document among the judged documents found, and in brackets among "
        "all result groups (the demo site's pages too); — when not found.",
        "",
        *_table(
            ["query", "reader", "category", "text", "RR", "recall", "first page", "ranks"],
            [
                [
                    row["id"],
                    row["reader"],
                    row["category"],
                    f"`{row['query']}`",
                    row["rr"],
                    row["recall"],
                    "yes" if row["on_first_page"] else "**no**",
                    _ranks(row),
                ]
                for row in report["queries"]
            ],
        ),
        "",
    ]
    return "\n".join(lines)
