// Duet: small progressive enhancements. Every page works without this
// file; it only saves clicks and keeps pages live. Listeners are delegated
// to the document so they keep working when htmx swaps the page body.
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

  // The composer and the edit form send on Ctrl+Enter (Cmd+Enter on a Mac).
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.key !== "Enter" || !(ev.ctrlKey || ev.metaKey) || !t.matches("textarea[data-send-on-ctrl-enter]")) return;
    ev.preventDefault();
    if (t.form && t.form.requestSubmit) t.form.requestSubmit();
    else if (t.form) t.form.submit();
  });

  // ---------------------------------------------------------------------
  // Fragments. Pages fetch the pieces that changed under the viewer's own
  // session; the server renders them with the viewer's permissions.

  function fetchHTML(url, whole) {
    var headers = whole ? {} : { "HX-Request": "true" };
    return fetch(url, { headers: headers, credentials: "same-origin" }).then(function (res) {
      if (!res.ok) {
        var err = new Error("HTTP " + res.status);
        err.status = res.status;
        throw err;
      }
      return res.text();
    });
  }

  function parse(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    return t.content;
  }

  // activate lets htmx wire up the hx- attributes of new content.
  function activate(el) {
    if (window.htmx && el) window.htmx.process(el);
  }

  // typingIn reports whether the person is writing inside el: a live
  // update must not throw their text away.
  function typingIn(el) {
    var a = document.activeElement;
    return !!(a && el.contains(a) && (a.tagName === "TEXTAREA" || a.tagName === "INPUT") && a.value);
  }

  function replace(old, fresh) {
    if (!old || !fresh) return;
    old.replaceWith(fresh);
    activate(fresh);
  }

  // debounce runs fn once after a burst of calls.
  function debounce(fn, ms) {
    var timer = 0;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function toast(text) {
    var box = document.getElementById("toasts");
    if (!box) return;
    var p = document.createElement("p");
    p.className = "toast";
    p.textContent = text;
    box.appendChild(p);
    setTimeout(function () { p.remove(); }, 6000);
  }

  // ---------------------------------------------------------------------
  // The channel and thread pages.

  function liveList() { return document.querySelector("#messages[data-live]"); }
  function replyList() { return document.getElementById("replies"); }
  function workspace() {
    var live = document.getElementById("live");
    return live ? live.getAttribute("data-ws") : "";
  }

  function lastSeq(list) {
    var max = 0;
    list.querySelectorAll(":scope > li.msg[data-seq]").forEach(function (li) {
      var n = Number(li.getAttribute("data-seq")) || 0;
      if (n > max) max = n;
    });
    return max;
  }

  // The conversation scrolls inside its own box on a full page, else in
  // the window.
  function scroller() {
    var box = document.getElementById("chat-scroll");
    if (box && box.scrollHeight > box.clientHeight + 1 && getComputedStyle(box).overflowY !== "visible") return box;
    return document.scrollingElement || document.documentElement;
  }

  function nearBottom() {
    var s = scroller();
    return s.scrollTop + s.clientHeight >= s.scrollHeight - 160;
  }

  function toBottom() {
    var s = scroller();
    s.scrollTop = s.scrollHeight;
  }

  // upsert puts a message into list: in place of its old version, or at
  // the end. A message being edited is left alone.
  function upsert(list, li) {
    var old = document.getElementById(li.id);
    if (old) {
      if (!old.classList.contains("is-editing")) replace(old, li);
      return;
    }
    var empty = document.getElementById("msgs-empty");
    if (empty) empty.remove();
    list.appendChild(li);
    activate(li);
  }

  // loadSince appends the channel's messages after the newest one shown,
  // and says which ids came.
  function loadSince(list) {
    var ws = list.getAttribute("data-ws"), ch = list.getAttribute("data-channel");
    var stick = nearBottom();
    return fetchHTML("/w/" + ws + "/c/" + ch + "/since?after=" + lastSeq(list)).then(function (html) {
      var ids = {};
      Array.prototype.slice.call(parse(html).children).forEach(function (li) {
        if (!li.matches("li.msg")) return;
        ids[li.id.slice(2)] = true;
        upsert(list, li);
      });
      if (stick) toBottom();
      markRead();
      return ids;
    });
  }

  function itemURL(id, inThread) {
    return "/w/" + workspace() + "/m/" + id + "/item" + (inThread ? "?thread=1" : "");
  }

  function inThread(el) { return !!el.closest("#replies, .thread-root, .history-now"); }

  // refreshItem swaps in the current version of a message shown here.
  function refreshItem(id) {
    var old = document.getElementById("m-" + id);
    if (!old || old.classList.contains("is-editing")) return Promise.resolve();
    return fetchHTML(itemURL(id, inThread(old))).then(function (html) {
      var li = parse(html).firstElementChild;
      var now = document.getElementById("m-" + id);
      if (li && now && !now.classList.contains("is-editing")) replace(now, li);
    }, function (err) {
      if (err.status === 404) old.remove();
    });
  }

  // loadReply adds a new reply to the open thread.
  function loadReply(id) {
    var list = replyList();
    if (!list) return;
    var stick = nearBottom();
    fetchHTML(itemURL(id, true)).then(function (html) {
      var li = parse(html).firstElementChild;
      if (li && li.getAttribute("data-parent") === list.getAttribute("data-thread")) {
        upsert(list, li);
        if (stick) toBottom();
      }
    }, function () {});
  }

  // A reply elsewhere changes its parent's reply count in the channel.
  function refreshParentOf(id) {
    fetchHTML(itemURL(id, false)).then(function (html) {
      var li = parse(html).firstElementChild;
      var parent = li && li.getAttribute("data-parent");
      if (parent && document.getElementById("m-" + parent)) refreshItem(parent);
    }, function () {});
  }

  // markRead tells the server the open channel is read up to its newest
  // message, then refreshes the unread counts.
  var markRead = debounce(function () {
    var list = liveList();
    if (!list || document.hidden) return;
    var seq = lastSeq(list);
    if (!seq || seq <= (Number(list.getAttribute("data-read")) || 0)) return;
    list.setAttribute("data-read", String(seq));
    var url = "/w/" + list.getAttribute("data-ws") + "/c/" + list.getAttribute("data-channel") + "/read";
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: "seq=" + seq
    }).then(function () { refreshSidebar(); }, function () {});
  }, 100);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) markRead(); });

  // ---------------------------------------------------------------------
  // The sidebar, the bell, the decision log and the open decision.

  var refreshSidebar = debounce(function () {
    var nav = document.getElementById("channel-nav");
    if (!nav) return;
    fetchHTML(nav.getAttribute("data-refresh")).then(function (html) {
      var fresh = parse(html).firstElementChild;
      var now = document.getElementById("channel-nav");
      if (!fresh || !now) return;
      var open = now.querySelector("details[open]");
      if (open && fresh.querySelector("details")) fresh.querySelector("details").open = true;
      replace(now, fresh);
    }, function () {});
  }, 150);

  var refreshBell = debounce(function () {
    if (!document.getElementById("bell-count")) return;
    fetchHTML("/inbox/count").then(function (html) {
      replace(document.getElementById("bell-count"), parse(html).firstElementChild);
    }, function () {});
  }, 300);

  var refreshUnrecorded = debounce(function () {
    var box = document.getElementById("unrecorded");
    if (!box || !box.hasAttribute("data-refresh") || typingIn(box)) return;
    fetchHTML(box.getAttribute("data-refresh")).then(function (html) {
      replace(document.getElementById("unrecorded"), parse(html).firstElementChild);
    }, function () {});
  }, 200);

  var refreshDecision = debounce(function () {
    var box = document.getElementById("decision");
    if (!box) return;
    if (typingIn(box)) {
      toast("This decision just changed. Reload the page to see the new state.");
      return;
    }
    fetchHTML(box.getAttribute("data-refresh")).then(function (html) {
      replace(document.getElementById("decision"), parse(html).firstElementChild);
    }, function () {});
  }, 100);

  // The log is re-read whole, with its filters, and its list swapped.
  var refreshLog = debounce(function () {
    if (!document.getElementById("decision-log")) return;
    fetchHTML(location.pathname + location.search, true).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.querySelector(".dlog-main"), now = document.querySelector(".dlog-main");
      if (fresh && now) replace(now, document.importNode(fresh, true));
    }, function () {});
  }, 200);

  var refreshHead = debounce(function () {
    var head = document.getElementById("channel-head");
    if (!head) return;
    fetchHTML(location.pathname, true).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("channel-head");
      if (fresh) replace(document.getElementById("channel-head"), document.importNode(fresh, true));
    }, function () {});
  }, 200);

  // Live regions: an element with an id and data-live="task milestone"
  // is re-read from the page it sits on whenever an event of one of those
  // kinds arrives, unless the person is typing in it or holds it
  // (data-hold, set while a hill dot is being dragged).
  var regionTimer = null, regionKinds = {};
  function refreshRegions(kind) {
    regionKinds[kind] = true;
    if (regionTimer) return;
    regionTimer = setTimeout(function () {
      var kinds = regionKinds;
      regionTimer = null;
      regionKinds = {};
      var due = Array.prototype.filter.call(document.querySelectorAll("[data-live][id]"), function (el) {
        return el.getAttribute("data-live").split(" ").some(function (k) { return kinds[k] || kinds["stream"]; });
      });
      if (!due.length) return;
      fetchHTML(location.pathname + location.search, true).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        due.forEach(function (el) {
          var now = document.getElementById(el.id), fresh = doc.getElementById(el.id);
          if (!now || !fresh || typingIn(now) || now.hasAttribute("data-hold")) return;
          replace(now, document.importNode(fresh, true));
        });
      }, function () {});
    }, 150);
  }

  function openChannel() {
    var list = liveList() || replyList();
    return list ? list.getAttribute("data-channel") : "";
  }

  // ---------------------------------------------------------------------
  // Live events: one EventSource per workspace page. Events carry only
  // ids and a type; each one makes the page fetch what it shows.

  var TYPES = ["message.posted", "message.edited", "message.deleted", "message.reacted",
    "channel.created", "channel.updated", "channel.archived", "channel.restored",
    "decision.proposed", "decision.edited", "decision.signed", "decision.approved",
    "decision.rejected", "decision.withdrawn", "decision.superseded", "stream.reset",
    "task.created", "task.updated", "task.commented", "tasklist.created", "tasklist.updated",
    "milestone.updated", "hill.moved", "hill.scoped", "workspace.rescheduled",
    "checkin.answered", "checkin.voted", "checkin.commented", "checkin.opened", "checkin.updated",
    "entry.created", "entry.updated", "asset.created", "asset.updated", "asset.reviewed",
    "doc.saved", "doc.signed",
    "doc.proposed", "doc.approved", "doc.returned", "lead.created", "lead.updated", "lead.escalated"];

  var live = { ws: "", url: "", es: null, last: 0, seen: {}, count: 0 };

  function onEvent(ev) {
    var id = Number(ev.lastEventId) || 0;
    if (id) {
      if (live.seen[id]) return; // delivered twice: once live, once replayed
      live.seen[id] = true;
      if (++live.count > 1000) { live.seen = {}; live.seen[id] = true; live.count = 1; }
      if (id > live.last) live.last = id;
    }
    var e;
    try { e = JSON.parse(ev.data); } catch (err) { return; }
    if (!e || e.ws !== live.ws) return;
    if (ev.type === "stream.reset") {
      // Too much was missed to replay event by event: re-read it all.
      catchUp();
      refreshUnrecorded();
      return;
    }
    var kind = ev.type.split(".")[0];
    refreshRegions(kind);
    if (kind === "message") onMessage(ev.type, e);
    // A review opens the next steps, whose reviewers get an inbox note.
    if (kind === "asset") refreshBell();
    if (kind === "channel") {
      refreshSidebar();
      if (openChannel() === e.subject) refreshHead();
    }
    if (kind === "decision") {
      var box = document.getElementById("decision");
      if (box && box.getAttribute("data-decision") === e.subject) refreshDecision();
      refreshLog();
      refreshUnrecorded();
      refreshBell();
    }
  }

  function onMessage(type, e) {
    var list = liveList(), replies = replyList();
    if (type === "message.posted") {
      if (list && list.getAttribute("data-channel") === e.scope) {
        loadSince(list).then(function (ids) {
          if (!ids[e.subject]) refreshParentOf(e.subject);
        }, function () {});
      } else if (replies && replies.getAttribute("data-channel") === e.scope) {
        loadReply(e.subject);
      }
      refreshSidebar();
      refreshBell();
    } else {
      refreshItem(e.subject);
      if (type === "message.deleted") refreshSidebar();
    }
    refreshUnrecorded();
  }

  // catchUp re-reads what may have changed while no stream was open:
  // between the page's rendering and the stream's start, or after a
  // stream had to be opened anew.
  function catchUp() {
    var list = liveList();
    if (list) loadSince(list).catch(function () {});
    refreshSidebar();
    refreshBell();
    if (document.getElementById("decision")) refreshDecision();
    refreshLog();
  }

  function connect() {
    var url = live.url + (live.last ? "?after=" + live.last : "");
    var es = new EventSource(url);
    live.es = es;
    var opened = false;
    es.onopen = function () {
      // The browser reconnects by itself with Last-Event-ID, and the
      // server replays; the first open covers the page's own gap.
      if (!opened) catchUp();
      opened = true;
    };
    es.onerror = function () {
      // A refused stream (503 while the server restarts) is not retried
      // by the browser: open a new one, saying where it was.
      if (es.readyState === EventSource.CLOSED && live.es === es) {
        setTimeout(function () { if (live.es === es) connect(); }, 4000);
      }
    };
    TYPES.forEach(function (t) { es.addEventListener(t, onEvent); });
  }

  // syncLive opens the stream of the page's workspace, or closes it when
  // the page (swapped in by htmx) belongs to none or another.
  function syncLive() {
    var el = document.getElementById("live");
    var ws = el ? el.getAttribute("data-ws") : "";
    if (ws === live.ws) return;
    if (live.es) live.es.close();
    live = { ws: ws, url: el ? el.getAttribute("data-events") : "", es: null, last: 0, seen: {}, count: 0 };
    if (ws && window.EventSource) connect();
  }

  // A message posted from this page: fetch it rather than wait for its
  // event, so it shows even when live updates are off.
  document.addEventListener("duet:posted", function (ev) {
    var d = ev.detail || {};
    var list = liveList();
    if (list && !d.parent) loadSince(list).then(toBottom, function () {});
    else if (d.parent && replyList()) loadReply(d.id);
  });

  // htmx requests that fail without a fragment to show say so.
  document.addEventListener("htmx:responseError", function (ev) {
    var xhr = ev.detail && ev.detail.xhr;
    var msg = "That did not work. Reload the page and try again.";
    if (xhr && xhr.status === 404) msg = "That is gone, or no longer shared with you.";
    toast(msg);
  });
  document.addEventListener("htmx:sendError", function () {
    toast("Duet cannot be reached. Check your connection and try again.");
  });

  function pageReady() {
    var list = liveList() || replyList();
    if (list && !location.hash) toBottom();
    markRead();
    var bell = document.getElementById("bell-count");
    if (bell && bell.hasAttribute("data-stale")) refreshBell();
    syncLive();
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    pageReady();
  });
  // htmx (when present) swaps the body on boosted navigation.
  document.addEventListener("htmx:load", function (ev) { init(ev.target); });
  document.addEventListener("htmx:afterSettle", function (ev) {
    var d = ev.detail || {};
    if (d.boosted || d.target === document.body) pageReady();
  });
})();
