/*
 * picker.js: turns a plain text input into a searchable picker. No dependencies, no build.
 * Every form still works without JavaScript; the script only adds suggestions.
 *
 * MARKUP CONTRACT
 *
 * 1. Id box (the input's own value is the id that the form submits):
 *
 *      <input type="text" name="organisation" id="organisation" data-picker="organisation"
 *             data-picker-label="Welsh Government">   (optional: the current value's name)
 *
 *    Suggestions are offered as "id" with the name as label; the chosen name is shown in a
 *    <small class="picker-name" aria-live="polite"> placed right after the input.
 *
 * 2. Name box paired with a hidden id (the person sees and types names):
 *
 *      <input type="hidden" name="rows-0-actor" id="rows-0-actor" data-picker-id>
 *      <input type="text" name="rows-0-actor_name" data-picker="actor"
 *             data-picker-target="rows-0-actor">
 *
 *    Choosing a suggestion puts its name in the text box and its id in the element whose id is
 *    data-picker-target. Typing anything else clears that hidden id, so the server sees a new
 *    name (which it may look up or create inline).
 *
 * Both modes:
 * - data-picker is one of: actor, organisation, person, event, network, community,
 *   sub_community, group (a network, community or sub-community).
 * - As the user types (150 ms pause), GET /api/v1/search?q=<text>&kind=<kind> (at most 20
 *   results, [{id, name, kind}]) fills a <datalist id="<input id>-options">. Names are set as
 *   text, never as HTML.
 * - On a choice the text input fires a bubbling CustomEvent "picker:chosen" with
 *   detail = {id, name, kind}.
 * - Inputs added later are wired by `Picker.attach(input)` or `Picker.scan(container)`, and
 *   automatically on a bubbling "rows:added" event (static/js/rows.js) whose target contains
 *   them. A row cloned from a wired row is re-wired cleanly (copied lists are replaced).
 *   An input without an id gets one.
 */
(function () {
  "use strict";
  var DELAY_MS = 150;
  var counter = 0;
  var wired = new WeakSet();  // clones of wired inputs are not in it, so they get wired afresh

  function removeCopiedParts(input) {
    // A row copied from a wired row carries the old list and name note right after the input.
    var next = input.nextElementSibling;
    while (next && (next.hasAttribute("data-picker-list") || next.classList.contains("picker-name"))) {
      var gone = next;
      next = next.nextElementSibling;
      gone.remove();
    }
  }

  function attach(input) {
    if (!input || wired.has(input)) { return; }
    wired.add(input);
    if (!input.id) { counter += 1; input.id = "picker-" + counter; }
    removeCopiedParts(input);
    var kind = input.dataset.picker || "actor";
    var paired = input.dataset.pickerTarget ? true : false;
    var list = document.createElement("datalist");
    list.id = input.id + "-options";
    list.setAttribute("data-picker-list", "");
    var shown = document.createElement("small");
    shown.className = "picker-name";
    shown.setAttribute("aria-live", "polite");
    shown.textContent = paired ? "" : (input.dataset.pickerLabel || "");
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.insertAdjacentElement("afterend", shown);
    input.insertAdjacentElement("afterend", list);
    var known = {};  // option value -> result
    var timer = null;
    var latest = 0;

    function target() {
      return paired ? document.getElementById(input.dataset.pickerTarget) : null;
    }

    function optionValue(r, taken) {
      if (!paired) { return r.id; }
      // Two results with one name stay distinguishable by their id.
      return taken[r.name] ? r.name + " (" + r.id + ")" : r.name;
    }

    function render(results) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      known = {};
      var names = {};
      results.forEach(function (r) { names[r.name] = (names[r.name] || 0) + 1; });
      var dup = {};
      Object.keys(names).forEach(function (n) { dup[n] = names[n] > 1; });
      results.forEach(function (r) {
        var value = optionValue(r, dup);
        known[value] = r;
        var option = document.createElement("option");
        option.value = value;
        option.label = (paired ? r.id : r.name) + " (" + r.kind.replace("_", " ") + ")";
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
        .catch(function () { /* offline or logged out: the field still takes typed text */ });
    }

    input.addEventListener("input", function () {
      var chosen = known[input.value];
      var hidden = target();
      if (chosen) {
        if (hidden) {
          hidden.value = chosen.id;
          input.value = chosen.name;
          shown.textContent = chosen.id;
        } else {
          shown.textContent = chosen.name;
        }
        input.dispatchEvent(new CustomEvent("picker:chosen", { bubbles: true, detail: chosen }));
        return;
      }
      if (hidden) { hidden.value = ""; }  // a typed name that was not picked: a new one
      shown.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
  }

  function scan(root) {
    var scope = root || document;
    if (scope.matches && scope.matches("input[data-picker]")) { attach(scope); }
    scope.querySelectorAll("input[data-picker]").forEach(attach);
  }

  window.Picker = { attach: attach, scan: scan };
  document.addEventListener("rows:added", function (event) { scan(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document); });
  } else {
    scan(document);
  }
})();
