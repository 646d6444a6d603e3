// The rule editor's add, remove and move buttons. The editor works
// without this file: each rule has a position number and a Remove box,
// and a spare fieldset above the fallback adds a rule. Here the buttons
// do the same in place, keep the position numbers equal to the order on
// the page, and hide the controls made for pages without script.
// Listeners are delegated to the document, so a page swapped in by htmx
// works too.
(function () {
  "use strict";

  function editorOf(el) { return el.closest && el.closest("#rule-editor"); }

  function items(editor) {
    return Array.prototype.slice.call(editor.querySelectorAll("#rule-list > .rl-item"));
  }

  // renumber sets every rule's position and shown number to its place,
  // and offers only the moves that make sense.
  function renumber(editor) {
    var list = items(editor);
    list.forEach(function (li, i) {
      var pos = li.querySelector("[data-position]");
      if (pos) pos.value = String(i + 1);
      var n = li.querySelector("[data-rule-n]");
      if (n) n.textContent = String(i + 1);
      var up = li.querySelector('[data-move="up"]'), down = li.querySelector('[data-move="down"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === list.length - 1;
      var rm = li.querySelector("[data-remove]");
      if (rm) rm.disabled = list.length === 1;
    });
  }

  // nextIndex is a number no rule's input names use yet.
  function nextIndex(editor) {
    var max = -1;
    editor.querySelectorAll("[data-rule]").forEach(function (fs) {
      var n = Number(fs.id.slice(1));
      if (!isNaN(n) && n > max) max = n;
    });
    return max + 1;
  }

  // enable shows the buttons and hides what pages without script need.
  function enable(root) {
    var editor = root.querySelector ? (root.id === "rule-editor" ? root : root.querySelector("#rule-editor")) : null;
    if (!editor || editor.classList.contains("js")) return;
    editor.classList.add("js");
    // The spare fieldset is for pages without script; here the "Add a
    // rule" button makes one where it is wanted. One being filled in (or
    // shown again with an error) stays.
    editor.querySelectorAll(".rl-rule.is-spare").forEach(function (fs) {
      var name = fs.querySelector('input[name$=".name"]');
      if (name && !name.value && !fs.querySelector(".field-error")) fs.closest(".rl-item").remove();
    });
    // Each rule's empty condition row is for pages without script too:
    // here "Add a condition" brings it out. A new rule keeps it, since a
    // rule needs a condition; the fallback has none.
    editor.querySelectorAll("[data-rule]").forEach(function (fs) {
      var rows = fs.querySelectorAll("[data-cond]");
      var last = rows[rows.length - 1];
      var field = last && last.querySelector("select");
      if (field && !field.value && !last.querySelector(".field-error") && (rows.length > 1 || fs.classList.contains("is-fallback"))) last.hidden = true;
    });
    editor.querySelectorAll("[data-move], [data-remove], [data-add-cond], [data-add-rule]").forEach(function (b) { b.hidden = false; });
    var add = document.querySelector("[data-add-rule]");
    if (add) add.hidden = false;
    renumber(editor);
  }

  function focusName(li) {
    var name = li && li.querySelector('input[name$=".name"]');
    if (name) name.focus();
  }

  // addRule puts a new rule above the last one, the fallback.
  function addRule(editor) {
    var tpl = document.getElementById("rule-template");
    if (!tpl) return;
    var html = tpl.innerHTML.split("__R__").join(String(nextIndex(editor)));
    var box = document.createElement("div");
    box.innerHTML = html;
    var li = box.firstElementChild;
    li.querySelectorAll("[data-move], [data-remove], [data-add-cond]").forEach(function (b) { b.hidden = false; });
    var list = editor.querySelector("#rule-list");
    var last = list.lastElementChild;
    list.insertBefore(li, last);
    renumber(editor);
    focusName(li);
  }

  // addCondition copies the rule's last condition, empty, with the next
  // number in its names.
  function addCondition(fs) {
    var rows = fs.querySelectorAll("[data-cond]");
    var last = rows[rows.length - 1];
    if (!last) return;
    if (last.hidden) {
      last.hidden = false;
      last.querySelector("select").focus();
      return;
    }
    var max = -1;
    rows.forEach(function (row) {
      var sel = row.querySelector('select[name*=".when."]');
      var m = sel && /\.when\.(\d+)\./.exec(sel.name);
      if (m && Number(m[1]) > max) max = Number(m[1]);
    });
    var j = max + 1;
    var row = last.cloneNode(true);
    row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    row.hidden = false;
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/\.when\.\d+\./g, ".when." + j + ".").replace(/-c\d+-/g, "-c" + j + "-"));
      });
      el.removeAttribute("aria-invalid");
      if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") el.value = "";
      if (el.tagName === "SELECT") el.selectedIndex = 0;
    });
    last.parentNode.appendChild(row);
    var field = row.querySelector("select");
    if (field) field.focus();
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button");
    if (!b) return;
    if (b.hasAttribute("data-add-rule")) {
      var editor = document.getElementById("rule-editor");
      if (editor) addRule(editor);
      return;
    }
    var editor2 = editorOf(b);
    if (!editor2) return;
    var li = b.closest(".rl-item");
    if (b.hasAttribute("data-add-cond")) {
      addCondition(b.closest("[data-rule]"));
    } else if (b.getAttribute("data-move") === "up" && li.previousElementSibling) {
      li.parentNode.insertBefore(li, li.previousElementSibling);
      renumber(editor2);
      b.focus();
    } else if (b.getAttribute("data-move") === "down" && li.nextElementSibling) {
      li.parentNode.insertBefore(li.nextElementSibling, li);
      renumber(editor2);
      b.focus();
    } else if (b.hasAttribute("data-remove")) {
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber(editor2);
      focusName(next);
    }
  });

  // The legend follows the rule's name as it is typed.
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (!el.name || !/^rules\.[^.]+\.name$/.test(el.name) || !editorOf(el)) return;
    var legend = el.closest("[data-rule]").querySelector(".rl-legend-name");
    if (legend) legend.textContent = el.value ? ": " + el.value : "";
  });

  // "Test a lead" swapped in by htmx: the keyboard goes to the result,
  // or to the first input refused.
  document.addEventListener("htmx:afterSettle", function (ev) {
    var path = ev.detail && ev.detail.pathInfo && ev.detail.pathInfo.requestPath;
    if (!path || !/\/rules\/test$/.test(path)) return;
    var target = document.querySelector('#rules-test [aria-invalid="true"]') || document.getElementById("test-result");
    if (target) target.focus();
  });

  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.addEventListener("htmx:load", function (ev) { enable(ev.target); });
})();
