/* A report the server refused comes back to the form (/report/#restore=KEY) as
   it was written, text, choices and photos, to be fixed and sent again. */
"use strict";

(function () {
  const form = document.querySelector("form[data-offline-queue]");
  if (!form || !window.ocopOutbox) return;

  function fill(name, values) {
    const field = form.elements.namedItem(name);
    if (!field) return;
    const inputs = field instanceof RadioNodeList ? [...field] : [field];
    if (inputs[0].type === "checkbox") inputs.forEach((box) => (box.checked = values.includes(box.value)));
    else if (inputs[0].type !== "file") inputs[0].value = values[0];
  }

  // The ward list depends on the province: load it first (online), then choose.
  async function fillWard(values) {
    const province = form.elements.namedItem("province");
    const url = province && province.getAttribute("hx-get");
    if (!values.has("ward") || !url || !window.htmx || !navigator.onLine) return;
    const target = "#" + form.elements.namedItem("ward").id;
    await window.htmx.ajax("GET", url + "?province=" + encodeURIComponent(province.value), { target });
    fill("ward", values.get("ward"));
  }

  async function restore() {
    const key = (location.hash.match(/^#restore=([A-Za-z0-9_-]{8,64})$/) || [])[1];
    const item = key && (await window.ocopOutbox.find(key));
    if (!item || !item.refused) return;
    const values = new Map();
    const photos = new DataTransfer();
    for (const [name, value] of item.fields) {
      if (value instanceof File) photos.items.add(value);
      else if (name !== "csrf_token") values.set(name, [...(values.get(name) || []), value]);
    }
    values.forEach((list, name) => fill(name, list));
    const photoInput = form.querySelector("input[type=file]");
    if (photoInput) photoInput.files = photos.files;
    // Its key goes with it: the queue then replaces or forgets the refused copy.
    form.elements.namedItem("idempotency_key").value = item.key;
    await fillWard(values);
  }

  restore();
  window.addEventListener("hashchange", restore); // the link from this very page
})();
