// frame.js runs on every page of the site. It places the widget's first view on the news before
// the WebAssembly runs (the WebAssembly calls the same functions, window.timelineFrame, so that
// taking over moves nothing), shows the embed's timeline rather than its text version once
// scripts run, and, on the embed page (/embed/<story>) inside an iframe, tells the host page the
// height that suits the widget at its width, so that the host's embed.js, or any script that
// speaks the AMP, Datawrapper or pym.js resize protocol, gives the iframe that height. The height
// is not secret, so it goes to whichever page embeds the widget ("*").
(function () {
  "use strict";

  // regionOf is the scrolled region of the frame that holds el.
  function regionOf(el) {
    return el.closest(".tl-scroll, .map-frame, .pane");
  }

  // place scrolls the timeline to the news: the selected card if there is one, else the lead
  // event's, a third of the way across with the story's latest events to its right, and down only
  // if the card would be low in the region (then with one card of context above it); on a
  // phone's list, the card at the top.
  function place(sc) {
    sc = sc || document.getElementById("tl-scroll");
    if (!sc) return;
    // The server writes data-lead="true" as a bare data-lead, the browser's DOM with its value.
    var card = sc.querySelector(".tl-card[data-selected]");
    card = card ? card.closest(".tl-item") : sc.querySelector("[data-lead]");
    if (!card) return;
    var s = sc.getBoundingClientRect(), r = card.getBoundingClientRect();
    var x = r.left - s.left + sc.scrollLeft, y = r.top - s.top + sc.scrollTop;
    if (getComputedStyle(card).position === "absolute") {
      var top = y + r.height + 16 <= sc.clientHeight * 0.6 ? 0 : Math.max(0, y - r.height - 16);
      sc.scrollTo({ left: x - sc.clientWidth / 3, top: top, behavior: "instant" });
    } else {
      sc.scrollTo({ top: Math.max(0, y - 12), behavior: "instant" });
    }
  }

  // reveal scrolls el's region, and nothing else, as little as brings el wholly into view.
  function reveal(el) {
    var sc = regionOf(el);
    if (!sc) return;
    var s = sc.getBoundingClientRect(), r = el.getBoundingClientRect(), m = 8;
    var top = s.top + sc.clientTop + m, bottom = s.top + sc.clientTop + sc.clientHeight - m;
    var left = s.left + sc.clientLeft + m, right = s.left + sc.clientLeft + sc.clientWidth - m;
    var dy = 0, dx = 0;
    if (r.top < top) dy = r.top - top;
    else if (r.bottom > bottom) dy = Math.min(r.bottom - bottom, r.top - top);
    if (r.left < left) dx = r.left - left;
    else if (r.right > right) dx = Math.min(r.right - right, r.left - left);
    if (dx || dy) sc.scrollBy({ left: dx, top: dy, behavior: "instant" });
  }

  // centre scrolls el's region so that el is in its middle, as far as the region can scroll.
  function centre(el) {
    var sc = regionOf(el);
    if (!sc) return;
    var s = sc.getBoundingClientRect(), r = el.getBoundingClientRect();
    sc.scrollBy({
      left: r.left + r.width / 2 - (s.left + sc.clientLeft + sc.clientWidth / 2),
      top: r.top + r.height / 2 - (s.top + sc.clientTop + sc.clientHeight / 2),
      behavior: "instant",
    });
  }

  window.timelineFrame = { place: place, reveal: reveal, centre: centre };

  // A click on an event's card answers in the next frame. go-app would follow the link on its
  // next tick and render the selection after that, two frames late or more on a long story. So,
  // once the WebAssembly runs (window.goappNav), a plain click on a card marks it selected and puts
  // the event's date and headline at the top of the details, here in the click's own task; the
  // browser paints that, and once it has, go-app follows the link (the history entry
  // included) and renders the same selection in full, removing this provisional headline
  // (clearProvisional in app/ui). The marks are those go-app writes for the same selection.
  var pendingNav = null;

  function quickSelect(e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (typeof window.goappNav !== "function" || !e.target.closest) return;
    var card = e.target.closest('[data-widget][data-ready] [data-view="timeline"] .tl-card[data-event-id]');
    if (!card || card.getAttribute("data-selected") === "true") return;
    e.preventDefault();
    e.stopPropagation(); // go-app's own handler would navigate before the paint
    var widget = card.closest("[data-widget]");
    var prev = widget.querySelector('[data-view="timeline"] .tl-card[data-selected]');
    if (prev) {
      prev.removeAttribute("data-selected");
      prev.removeAttribute("aria-current");
    }
    card.removeAttribute("data-lit");
    card.removeAttribute("data-dim");
    card.setAttribute("data-selected", "true");
    card.setAttribute("aria-current", "true");
    widget.setAttribute("data-has", "event");
    var panel = widget.querySelector("[data-detail]");
    if (panel) {
      var old = panel.querySelector(":scope > [data-provisional]");
      if (old) old.remove();
      var box = document.createElement("div");
      box.setAttribute("data-provisional", "");
      box.setAttribute("aria-hidden", "true");
      var date = card.querySelector(".tl-date"), headline = card.querySelector(".tl-headline");
      if (date) {
        var p = document.createElement("p");
        p.className = "detail-date";
        p.textContent = date.getAttribute("title");
        box.appendChild(p);
      }
      var h = document.createElement("h3");
      h.className = "detail-title";
      h.textContent = headline ? headline.textContent : "";
      box.appendChild(h);
      panel.insertBefore(box, panel.firstChild);
      panel.setAttribute("data-pending", "");
      panel.setAttribute("data-has", "event");
      panel.setAttribute("data-event-id", card.getAttribute("data-event-id"));
    }
    if (pendingNav) pendingNav(); // an earlier click's link goes first
    var href = card.href, done = false;
    pendingNav = function () {
      if (done) return;
      done = true;
      pendingNav = null;
      window.goappNav(href);
    };
    var nav = pendingNav;
    requestAnimationFrame(function () {
      // Here, where the frame lays out anyway (in the click it would force a layout of its own),
      // the answer is brought into view as go-app will: the card in its region, the frame on the
      // page, the details from their top.
      if (panel) panel.scrollTop = 0;
      reveal(card);
      widget.scrollIntoView({ block: "nearest", inline: "nearest" });
      // go-app's render of the whole selection is a long task: it waits until this frame is
      // presented and the tasks already queued have run, so it delays neither the answer on
      // screen nor whatever the page does next.
      if (typeof requestIdleCallback === "function") requestIdleCallback(nav, { timeout: 100 });
      else setTimeout(nav, 0);
    });
    setTimeout(nav, 200); // a page that paints no frame still follows the link
  }
  document.addEventListener("click", quickSelect, true);

  // A mouse drags the actor map to pan it, as a finger does; a press that moves less than a few
  // pixels stays a click, and selects what it is on. Here rather than in the WebAssembly: each
  // move would be a call into it.
  function dragToPan(e) {
    if (e.pointerType !== "mouse" || e.button !== 0 || !e.target.closest) return;
    var frame = e.target.closest(".map-frame");
    if (!frame || e.target.closest("a, button, input, select, textarea")) return;
    var x = e.clientX, y = e.clientY, left = frame.scrollLeft, top = frame.scrollTop, moved = false;
    function move(m) {
      var dx = m.clientX - x, dy = m.clientY - y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!moved) {
        moved = true;
        frame.setAttribute("data-dragging", "");
      }
      frame.scrollTo({ left: left - dx, top: top - dy, behavior: "instant" });
    }
    function swallow(c) {
      c.preventDefault();
      c.stopPropagation();
    }
    function up() {
      document.removeEventListener("pointermove", move, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
      if (!moved) return;
      frame.removeAttribute("data-dragging");
      // The click the release may fire ends the drag and selects nothing; the browser fires it
      // in this task if at all.
      document.addEventListener("click", swallow, true);
      setTimeout(function () {
        document.removeEventListener("click", swallow, true);
      }, 0);
    }
    document.addEventListener("pointermove", move, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
  }
  document.addEventListener("pointerdown", dragToPan);

  // A link to another page of the site loads that page, as a link does: the live preview's notice
  // of a renamed story, a story's link to another. go-app would follow it inside this page, where
  // the WebAssembly routes only the page it was loaded for (see routeStoryPages in app/ui), so
  // the click is kept from go-app's handler on the window; the browser follows the link. go-app
  // tells its own links by their host alone, so a link to this host in another scheme is kept
  // from it too: its history cannot move to another origin.
  function loadOtherPage(e) {
    if (e.defaultPrevented || !e.target.closest) return;
    var a = e.target.closest("a[href]");
    if (!(a instanceof HTMLAnchorElement) || a.host !== location.host) return;
    if (a.protocol !== location.protocol || a.pathname !== location.pathname) e.stopPropagation();
  }
  document.addEventListener("click", loadOtherPage, true);

  function start() {
    // With scripts off the embed's frame shows the story as text; with them, the timeline.
    var w = document.querySelector('[data-widget][data-tab="text"]:not([data-ready])');
    if (w && document.querySelector(".embed")) w.setAttribute("data-tab", "timeline");
    place();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  var route = /\/embed\/([^/]+)$/.exec(location.pathname);
  if (!route || window.parent === window) return;
  // pym.js names its frames with ?childId=; otherwise the story's id names the widget.
  var id = new URLSearchParams(location.search).get("childId");
  if (!id) {
    try {
      id = decodeURIComponent(route[1]);
    } catch (e) {
      id = route[1];
    }
  }
  var root = document.documentElement;
  var last = -1;

  // suited is the height the widget asks for at width w: about 600 to 760 pixels from 600 pixels
  // wide, and on a phone a tall screen's worth, which embed.js caps at the reader's screen. It
  // depends on the width alone, never on the story.
  function suited(w) {
    if (w >= 600) return Math.round(Math.min(760, Math.max(600, w * 0.62)));
    var screenH = window.screen && window.screen.height > 0 ? window.screen.height : 800;
    return Math.round(Math.min(screenH, Math.max(480, w * 2)));
  }

  function report() {
    var height = suited(root.clientWidth);
    if (height === last) return;
    last = height;
    var datawrapper = {};
    datawrapper[id] = height;
    var host = window.parent;
    host.postMessage({ sentinel: "amp", type: "embed-size", height: height }, "*");
    host.postMessage({ "datawrapper-height": datawrapper }, "*");
    host.postMessage("pymxPYMx" + id + "xPYMxheightxPYMx" + height, "*");
  }

  if (typeof ResizeObserver === "function") new ResizeObserver(report).observe(root);
  window.addEventListener("load", report);
  report();
})();
