// Review page: keyboard shortcuts, decisions without reloading, and redaction by selecting text.
// Every control is a plain form too, so the page works without JavaScript.
(function () {
  "use strict";
  const review = document.getElementById("review");
  if (!review) return;
  const original = document.getElementById("original");
  const preview = document.getElementById("preview");
  const approve = document.getElementById("approve");
  const pendingCount = document.getElementById("pending-count");
  const rows = Array.from(document.querySelectorAll("[data-flag][id^=row-]"));
  let current = -1;

  function select(index) {
    if (!rows.length) return;
    current = (index + rows.length) % rows.length;
    document.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
    const row = rows[current];
    row.classList.add("current");
    const mark = document.getElementById("flag-" + row.dataset.flag);
    if (mark) { mark.classList.add("current"); mark.scrollIntoView({ block: "nearest" }); }
    row.scrollIntoView({ block: "nearest" });
  }

  function updatePending(pending) {
    if (pendingCount) pendingCount.textContent = pending + " undecided";
    if (approve) {
      approve.disabled = pending > 0;
      approve.setAttribute("aria-disabled", pending > 0 ? "true" : "false");
      const help = document.getElementById("approve-help");
      if (help) help.textContent = pending > 0 ? "Decide every flag first." : "";
    }
  }

  async function send(form, submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    const response = await fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" },
    });
    const payload = await response.json();
    if (!payload.ok) { window.alert(payload.error); return; }
    preview.innerHTML = payload.preview_html;
    updatePending(payload.pending);
    // The flag itself, and any flag over the same words that changed kind with it.
    for (const flag of payload.flags || (payload.flag ? [payload.flag] : [])) showFlag(flag);
  }

  function showFlag(flag) {
    const row = document.getElementById("row-" + flag.id);
    const mark = document.getElementById("flag-" + flag.id);
    for (const el of [row, mark]) {
      if (!el) continue;
      el.classList.remove("decision-pending", "decision-accepted", "decision-rejected");
      el.classList.add("decision-" + flag.decision);
    }
    if (mark) mark.dataset.label = flag.label;
    const kind = row && row.querySelector("select[name=label]");
    if (kind) kind.value = flag.label;
    if (mark && kind) mark.title = kind.options[kind.selectedIndex].text;
    const cell = row && row.querySelector(".decision");
    if (cell) cell.textContent = flag.decision === "accepted" ? "Redact" : flag.decision === "rejected" ? "Keep" : "Undecided";
  }

  document.querySelectorAll("form.decide, form.relabel").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form, event.submitter).catch(() => form.submit());
    });
  });

  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k") { select(current - 1); event.preventDefault(); }
    else if ((event.key === "a" || event.key === "r") && current >= 0) {
      const button = rows[current].querySelector('button[data-key="' + event.key + '"]');
      if (button) { button.form.requestSubmit(button); select(current + 1); event.preventDefault(); }
    }
  });

  // A selection inside the original becomes character offsets: the text nodes there are exactly
  // the letter's characters.
  function offsetOf(node, offset) {
    const walker = document.createTreeWalker(original, NodeFilter.SHOW_TEXT);
    let count = 0;
    while (walker.nextNode()) {
      if (walker.currentNode === node) return count + offset;
      count += walker.currentNode.textContent.length;
    }
    return null;
  }
  const start = document.getElementById("add-start");
  const end = document.getElementById("add-end");
  const text = document.getElementById("add-text");
  const kind = document.getElementById("add-label");
  const help = document.getElementById("add-help");
  const generalHelp = help ? help.textContent : "";

  // The flag that holds the selection [a, b) and is wider than it: the caseworker may narrow or split it.
  function widerFlagAround(a, b) {
    for (const mark of original.querySelectorAll("mark.flag")) {
      const from = offsetOf(mark.firstChild, 0);
      const to = from + mark.textContent.length;
      if (from <= a && b <= to && (from !== a || to !== b)) return mark;
    }
    return null;
  }

  function showInside(mark) {
    if (!help) return;
    help.textContent = mark ? help.dataset.inside.replace("%s", mark.textContent) : generalHelp;
    help.classList.toggle("inside", !!mark);
    if (mark && kind) kind.value = mark.dataset.label;
  }

  if (original && start && end && text) {
    document.addEventListener("selectionchange", () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || !original.contains(selection.anchorNode)) return;
      const range = selection.getRangeAt(0);
      if (!original.contains(range.endContainer)) return;
      let a = offsetOf(range.startContainer, range.startOffset);
      let b = offsetOf(range.endContainer, range.endOffset);
      if (a === null || b === null) return;
      const body = original.textContent;
      while (a < b && /\s/.test(body[a])) a++;
      while (b > a && /\s/.test(body[b - 1])) b--;
      if (b <= a) return;
      start.value = a; end.value = b; text.value = body.slice(a, b);
      showInside(widerFlagAround(a, b));
    });
    text.addEventListener("input", () => { start.value = ""; end.value = ""; showInside(null); });
  }
  updatePending(parseInt(review.dataset.pending || "0", 10));
})();

// Final actions (refuse) ask first, in a dialog; without JavaScript the server asks on a page of its own.
(function () {
  "use strict";
  const dialog = document.getElementById("confirm-refuse");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const quoted = document.getElementById("confirm-refuse-reason");
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const button = event.submitter;
      if (!button || !button.dataset.confirm || form.querySelector("input[name=confirmed]")) return;
      const reason = form.querySelector("textarea[name=reason]");
      // Without a reason the server answers with its own message; nothing to confirm yet.
      if (!reason || !reason.value.trim()) return;
      event.preventDefault();
      quoted.textContent = reason.value.trim();
      dialog.returnValue = "";
      dialog.onclose = () => {
        if (dialog.returnValue !== "confirm") { button.focus(); return; }
        const confirmed = document.createElement("input");
        confirmed.type = "hidden"; confirmed.name = "confirmed"; confirmed.value = "yes";
        form.appendChild(confirmed);
        form.requestSubmit(button);
      };
      dialog.showModal();
    });
  });
})();
