"""Helpers for the browser tests."""

from pathlib import Path

_SELECT = """([start, end]) => {
    const root = document.getElementById("original");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0, range = document.createRange(), a = null;
    while (walker.nextNode()) {
        const node = walker.currentNode, len = node.textContent.length;
        if (a === null && start < seen + len) { range.setStart(node, start - seen); a = node; }
        if (a !== null && end <= seen + len) { range.setEnd(node, end - seen); break; }
        seen += len;
    }
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""


def select_in_original(page, start: int, end: int) -> None:
    """Select characters start to end of the letter in the review page's original, as a mouse would."""
    page.evaluate(_SELECT, [start, end])


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# axe-core's impacts that fail a page; "moderate" and "minor" ones are reported, not failed.
BLOCKING = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm, injected into the page) and return its serious and critical violations.

    The page's context needs `bypass_csp=True`: the site's Content-Security-Policy refuses the
    injected script, as it should any inline one.
    """
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` (make test and .ci/run do) to install axe-core.")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })).violations"""
    )
    return [v for v in violations if v["impact"] in BLOCKING]


def axe_report(violations: list[dict]) -> str:
    """One line per violation and element, for a failing assertion's message."""
    return "\n".join(
        f"{v['impact']} {v['id']}: {node['target']} {node.get('failureSummary', '')[:160]!r}"
        for v in violations
        for node in v["nodes"]
    )


def caseworker_sign_in(page, base_url: str):
    """Create the caseworker "casey" and sign in to the admin as them; returns the user."""
    from django.contrib.auth.models import Group

    from correspondence.roles import CASEWORKERS
    from tests.factories import UserFactory

    user = UserFactory(username="casey", is_staff=True, first_name="Casey")
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    return user
