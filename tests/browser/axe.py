"""axe-core in a real Chromium: every page of the demo, and what axe says about each.

axe-core comes from npm (package.json, pinned) and `make install` copies it to
tests/browser/vendor/axe.min.js: it is a test tool, so it is not shipped with the app. It is
injected with `page.add_script_tag(path=...)`, which the app's Content-Security-Policy allows
only on a browser context opened with `bypass_csp=True` (the axe test's own context).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")

#: Every page of the demo a logged-in admin can open (GET), by path.
DEMO_PAGES = [
    "/", "/events", "/events?sort=name_asc&year=2023", "/events/new",
    "/events/showcase-2023", "/events/showcase-2023-day-1", "/events/showcase-2023/edit",
    "/events/showcase-2023/feedback", "/events/showcase-2023/delete",
    "/events/showcase-2023/impact", "/events/showcase-2023/attendance/import",
    "/events/import-sheet", "/domains",
    "/organisations", "/organisations?nation=Wales", "/organisations/new",
    "/organisations/govuk-welsh-government", "/organisations/govuk-welsh-government/edit",
    "/organisations/govuk-welsh-government/delete",
    "/organisations/merge?keep=govuk-welsh-government&drop=govuk-cabinet-office",
    "/networks", "/networks/new", "/networks/rap-network", "/networks/rap-network/edit",
    "/communities", "/communities/new", "/communities/data-science-community",
    "/sub-communities", "/sub-communities/new", "/sub-communities/linguistic-data",
    "/people", "/people/new", "/people/person-splink-local", "/people/person-splink-local/edit",
    "/growth", "/growth/compare?from=2023-01-01&to=2024-12-31",
    "/growth/compare?from=2024-12-31&to=2023-01-01",  # the form with its error summary
    "/reach", "/reach?page=2", "/reach?as_of=someday", "/reach?question=lapsed&months=12",
    "/reach?question=reachable-through-partners",
    "/reach?question=follow-ups", "/reach?by=region&nation=England",
    "/network", "/network/ego/rap-network",
    "/admin", "/admin/users", "/admin/audit", "/admin/import", "/admin/merges",
    "/admin/privacy", "/admin/tokens", "/admin/unmatched",
    "/admin/people/person-splink-local/erase",
    "/account", "/account/tokens", "/account/2fa", "/account/password",
    "/about", "/accessibility", "/help/interchange", "/no-such-page",
]


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now: [{id, impact, help, nodes: [target…]}]."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(' '))}));
           }""", TAGS)
    return list(result)


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical ones."""
    return [v for v in violations if v["impact"] in BLOCKING]
