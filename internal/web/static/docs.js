// The brief's and the RACI's forms: "Add a goal", "Add a budget line" and
// "Add a workstream" copy the last row of their table, emptied and with
// its ids and names renumbered. The forms work without this file: they
// come with blank rows, and blank rows are skipped on save; the buttons
// stay hidden.
(function () {
  "use strict";

  var ROW_ID = /^(goal|budget|raci)-\d+-/;

  function renumber(value, n) {
    return value.split(" ").map(function (id) {
      return id.replace(ROW_ID, function (_, list) { return list + "-" + n + "-"; });
    }).join(" ");
  }

  function addRow(body) {
    var rows = body.querySelectorAll("tr.edit-row");
    var last = rows[rows.length - 1];
    if (!last) return;
    var n = rows.length;
    var row = last.cloneNode(true);
    row.classList.remove("has-error");
    row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    row.querySelectorAll("[aria-describedby]").forEach(function (el) { el.removeAttribute("aria-describedby"); });
    row.querySelectorAll("[id]").forEach(function (el) { el.id = renumber(el.id, n); });
    row.querySelectorAll("[name]").forEach(function (el) { el.name = renumber(el.name, n); });
    row.querySelectorAll("label[for]").forEach(function (el) { el.htmlFor = renumber(el.htmlFor, n); });
    row.querySelectorAll("[data-row-n]").forEach(function (el) { el.textContent = String(n + 1); });
    row.querySelectorAll("input").forEach(function (el) { el.value = ""; });
    // A copied select keeps the last row's choice: the owner or payer a
    // new row most likely has too; RACI letters start empty.
    row.querySelectorAll("select.raci-select").forEach(function (el) { el.value = ""; });
    body.appendChild(row);
    var first = row.querySelector('input:not([type="hidden"]), select');
    if (first) first.focus();
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button[data-add-row]");
    if (!button) return;
    var body = document.getElementById(button.getAttribute("data-add-row"));
    if (body) addRow(body);
  });

  function init(root) {
    (root || document).querySelectorAll("button[data-add-row]").forEach(function (b) { b.hidden = false; });
  }
  init(document);
  document.addEventListener("htmx:load", function (ev) { init(ev.target); });
})();
