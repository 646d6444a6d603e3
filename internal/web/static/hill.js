// The hill chart: dots dragged with a mouse or touch, or moved with the keyboard.
//
// The page works without this file: each dot has a number field, and the
// form posts them. Here a dot follows the pointer or the arrow keys and
// keeps its number field in step; nothing is saved until the form is sent,
// and then only the dots that moved. While a dot is held or moved and not
// yet saved, its live region carries data-hold, so an update from the
// other side does not throw the move away. Listeners are delegated to the
// document, so charts swapped in by htmx or a live update work too.
(function () {
  "use strict";

  var DOT = "g.hill-dot[role=slider]";
  var KEYS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };

  function geometry(svg) {
    return {
      left: Number(svg.getAttribute("data-left")),
      right: Number(svg.getAttribute("data-right")),
      top: Number(svg.getAttribute("data-top")),
      bottom: Number(svg.getAttribute("data-bottom"))
    };
  }

  // The same curve as the server draws: 0 bottom left, 50 the top, 100
  // bottom right.
  function xOf(g, p) { return g.left + (g.right - g.left) * p / 100; }
  function yOf(g, p) {
    var s = Math.sin(Math.PI * p / 100);
    return g.bottom - (g.bottom - g.top) * s * s;
  }

  function phase(p) {
    if (p <= 0) return "Not started";
    if (p < 50) return "Uphill: figuring it out";
    if (p === 50) return "At the top: the approach is known";
    if (p < 100) return "Downhill: making it happen";
    return "Done";
  }

  function clamp(p) { return Math.min(100, Math.max(0, Math.round(p))); }

  function dotFor(id) {
    return document.querySelector(DOT + '[data-scope="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
  }

  // place moves a dot to position p and updates everything that shows it.
  function place(dot, p, fromField) {
    p = clamp(p);
    var svg = dot.ownerSVGElement;
    if (!svg) return;
    var g = geometry(svg);
    var id = dot.getAttribute("data-scope");
    dot.setAttribute("transform", "translate(" + xOf(g, p).toFixed(1) + " " + yOf(g, p).toFixed(1) + ")");
    dot.setAttribute("data-pos", String(p));
    dot.setAttribute("aria-valuenow", String(p));
    dot.setAttribute("aria-valuetext", p + " of 100: " + phase(p));
    var label = dot.querySelector(".hill-label");
    if (label) {
      label.setAttribute("x", p > 50 ? "-13" : "13");
      label.setAttribute("text-anchor", p > 50 ? "end" : "start");
    }
    var words = document.querySelector('[data-phase-for="' + id + '"]');
    if (words) words.textContent = phase(p);
    if (!fromField) {
      var field = document.getElementById("pos-" + id);
      if (field) field.value = String(p);
    }
    update(dot.closest("form"));
  }

  // moved lists the dots of a form whose position differs from the one
  // the page was drawn with.
  function moved(form) {
    return Array.prototype.filter.call(form.querySelectorAll(DOT), function (dot) {
      var now = dot.getAttribute("data-pos"), from = dot.getAttribute("data-from");
      dot.classList.toggle("is-moved", now !== from);
      return now !== from;
    });
  }

  // update holds the chart's live region while something is unsaved and
  // says what the Save button will save.
  function update(form) {
    if (!form) return;
    var n = moved(form).length;
    var region = form.closest("[data-live]");
    if (region) {
      if (n || drag) region.setAttribute("data-hold", "");
      else region.removeAttribute("data-hold");
    }
    var status = form.querySelector("#hill-status");
    if (status) {
      status.textContent = n === 0 ? "Only the dots you move are saved, with your note."
        : (n === 1 ? "1 dot moved" : n + " dots moved") + ": save to keep " + (n === 1 ? "it" : "them") + ".";
    }
  }

  // ---------------------------------------------------------------------
  // Dragging, with a mouse, a pen or a finger.

  var drag = null;

  function positionAt(dot, ev) {
    var svg = dot.ownerSVGElement, g = geometry(svg);
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    var m = svg.getScreenCTM();
    if (!m) return Number(dot.getAttribute("data-pos"));
    var at = pt.matrixTransform(m.inverse());
    return (at.x - g.left) / (g.right - g.left) * 100;
  }

  document.addEventListener("pointerdown", function (ev) {
    var dot = ev.target.closest && ev.target.closest(DOT);
    if (!dot || (ev.pointerType === "mouse" && ev.button !== 0)) return;
    ev.preventDefault();
    dot.focus({ preventScroll: true });
    drag = { dot: dot, id: ev.pointerId };
    var region = dot.closest("[data-live]");
    if (region) region.setAttribute("data-hold", "");
    dot.classList.add("is-dragging");
    if (dot.setPointerCapture) {
      try { dot.setPointerCapture(ev.pointerId); } catch (e) { /* the pointer is gone */ }
    }
  });

  document.addEventListener("pointermove", function (ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    ev.preventDefault();
    place(drag.dot, positionAt(drag.dot, ev));
  });

  function endDrag(ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    var dot = drag.dot;
    drag = null;
    dot.classList.remove("is-dragging");
    update(dot.closest("form"));
  }
  document.addEventListener("pointerup", endDrag);
  document.addEventListener("pointercancel", endDrag);

  // ---------------------------------------------------------------------
  // The keyboard: arrows by 1, Page Up and Page Down by 10, Home and End
  // to either foot of the hill.

  document.addEventListener("keydown", function (ev) {
    var dot = ev.target.closest && ev.target.closest(DOT);
    if (!dot || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var p = Number(dot.getAttribute("data-pos")) || 0;
    if (ev.key === "Home") p = 0;
    else if (ev.key === "End") p = 100;
    else if (KEYS[ev.key] !== undefined) p += KEYS[ev.key];
    else return;
    ev.preventDefault();
    place(dot, p);
  });

  // A number typed into a dot's field moves the dot.
  document.addEventListener("input", function (ev) {
    var t = ev.target;
    if (!t.matches || !t.matches('form[data-hill] input[type="number"]')) return;
    var dot = dotFor(t.id.replace(/^pos-/, ""));
    if (dot && t.value !== "" && !isNaN(Number(t.value))) place(dot, Number(t.value), true);
  });

  // Saving sends only the dots that moved; the fields of the others stay
  // behind. A note alone is sent as it is, for the server to judge.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.matches || !form.matches("form[data-hill]")) return;
    var ids = {};
    moved(form).forEach(function (dot) { ids[dot.getAttribute("data-scope")] = true; });
    form.querySelectorAll('input[name^="pos."], input[name^="from."]').forEach(function (input) {
      var id = input.name.slice(input.name.indexOf(".") + 1);
      var typed = input.name.indexOf("pos.") === 0 && input.value !== input.form.querySelector('input[name="from.' + id + '"]').value;
      input.disabled = !(ids[id] || typed);
    });
  });
  // A form sent and then shown again from the back/forward cache gets
  // its fields back.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-hill] input[disabled]").forEach(function (input) { input.disabled = false; });
  });

  function init(root) {
    var forms = root.matches && root.matches("form[data-hill]") ? [root] : root.querySelectorAll("form[data-hill]");
    Array.prototype.forEach.call(forms, function (form) {
      form.classList.add("is-live");
      update(form);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (ev) { init(ev.target); });
})();
