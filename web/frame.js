// frame.js runs on every page of the site and acts only on the embed page (/embed/<story>) when
// it is inside an iframe: it tells the host page the height of its content on load and on every
// change, so that the host's embed.js, or any script that speaks the AMP, Datawrapper or pym.js
// resize protocol, gives the iframe that height. The height is not secret, so it goes to
// whichever page embeds the widget ("*").
(function () {
  "use strict";
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

  function report() {
    var height = Math.ceil(root.getBoundingClientRect().height);
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
