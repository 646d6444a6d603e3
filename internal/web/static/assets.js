// The approval folder's upload forms. The pages work without this file:
// the server refuses a file over the size limit too, but only once the
// browser has started to send it, so here the file is checked when it is
// chosen, and the form says it is uploading while it does. Listeners are
// delegated to the document, so forms swapped in by htmx work too.
(function () {
  "use strict";

  var INPUT = 'input[type="file"][data-max-bytes]';

  // fits shows or clears the size message under the input, and reports
  // whether the chosen file (if any) is within the limit.
  function fits(input) {
    var max = Number(input.getAttribute("data-max-bytes")) || 0;
    var file = input.files && input.files[0];
    var tooBig = !!(max && file && file.size > max);
    var msg = document.getElementById(input.id + "-size");
    if (msg) {
      msg.textContent = tooBig ? "The file is larger than the " + input.getAttribute("data-max-label") + " limit: choose a smaller one." : "";
      msg.hidden = !tooBig;
    }
    if (tooBig) input.setAttribute("aria-invalid", "true");
    return !tooBig;
  }

  document.addEventListener("change", function (ev) {
    if (ev.target.matches && ev.target.matches(INPUT)) fits(ev.target);
  });

  document.addEventListener("submit", function (ev) {
    var input = ev.target.querySelector(INPUT);
    if (!input) return;
    if (!fits(input)) {
      ev.preventDefault();
      input.focus();
      return;
    }
    var button = ev.target.querySelector('button[type="submit"]');
    if (button && input.files && input.files.length) {
      button.setAttribute("data-label", button.textContent);
      button.textContent = "Uploading…";
      button.setAttribute("aria-disabled", "true");
    }
  });

  // Back from the next page, the form is as it was before sending.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[data-label]").forEach(function (button) {
      button.textContent = button.getAttribute("data-label");
      button.removeAttribute("data-label");
      button.removeAttribute("aria-disabled");
    });
  });
})();
