// The launch calendar: entries dragged to another day.
//
// The page works without this file: each chip of the viewer's side has a
// Move form that posts the new day. Here such a chip can also be dragged
// onto a day of the month or week grid: it shows there at once, and its
// Move form is posted with that day (the server keeps the time of day).
// The answer is the calendar's region as it is now, or with the reason
// the move was refused, and it replaces the grid. While a chip is held,
// the region carries data-hold so a live update does not pull the grid
// from under the drag. Listeners are delegated to the document, so grids
// swapped in by htmx or a live update work too.
(function () {
  "use strict";

  var CHIP = 'li.cal-chip[draggable="true"]';
  var drag = null; // {chip, from, next}: the chip held and where it was
  var target = null; // the day the chip is over

  function region() { return document.getElementById("cal-region"); }

  // say puts words into the page's status line, which screen readers read.
  function say(text) {
    var line = document.getElementById("cal-status");
    if (line) line.textContent = text;
  }

  function hover(day) {
    if (target === day) return;
    if (target) target.classList.remove("is-over");
    target = day;
    if (day) day.classList.add("is-over");
  }

  function release() {
    if (!drag) return;
    drag.chip.classList.remove("is-dragging");
    hover(null);
    var r = region();
    if (r) r.removeAttribute("data-hold");
    drag = null;
  }

  document.addEventListener("dragstart", function (ev) {
    var chip = ev.target.closest && ev.target.closest(CHIP);
    if (!chip) return;
    drag = { chip: chip, from: chip.parentNode, next: chip.nextSibling };
    ev.dataTransfer.effectAllowed = "move";
    ev.dataTransfer.setData("text/plain", chip.getAttribute("data-entry"));
    chip.classList.add("is-dragging");
    var r = region();
    if (r) r.setAttribute("data-hold", "");
  });

  document.addEventListener("dragover", function (ev) {
    if (!drag) return;
    var day = ev.target.closest && ev.target.closest("[data-drop-date]");
    hover(day);
    if (!day) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = "move";
  });

  document.addEventListener("drop", function (ev) {
    if (!drag) return;
    var day = ev.target.closest && ev.target.closest("[data-drop-date]");
    if (!day) return;
    ev.preventDefault();
    var held = drag;
    release();
    var date = day.getAttribute("data-drop-date");
    if (date === held.chip.getAttribute("data-day")) return;
    var list = day.querySelector(".cal-chips");
    if (!list) {
      list = document.createElement("ol");
      list.className = "cal-chips";
      list.setAttribute("role", "list");
      day.appendChild(list);
    }
    list.appendChild(held.chip);
    move(held, date);
  });

  document.addEventListener("dragend", release);

  // move posts the chip's Move form with the day it was dropped on.
  function move(held, date) {
    var chip = held.chip, form = chip.querySelector("form.cal-move-form");
    if (!form) return;
    var body = new URLSearchParams(new FormData(form));
    body.set("date", date);
    chip.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "HX-Request": "true" }
    }).then(function (res) {
      if (res.status === 404) {
        // Gone, or no longer shared with this side: show what is left.
        location.reload();
        return;
      }
      if (!res.ok && [403, 409, 422].indexOf(res.status) < 0) throw new Error("HTTP " + res.status);
      return res.text().then(swap);
    }).catch(function () {
      held.from.insertBefore(chip, held.next);
      chip.removeAttribute("aria-busy");
      var r = region(), p = document.createElement("p");
      p.className = "alert alert-error cal-alert";
      p.setAttribute("role", "alert");
      p.textContent = "The entry could not be moved: Duet cannot be reached. Check your connection and try again.";
      if (r) r.insertBefore(p, r.firstChild);
    });
  }

  // swap puts in the region the server sent, and its words for the move.
  function swap(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    var fresh = t.content.getElementById("cal-region"), now = region();
    if (fresh && now) {
      now.replaceWith(fresh);
      if (window.htmx) window.htmx.process(fresh);
    }
    var words = t.content.getElementById("cal-status");
    if (words) say(words.textContent);
  }

  // A chip whose Move form is open is not dragged: its date field takes
  // the pointer. Escape closes the form.
  document.addEventListener("toggle", function (ev) {
    var box = ev.target;
    if (!box.matches || !box.matches("details.cal-move")) return;
    var chip = box.closest("li.cal-chip");
    if (chip) chip.setAttribute("draggable", box.open ? "false" : "true");
    if (box.open) {
      var input = box.querySelector('input[type="date"]');
      if (input) input.focus();
    }
  }, true);

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    var box = ev.target.closest && ev.target.closest("details.cal-move[open]");
    if (!box) return;
    box.open = false;
    box.querySelector("summary").focus();
  });
})();
