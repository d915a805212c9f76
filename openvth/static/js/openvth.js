// Behaviour of every page, in one file because the Content-Security-Policy allows no inline script.
//
// 1. Confirmation: a form (or one of its submit buttons) with data-confirm="<what it does>" asks before it is sent.
//    Confirmed, the form carries bevestigd=ja: an irreversible step on the server asks on a page of its own when
//    that field is missing (no JavaScript), so the question is never skipped.
// 2. Busy feedback: a sent form marks its button busy and takes no second submit; an htmx request or a page that
//    takes more than a moment shows the site-wide "Bezig…" indicator (#bezig in base.html).
(() => {
  "use strict";

  const CONFIRMED = "bevestigd";
  const INDICATOR_DELAY_MS = 300; // quick answers show no indicator
  const BUSY_RESET_MS = 15000; // should an answer never come, the button comes back after this
  const DOWNLOAD_RESET_MS = 4000;

  const question = (form, submitter) =>
    (submitter && submitter.dataset && submitter.dataset.confirm) || form.dataset.confirm || "";

  const markConfirmed = (form) => {
    let field = form.querySelector(`input[type="hidden"][name="${CONFIRMED}"]`);
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = CONFIRMED;
      form.appendChild(field);
    }
    field.value = "ja";
  };

  // the indicator ------------------------------------------------------------------------------------------------
  let pending = 0;
  let timer = null;
  let message = "";
  const indicator = () => document.getElementById("bezig");
  // text: what is being done (a form's data-busy-text), else the indicator's own "Bezig…"
  const showBusy = (text) => {
    pending += 1;
    if (typeof text === "string" && text) message = text;
    if (timer === null) {
      timer = window.setTimeout(() => {
        const element = indicator();
        if (element && pending > 0) {
          element.hidden = false;
          element.textContent = message || element.dataset.text || "Bezig…";
        }
      }, INDICATOR_DELAY_MS);
    }
  };
  const hideBusy = () => {
    pending = Math.max(0, pending - 1);
    if (pending === 0) {
      window.clearTimeout(timer);
      timer = null;
      message = "";
      const element = indicator();
      if (element) {
        element.hidden = true;
        element.textContent = "";
      }
    }
  };

  // busy buttons ---------------------------------------------------------------------------------------------------
  const buttonsOf = (form) =>
    Array.from(form.querySelectorAll('button:not([type]), button[type="submit"], input[type="submit"]')).concat(
      form.id ? Array.from(document.querySelectorAll(`[form="${form.id}"][type="submit"]`)) : []
    );

  const setBusy = (form, submitter) => {
    form.dataset.busy = "true";
    form.setAttribute("aria-busy", "true");
    const buttons = buttonsOf(form);
    buttons.forEach((button) => button.classList.add("is-busy"));
    // disabled only after this event: a disabled submitter would leave its name and value out of the form data
    window.setTimeout(() => buttons.forEach((button) => { button.disabled = true; }), 0);
    if (submitter) submitter.setAttribute("aria-describedby", "bezig");
    // a form answered with a download (data-download) stays on this page: its button comes back sooner
    window.setTimeout(() => clearBusy(form), form.hasAttribute("data-download") ? DOWNLOAD_RESET_MS : BUSY_RESET_MS);
  };

  const clearBusy = (form) => {
    delete form.dataset.busy;
    form.removeAttribute("aria-busy");
    buttonsOf(form).forEach((button) => {
      button.classList.remove("is-busy");
      button.disabled = false;
    });
  };

  // capture phase: before htmx's own listener on the form, so that a refused question stops an hx-post as well
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      if (form.dataset.busy === "true") { // a second click while the first is on its way
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      const text = question(form, event.submitter);
      if (text) {
        if (!window.confirm(text)) {
          event.preventDefault();
          event.stopImmediatePropagation();
          return;
        }
        markConfirmed(form);
      }
    },
    true
  );

  // bubble phase: whatever else handled the event has run; a form htmx sends is busy through htmx's own events
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if (form.hasAttribute("data-no-busy") || form.target) return;
    setBusy(form, event.submitter);
    if (form.hasAttribute("data-download")) return; // no new page comes to end the indicator
    showBusy(form.dataset.busyText);
  });

  document.addEventListener("htmx:beforeRequest", () => showBusy());
  document.addEventListener("htmx:afterRequest", () => hideBusy());

  // back to a page from the browser's cache: nothing is on its way any more
  window.addEventListener("pageshow", () => {
    document.querySelectorAll('form[data-busy="true"]').forEach(clearBusy);
    pending = 1;
    hideBusy();
  });
})();
