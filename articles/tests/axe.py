"""axe-core in the browser tests: the real rule engine, run inside the page Playwright shows.

axe.min.js comes from npm (package.json / package-lock.json at the repository root, installed by
`make test` with `npm ci`) and is read from disk, never from a CDN. Without it the tests that need it
fail with a message saying how to install it: a missing audit must never look like a passing one.
"""

from pathlib import Path

import pytest
from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
EVERY_IMPACT = ("minor", "moderate", *SERIOUS)


def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in the repository root (make test does).", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page, impacts=SERIOUS, *, exclude: tuple[str, ...] = ()) -> list[str]:
    """The violations of the given impacts on the page as it is now, one line per rule and element;
    `exclude`: CSS selectors of parts left out (a library's own widget)."""
    # page.evaluate goes through the DevTools protocol, so our CSP (script-src 'self') does not block it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]} if exclude else None
    results = page.evaluate(
        "(context) => axe.run(context || document, {resultTypes: ['violations']})", context
    )
    return [
        f"{violation['id']} ({violation['impact']}) {', '.join(map(str, node['target']))}: {violation['help']}"
        for violation in results["violations"]
        if violation["impact"] in impacts
        for node in violation["nodes"]
    ]
