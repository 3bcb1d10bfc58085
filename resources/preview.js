/* Editor side of the image / audio preview: the runtime publishes the last binary result of a node whose
 * "Preview" option is on (RED.comms topic hf-inference/preview/<node id>); this draws it under the node.
 * Loaded once by each node file that has binary outputs; the guard keeps a second load harmless. */
(function () {
  "use strict";
  if (window.HfPreview) return;
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_W = 160, MAX_H = 120, TOP = 45;
  var last = {}; // node id -> last preview message, redrawn when the node is drawn again (tab switch)

  function t(key, fallback, subs) {
    var full = "@hf-nodes/node-red-inference/hf-config:hf-preview." + key;
    var text = RED._(full, subs);
    if (text === full || text === "hf-preview." + key) {
      text = fallback;
      Object.keys(subs || {}).forEach(function (k) { text = text.replace("__" + k + "__", subs[k]); });
    }
    return text;
  }

  function size(bytes) {
    if (bytes >= 1048576) return t("mb", "__n__ MB", { n: (bytes / 1048576).toFixed(1) });
    return t("kb", "__n__ kB", { n: Math.max(1, Math.round(bytes / 1024)) });
  }

  function remove(id) {
    var old = document.getElementById("hf-preview-" + id);
    if (old && old.parentNode) old.parentNode.removeChild(old);
  }

  function group(id) {
    remove(id);
    var container = document.getElementById(id);
    if (!container) return null;
    var g = document.createElementNS(SVG, "g");
    g.setAttribute("id", "hf-preview-" + id);
    g.setAttribute("class", "hf-preview");
    g.setAttribute("transform", "translate(0," + TOP + ")");
    container.appendChild(g);
    return g;
  }

  function caption(g, text, y) {
    var el = document.createElementNS(SVG, "text");
    el.setAttribute("x", "0");
    el.setAttribute("y", String(y || 10));
    el.setAttribute("class", "red-ui-flow-node-status-label");
    el.textContent = text;
    g.appendChild(el);
    return el;
  }

  function drawImage(id, msg) {
    var probe = new Image();
    probe.onload = function () {
      var g = group(id);
      if (!g) return;
      var scale = Math.min(1, MAX_W / probe.width, MAX_H / probe.height);
      var img = document.createElementNS(SVG, "image");
      img.setAttribute("width", String(Math.max(1, Math.round(probe.width * scale))));
      img.setAttribute("height", String(Math.max(1, Math.round(probe.height * scale))));
      img.setAttribute("href", msg.data);
      img.style.pointerEvents = "none";
      g.appendChild(img);
    };
    probe.src = msg.data;
  }

  function drawAudio(id, msg) {
    var g = group(id);
    if (!g) return;
    var audio = null;
    var label = caption(g, "\u25B6 " + t("play", "play (__size__)", { size: size(msg.bytes) }));
    g.style.cursor = "pointer";
    g.addEventListener("click", function (evt) {
      evt.stopPropagation();
      if (audio && !audio.paused) {
        audio.pause();
        return;
      }
      audio = audio || new Audio(msg.data);
      audio.onended = audio.onpause = function () { label.textContent = "\u25B6 " + t("play", "play (__size__)", { size: size(msg.bytes) }); };
      label.textContent = "\u275A\u275A " + t("pause", "pause");
      audio.play();
    });
  }

  function draw(id, msg) {
    if (msg.kind === "image") drawImage(id, msg);
    else if (msg.kind === "audio") drawAudio(id, msg);
    else {
      var g = group(id);
      if (!g) return;
      var key = msg.kind === "too-large" ? "tooLarge" : "noPreview";
      var fallback = msg.kind === "too-large" ? "__type__, __size__: too large to preview" : "__type__, __size__";
      caption(g, t(key, fallback, { type: msg.contentType, size: size(msg.bytes) }));
    }
  }

  RED.comms.subscribe("hf-inference/preview/#", function (topic, msg) {
    if (!msg || !msg.id) return;
    if (msg.kind === "clear") {
      delete last[msg.id];
      remove(msg.id);
      return;
    }
    last[msg.id] = msg;
    draw(msg.id, msg);
  });

  RED.hooks.add("viewAddNode.hfPreview", function (evt) {
    var msg = evt && evt.node && last[evt.node.id];
    if (msg) setTimeout(function () { draw(evt.node.id, msg); }, 0);
  });

  window.HfPreview = { draw: draw, remove: remove };
})();
