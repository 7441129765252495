/*
 * picker.js: turns a plain text input into a searchable picker. No dependencies, no build.
 *
 * Markup contract (the input works without JavaScript too: the user types an id):
 *
 *   <input type="text" name="organisation" id="organisation" value="welsh-government"
 *          data-picker="organisation"                (required: what to search, see below)
 *          data-picker-label="Welsh Government">     (optional: the current value's name)
 *   <script src="/static/js/picker.js" defer></script>
 *
 * - data-picker is one of: actor, organisation, person, event, network, community,
 *   sub_community, group (network, community or sub-community).
 * - The input's value is the chosen node's **id**: that is what the form submits.
 * - As the user types, GET /api/v1/search?q=<text>&kind=<kind> (at most 20 results,
 *   [{id, name, kind}]) fills a <datalist id="<input id>-options"> whose options have the id
 *   as value and the name as label; the chosen name is shown in a <small class="picker-name">
 *   placed right after the input (aria-live, so screen readers hear it).
 * - On a choice the input fires a bubbling `picker:chosen` CustomEvent with
 *   detail = {id, name, kind}.
 * - Inputs added later (dynamic form rows) are wired with `Picker.attach(input)` or
 *   `Picker.scan(container)`; attaching twice is harmless. The input needs an id (one is made
 *   if missing).
 * - Text typed that matches no result stays as typed (a new id the form may create inline).
 */
(function () {
  "use strict";
  var DELAY_MS = 150;
  var counter = 0;

  function attach(input) {
    if (!input || input.dataset.pickerReady === "1") { return; }
    input.dataset.pickerReady = "1";
    if (!input.id) { counter += 1; input.id = "picker-" + counter; }
    var kind = input.dataset.picker || "actor";
    var list = document.createElement("datalist");
    list.id = input.id + "-options";
    var shown = document.createElement("small");
    shown.className = "picker-name";
    shown.setAttribute("aria-live", "polite");
    shown.textContent = input.dataset.pickerLabel || "";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.insertAdjacentElement("afterend", shown);
    input.insertAdjacentElement("afterend", list);
    var known = {};
    var timer = null;
    var latest = 0;

    function render(results) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      results.forEach(function (r) {
        known[r.id] = r;
        var option = document.createElement("option");
        option.value = r.id;           // textContent/value: names are shown literally, never as HTML
        option.label = r.name + " (" + r.kind.replace("_", " ") + ")";
        option.textContent = option.label;
        list.appendChild(option);
      });
    }

    function search() {
      var text = input.value.trim();
      if (!text) { render([]); return; }
      var ticket = ++latest;
      var url = "/api/v1/search?kind=" + encodeURIComponent(kind) + "&q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (results) { if (ticket === latest) { render(results); } })
        .catch(function () { /* offline or logged out: the field still takes a typed id */ });
    }

    input.addEventListener("input", function () {
      var chosen = known[input.value];
      if (chosen) {
        shown.textContent = chosen.name;
        input.dispatchEvent(new CustomEvent("picker:chosen", { bubbles: true, detail: chosen }));
        return;
      }
      shown.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
  }

  function scan(root) {
    (root || document).querySelectorAll("input[data-picker]").forEach(attach);
  }

  window.Picker = { attach: attach, scan: scan };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document); });
  } else {
    scan(document);
  }
})();
