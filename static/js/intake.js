// Drag a box on a scanned page to mark a photo: fills in the crop form's page and per-cent fields.
(function () {
  "use strict";
  // The photo forms carry the text box along, so corrections not yet saved are kept.
  const textBox = document.getElementById("id_text");
  document.querySelectorAll("#intake form").forEach((other) => {
    if (!textBox || other.contains(textBox)) return;
    other.addEventListener("submit", () => {
      const carried = document.createElement("input");
      Object.assign(carried, { type: "hidden", name: "text", value: textBox.value });
      other.appendChild(carried);
    });
  });
  const form = document.getElementById("crop-form");
  if (!form) return;
  const field = (name) => form.querySelector(`[name=${name}]`);
  document.querySelectorAll("figure.page").forEach((figure) => {
    const img = figure.querySelector("img");
    let start = null;
    let box = null;
    const point = (event) => {
      const rect = img.getBoundingClientRect();
      return {
        x: Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1),
        y: Math.min(Math.max((event.clientY - rect.top) / rect.height, 0), 1),
      };
    };
    img.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      start = point(event);
      img.setPointerCapture(event.pointerId);
      document.querySelectorAll("figure.page .box").forEach((old) => old.remove());
      box = document.createElement("div");
      box.className = "box";
      figure.appendChild(box);
    });
    img.addEventListener("pointermove", (event) => {
      if (!start) return;
      const end = point(event);
      const left = Math.min(start.x, end.x), top = Math.min(start.y, end.y);
      const width = Math.abs(end.x - start.x), height = Math.abs(end.y - start.y);
      Object.assign(box.style, {
        left: `${left * img.offsetWidth}px`, top: `${top * img.offsetHeight}px`,
        width: `${width * img.offsetWidth}px`, height: `${height * img.offsetHeight}px`,
      });
      field("page").value = figure.dataset.page;
      field("left").value = (left * 100).toFixed(1);
      field("top").value = (top * 100).toFixed(1);
      field("width").value = (width * 100).toFixed(1);
      field("height").value = (height * 100).toFixed(1);
    });
    img.addEventListener("pointerup", () => { start = null; });
  });
})();
