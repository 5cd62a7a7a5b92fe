"""axe-core, from the npm registry (package.json, installed by bin/test), run inside a page.

The script is evaluated through the DevTools protocol rather than added as a <script> tag, so
it runs whatever Content-Security-Policy the portal sends.
"""

from functools import cache
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@cache
def axe_source():
    if not AXE_SCRIPT.exists():
        pytest.fail(f"No axe-core at {AXE_SCRIPT}: run bin/test, or npm ci --no-audit --no-fund")
    # The trailing expression keeps the evaluation's result serialisable.
    return AXE_SCRIPT.read_text(encoding="utf-8") + "\n;true"


def run_axe(page):
    """Run axe on the page's document with the WCAG 2.1 A and AA rules; return its violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                help: violation.help,
                helpUrl: violation.helpUrl,
                nodes: violation.nodes.map((node) => ({
                    target: node.target.map(String),
                    html: node.html,
                    summary: node.failureSummary,
                })),
            }));
        }""",
        WCAG_TAGS,
    )


def blocking(violations):
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def describe(violations):
    """Each violation with its rule, impact and help, then every offending element."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.append(f"       {node['html']}")
            if node["summary"]:
                lines.extend(f"       {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)
