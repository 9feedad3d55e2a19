// dev.js is the live preview's side of the page, added by `timeline dev` only (serve and the
// export never name it). It listens to the server's event stream, named by
// <meta name="timeline-live">: after every save the server sends the state of the story files.
// A saved story is announced to the widget with a "timeline-live" event on the window, whose
// detail is the story's id, and the widget swaps it in place. Problems are listed in an overlay
// over the last good version, with their hints, read out by screen readers; the overlay can be
// dismissed, and goes by itself once the files are fixed. The list of stories follows the folder.
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="timeline-live"]');
  if (!meta || !window.EventSource) {
    return;
  }

  var css =
    ".live-overlay{position:fixed;z-index:2147483000;left:0.75rem;right:0.75rem;bottom:0.75rem;" +
    "max-height:min(60vh,28rem);overflow:auto;margin:0 auto;max-width:52rem;box-sizing:border-box;" +
    "padding:0.75rem 1rem 1rem;border:2px solid #b3261e;border-radius:8px;background:#fff8f7;color:#1c1b1f;" +
    "font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;box-shadow:0 6px 24px rgba(0,0,0,.25)}" +
    ".live-overlay[hidden]{display:none}" +
    ".live-overlay h2{font-size:1rem;margin:0 2.5rem 0.25rem 0;color:#8c1d18}" +
    ".live-overlay .live-lead{margin:0 0 0.5rem}" +
    ".live-overlay ul{margin:0;padding:0;list-style:none}" +
    ".live-overlay li{margin:0.5rem 0 0;padding:0.5rem 0 0;border-top:1px solid #f0c9c5}" +
    ".live-overlay code{display:block;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
    "white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".live-overlay .live-hint{margin:0.25rem 0 0;color:#3b3b3b}" +
    ".live-overlay a{color:#0b57d0}" +
    ".live-overlay button{position:absolute;top:0.5rem;right:0.5rem;min-width:2.75rem;min-height:2.75rem;" +
    "border:1px solid #8c1d18;border-radius:6px;background:#fff;color:#8c1d18;font:inherit;cursor:pointer}" +
    ".live-overlay button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}" +
    ".live-status{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    "@media (prefers-color-scheme:dark){.live-overlay{background:#2b1a19;color:#f4dedc;border-color:#f2b8b5}" +
    ".live-overlay h2{color:#f2b8b5}.live-overlay .live-hint{color:#e0c9c7}.live-overlay li{border-color:#5c3a38}" +
    ".live-overlay a{color:#a8c7fa}.live-overlay button{background:#2b1a19;color:#f2b8b5;border-color:#f2b8b5}}";

  var overlay, status, dismissed = "", first = true;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) {
      e.setAttribute(k, attrs[k]);
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // setup adds the style, the overlay and the status line the overlay's changes are read from:
  // a live region is heard only if it is in the page before its text changes.
  function setup() {
    var style = el("style", {});
    style.textContent = css;
    document.head.appendChild(style);
    status = el("p", { class: "live-status", role: "status", "aria-live": "polite", "data-live-status": "" });
    overlay = el("aside", { class: "live-overlay", "data-live-problems": "", "aria-labelledby": "live-title", hidden: "" });
    // After go-app's root, which is the body's first element: it never touches the others.
    document.body.appendChild(status);
    document.body.appendChild(overlay);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // show lists the problems and notices of state, or hides the overlay when there are none.
  function show(state) {
    var key = JSON.stringify([state.problems, state.notices]);
    var n = state.problems.length, m = state.notices.length;
    if (n === 0 && m === 0) {
      if (!overlay.hidden) {
        status.textContent = "The story files have no problems left.";
      }
      overlay.hidden = true;
      overlay.textContent = "";
      dismissed = "";
      return;
    }
    if (key === dismissed) {
      return;
    }
    overlay.textContent = "";
    var title = n > 0 ? plural(n, "problem", "problems") + " in the story files" : "The stories changed";
    overlay.appendChild(el("h2", { id: "live-title" }, title));
    if (n > 0) {
      overlay.appendChild(el("p", { class: "live-lead" },
        "The page shows the last version without problems. Fix these and save: the page follows."));
    }
    var list = el("ul", {});
    state.notices.forEach(function (note) {
      var li = el("li", { "data-live-notice": note.story });
      li.appendChild(el("code", {}, note.text));
      if (note.href) {
        var p = el("p", { class: "live-hint" });
        var a = el("a", { href: note.href }, "Open " + note.href);
        p.appendChild(a);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    state.problems.forEach(function (pr) {
      var li = el("li", { "data-live-problem": "" });
      li.appendChild(el("code", {}, pr.text));
      li.appendChild(el("p", { class: "live-hint" }, "Hint: " + pr.hint));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var close = el("button", { type: "button", "data-live-dismiss": "", "aria-label": "Dismiss the problems" }, "✕");
    close.addEventListener("click", function () {
      dismissed = key;
      overlay.hidden = true;
      status.textContent = "Problems dismissed; they show again when the files change.";
    });
    overlay.appendChild(close);
    overlay.hidden = false;
    var firstLine = state.problems.length > 0 ? state.problems[0].text : state.notices[0].text;
    status.textContent = title + ". " + firstLine;
  }

  // storyShown is the id of the story the page shows (/story/<id>, /embed/<id>), else "".
  function storyShown() {
    var m = /\/(?:story|embed)\/([^/]+)$/.exec(location.pathname);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function onState(ev) {
    var state = JSON.parse(ev.data);
    show(state);
    var list = document.querySelector("[data-stories]");
    if (list) {
      // The list of stories follows the folder: a new file appears, a removed one goes.
      var shown = Array.prototype.map.call(list.querySelectorAll("[data-story-id]"), function (li) {
        return li.getAttribute("data-story-id");
      }).sort();
      if (shown.join("\n") !== state.stories.join("\n")) {
        location.reload();
      }
      return;
    }
    var id = storyShown();
    // A page that said it had no such story now has one. Asked of the "not found" message, not
    // of a missing widget: while go-app takes the page over there is a moment with neither.
    if (id && document.querySelector(".page-error") && state.stories.indexOf(id) >= 0) {
      location.reload();
      return;
    }
    if (first) {
      first = false; // the page was served with this state: nothing to swap
      return;
    }
    state.changed.forEach(function (changed) {
      window.dispatchEvent(new CustomEvent("timeline-live", { detail: changed }));
    });
  }

  setup();
  var source = new EventSource(meta.getAttribute("content"));
  source.addEventListener("state", onState);
})();
