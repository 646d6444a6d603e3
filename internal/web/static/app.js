// Duet: small progressive enhancements. Every page works without this
// file; it only saves clicks. Listeners are delegated to the document so
// they keep working when htmx swaps the page body.
(function () {
  "use strict";

  // Template picker: show the preview of the template being chosen.
  function showPreview(key) {
    document.querySelectorAll("[data-preview]").forEach(function (el) {
      el.hidden = el.getAttribute("data-preview") !== key;
    });
  }

  // Invite form: offer only the roles of the side being invited to.
  function showRolesFor(side) {
    document.querySelectorAll("[data-roles-for]").forEach(function (group) {
      var match = group.getAttribute("data-roles-for") === side;
      group.hidden = !match;
      group.querySelectorAll("input").forEach(function (input) {
        input.disabled = !match;
      });
    });
  }

  // New workspace: suggest the browser's own time zone.
  function fillZone(root) {
    root.querySelectorAll("input[data-default-zone]").forEach(function (input) {
      if (input.value) return;
      try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone) input.value = zone;
      } catch (e) { /* leave it empty */ }
    });
  }

  // Copy buttons are hidden until this script can make them work.
  function enableCopy(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("button[data-copy]").forEach(function (btn) {
      btn.hidden = false;
    });
  }

  function init(root) {
    var chosen = root.querySelector("input[data-preview-switch]:checked");
    if (chosen) showPreview(chosen.value);
    var side = root.querySelector("input[data-side-switch]:checked");
    if (side) showRolesFor(side.value);
    fillZone(root);
    enableCopy(root);
  }

  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.matches("input[data-preview-switch]")) showPreview(t.value);
    if (t.matches("input[data-side-switch]")) showRolesFor(t.value);
  });

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-copy]");
    if (!btn) return;
    var input = document.getElementById(btn.getAttribute("data-copy"));
    if (!input) return;
    navigator.clipboard.writeText(input.value).then(function () {
      var label = btn.textContent;
      btn.textContent = "Copied";
      setTimeout(function () { btn.textContent = label; }, 2000);
    }, function () {
      input.select();
    });
  });

  // Ask before destructive actions such as revoking an invite.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  // htmx (when present) swaps the body on boosted navigation.
  document.addEventListener("htmx:load", function (ev) { init(ev.target); });
})();
