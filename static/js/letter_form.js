// "Check my letter" without leaving the page (the button also works without JavaScript).
(function () {
  "use strict";
  const button = document.querySelector("button[data-check-url]");
  const slot = document.getElementById("check-slot");
  if (!button || !slot || !window.fetch) return;
  button.addEventListener("click", async function (event) {
    event.preventDefault();
    const form = button.form;
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("donation", form.querySelector("[name=donation]").value);
    data.append("body", form.querySelector("[name=body]").value);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
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
      form.requestSubmit(button);  // Fall back to the full-page check.
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
})();
