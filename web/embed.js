// embed.js sizes the timeline widgets a page embeds. Each widget is an iframe
// (<iframe data-timeline-embed src="…/embed/<story>">) whose page reports by postMessage the
// height that suits it at its width; this script gives the iframe that height, never more than
// the reader's window (the widget is one screen, and scrolls inside), and never more than 800
// pixels on a screen 600 pixels wide or more. A message counts only when it comes from the window
// of such an iframe (event.source) and from the origin of that iframe's src: no other frame or
// window can resize a widget, whatever its message says. It has no dependencies, and a page may
// include it more than once: the first copy does the work, the others nothing.
(function () {
  "use strict";
  var installed = "__timelineEmbed";
  if (window[installed]) return;
  window[installed] = true;

  // heightOf reads the height from the three forms a widget sends at once (AMP's embed-size,
  // Datawrapper's and pym.js's), and gives NaN for any other message.
  function heightOf(data) {
    if (typeof data === "string") {
      var parts = data.split("xPYMx");
      return parts.length === 4 && parts[0] === "pym" && parts[2] === "height" ? Number(parts[3]) : NaN;
    }
    if (!data || typeof data !== "object") return NaN;
    if (data.sentinel === "amp" && data.type === "embed-size") return Number(data.height);
    var sizes = data["datawrapper-height"];
    if (sizes && typeof sizes === "object") {
      for (var id in sizes) {
        if (Object.prototype.hasOwnProperty.call(sizes, id)) return Number(sizes[id]);
      }
    }
    return NaN;
  }

  // frameOf finds the widget iframe whose window sent the message, if its page is still on the
  // origin the iframe was given.
  function frameOf(event) {
    var frames = document.querySelectorAll("iframe[data-timeline-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      try {
        return new URL(frame.src, location.href).origin === event.origin ? frame : null;
      } catch (e) {
        return null;
      }
    }
    return null;
  }

  // fit gives frame the height it asked for, within the reader's window.
  function fit(frame) {
    var asked = Number(frame.getAttribute("data-timeline-height"));
    if (!(asked > 0)) return;
    var height = Math.min(asked, window.innerHeight);
    if (frame.getBoundingClientRect().width >= 600) height = Math.min(height, 800);
    var px = Math.max(1, Math.floor(height)) + "px";
    if (frame.style.height !== px) frame.style.height = px;
  }

  window.addEventListener("message", function (event) {
    var height = heightOf(event.data);
    if (!(height > 0 && height < 1e7)) return;
    var frame = frameOf(event);
    if (!frame) return;
    frame.setAttribute("data-timeline-height", String(Math.ceil(height)));
    fit(frame);
  });

  // A window that turns or resizes keeps each widget within it.
  window.addEventListener("resize", function () {
    var frames = document.querySelectorAll("iframe[data-timeline-embed][data-timeline-height]");
    for (var i = 0; i < frames.length; i++) fit(frames[i]);
  });
})();
