// Confirmation dialogs: a link with data-opens-dialog="ID" opens <dialog id="ID"> instead of its
// confirmation page (which it still leads to without JavaScript); [data-closes-dialog] closes it.
// Focus returns to the link when the dialog closes (Escape included).
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") return;  // Old browsers follow the link to the page.
  document.addEventListener("click", function (event) {
    const opener = event.target.closest("[data-opens-dialog]");
    if (opener) {
      const dialog = document.getElementById(opener.dataset.opensDialog);
      if (!dialog || dialog.open) return;
      event.preventDefault();
      dialog.addEventListener("close", () => opener.focus(), { once: true });
      dialog.showModal();
      return;
    }
    const closer = event.target.closest("[data-closes-dialog]");
    if (closer && closer.closest("dialog")) closer.closest("dialog").close();
  });
})();
