// The letter form: a live character count, "Check my letter" without leaving the page, and busy
// states while a check or a send is under way. Everything also works without JavaScript.
(function () {
  "use strict";
  const form = document.querySelector("form.letter-form");
  if (!form) return;
  // After a refused send, take the reader to the list of what to mend (it links to each field).
  const summary = form.querySelector(".error-summary");
  if (summary) summary.focus();

  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => numbers.format(values[key]));

  // Character count: counted as the server counts (code points, no blanks around the text).
  const body = form.querySelector("textarea[data-max-chars]");
  const count = document.getElementById("id_body_count");
  const live = document.getElementById("id_body_count_live");
  if (body && count && live) {
    const limit = Number(body.dataset.maxChars);
    let announced = "";
    let timer = null;
    count.hidden = false;
    body.setAttribute("aria-describedby", `${body.getAttribute("aria-describedby") || ""} ${count.id}`.trim());
    const update = () => {
      const length = Array.from(body.value.trim()).length;
      const over = length - limit;
      count.textContent = fill(count.dataset.count, { count: length, limit: limit });
      count.classList.toggle("char-count-over", over > 0);
      let message = "";
      if (over > 0) message = fill(count.dataset.over, { over: over });
      else if (limit - length <= 1000) message = fill(count.dataset.near, { left: limit - length });
      if (over > 0) count.textContent += ". " + message;
      // Announce after a pause in typing, and only when the message changes.
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (message !== announced) live.textContent = announced = message;
      }, 800);
    };
    body.addEventListener("input", update);
    update();
  }

  // "Check my letter" in place; the button falls back to the full-page check.
  const button = form.querySelector("button[data-check-url]");
  const slot = document.getElementById("check-slot");
  const status = document.getElementById("form-busy");
  const busy = (element, on, text) => {
    element.classList.toggle("is-busy", on);
    if (on) element.setAttribute("aria-busy", "true");
    else element.removeAttribute("aria-busy");
    if (status) status.textContent = on ? text : "";
  };
  if (button && slot && window.fetch) {
    button.addEventListener("click", async function (event) {
      event.preventDefault();
      if (button.getAttribute("aria-busy")) return;
      const data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("donation", form.querySelector("[name=donation]").value);
      data.append("body", form.querySelector("[name=body]").value);
      busy(button, true, button.dataset.busyText);
      slot.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(button.dataset.checkUrl, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "X-Requested-With": "fetch" },
        });
        if (!response.ok) throw new Error(response.status);
        slot.innerHTML = await response.text();
        const result = document.getElementById("check-result");
        if (result) result.focus();
      } catch (error) {
        busy(button, false);
        form.requestSubmit(button);  // Fall back to the full-page check.
        return;
      } finally {
        slot.removeAttribute("aria-busy");
      }
      busy(button, false);
    });
  }

  // Sending or saving (photos may take a while to upload): say so, and do not send twice.
  let submitting = false;
  form.addEventListener("submit", function (event) {
    const submitter = event.submitter;
    if (submitting) {
      event.preventDefault();
      return;
    }
    submitting = true;
    if (submitter && submitter.dataset.busyText) {
      // Not `disabled`: a disabled button would drop its name and value from the sent form.
      submitter.dataset.label = submitter.textContent;
      busy(submitter, true, submitter.dataset.busyText);
      submitter.textContent = submitter.dataset.busyText;
    }
    form.querySelectorAll("button[type=submit]").forEach((other) => other.setAttribute("aria-disabled", "true"));
  });
  // Coming back through the browser's history restores the page as it was left: make it usable again.
  window.addEventListener("pageshow", function () {
    submitting = false;
    form.querySelectorAll("button[type=submit]").forEach((other) => {
      other.removeAttribute("aria-disabled");
      if (other.dataset.label) other.textContent = other.dataset.label;
      busy(other, false);
    });
  });
})();
