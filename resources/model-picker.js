/* Model picker for the editor of every inference node: type in the Model field to search the Hub for models of the
 * node's task (served by the chosen provider), with downloads, likes and the providers serving each model.
 * The editor asks the runtime (GET hf-inference/models, an admin route), which asks the Hub with the config
 * node's token: the token never reaches the browser. Offline, the field stays a plain text field with a note.
 *
 *   HfModelPicker.attach({ input: "#node-input-model", task: "text-to-image",
 *                          provider: function () { ... }, config: function () { ... } });
 */
(function () {
  "use strict";
  if (window.HfModelPicker) return;
  var NS = "@hf-nodes/node-red-inference/hf-config:hf-picker.";

  function t(key, fallback, subs) {
    var text = RED._(NS + key, subs);
    if (text === NS + key || text === "hf-picker." + key) {
      text = fallback;
      Object.keys(subs || {}).forEach(function (k) { text = text.replace("__" + k + "__", subs[k]); });
    }
    return text;
  }

  function count(n) {
    if (n >= 1e6) return (n / 1e6).toFixed(1).replace(/\.0$/, "") + "M";
    if (n >= 1e3) return (n / 1e3).toFixed(1).replace(/\.0$/, "") + "k";
    return String(n || 0);
  }

  /** The provider to filter on: the node's own, else its account's; a dedicated endpoint serves any model. */
  function effectiveProvider(opts) {
    var own = opts.provider ? opts.provider() : "";
    if (own) return own;
    var config = opts.config ? RED.nodes.node(opts.config()) : null;
    if (config && config.endpointUrl) return "none";
    return (config && config.provider) || "auto";
  }

  function label(model, value) {
    var row = $("<div>", { class: "hf-picker-item", style: "display:flex;flex-direction:column;line-height:1.4" });
    var id = $("<div>").appendTo(row);
    var at = value ? model.id.toLowerCase().indexOf(value.toLowerCase()) : -1;
    if (at >= 0) {
      id.append($("<span>").text(model.id.slice(0, at)));
      id.append($("<span>", { style: "font-weight:bold;color:var(--red-ui-text-color-link)" }).text(model.id.slice(at, at + value.length)));
      id.append($("<span>").text(model.id.slice(at + value.length)));
    } else {
      id.text(model.id);
    }
    var meta = $("<div>", { style: "font-size:0.85em;color:var(--red-ui-secondary-text-color)" }).appendTo(row);
    meta.append($("<span>").text("\u2193 " + count(model.downloads) + "  \u2665 " + count(model.likes)));
    (model.providers || []).forEach(function (p) {
      var live = p.status === "live";
      $("<span>", { class: "red-ui-text-bidi-aware", style: "margin-left:6px;padding:0 4px;border-radius:3px;border:1px solid " + (live ? "#5a8" : "#c93") })
        .attr("title", live ? t("live", "live") : t("staging", "staging (not ready for production)"))
        .text(p.provider + (live ? "" : " \u00B7 " + p.status))
        .appendTo(meta);
    });
    return row;
  }

  /** The search's query; the account only when it is a real config node (not the select's "add new" entry). */
  function query(opts, value, provider) {
    var q = { task: opts.task, search: value, provider: provider };
    var id = opts.config ? opts.config() : "";
    if (id && RED.nodes.node(id)) q.config = id;
    return q;
  }

  function attach(opts) {
    var input = $(opts.input);
    if (!input.length || typeof input.autoComplete !== "function") return; // old editor: plain text field
    var note = $("<div>", { class: "form-tips hf-picker-note", style: "display:none;margin-top:4px" });
    input.closest(".form-row").after(note);
    var timer = null;
    function show(text) {
      if (text) note.text(text).show();
      else note.hide();
    }
    input.attr("autocomplete", "off");
    input.autoComplete({
      minLength: 0,
      search: function (value, done) {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var provider = effectiveProvider(opts);
          $.ajax({
            url: "hf-inference/models",
            dataType: "json",
            timeout: 15000,
            data: query(opts, value, provider),
          })
            .done(function (body) {
              if (body && body.status === "unavailable") {
                show(t("offline", "Model search is unavailable (__reason__): type the model id.", { reason: body.error || t("unreachable", "the runtime or the Hub cannot be reached") }));
                return done([]);
              }
              var models = (body && body.models) || [];
              show(models.length ? "" : t("noMatch", "No model of this task matches (on __provider__): the field still takes any model id.", { provider: provider === "none" ? "the Hub" : provider }));
              done(models.map(function (m) { return { value: m.id, label: label(m, value) }; }));
            })
            .fail(function (xhr) {
              var reason = xhr && xhr.responseJSON && xhr.responseJSON.error;
              show(t("offline", "Model search is unavailable (__reason__): type the model id.", { reason: reason || t("unreachable", "the runtime or the Hub cannot be reached") }));
              done([]);
            });
        }, 250);
      },
    });
  }

  window.HfModelPicker = { attach: attach };
})();
