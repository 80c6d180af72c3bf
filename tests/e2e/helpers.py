"""Helpers for the browser tests."""

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
