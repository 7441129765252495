// Pages served a previous result while the server recomputes the current one carry #updating
// (templates/_updating.html): ask the server every few seconds and reload once the new result
// is ready. The reader keeps their place: the address (and its query) stays, and what they typed
// into the page's forms, the field they were in and where they had scrolled are put back after
// the reload. While they are in a form field the reload waits for them to leave it.
(function () {
  "use strict";
  var KEY = "tracker-updating:" + window.location.pathname + window.location.search;
  var FIELDS = "form input, form select, form textarea";

  function fields() {
    return Array.prototype.filter.call(document.querySelectorAll(FIELDS), function (el) {
      return ["hidden", "password", "file", "submit", "button"].indexOf(el.type) < 0;
    });
  }

  function changed(el) {
    if (el.type === "checkbox" || el.type === "radio") { return el.checked !== el.defaultChecked; }
    if (el.tagName === "SELECT") {
      return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
    }
    return el.value !== el.defaultValue;
  }

  function save() {
    var kept = [];
    fields().forEach(function (el, at) {
      if (changed(el)) {
        kept.push({ at: at, name: el.name, value: el.value, checked: el.checked });
      }
    });
    var focused = fields().indexOf(document.activeElement);
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({
        fields: kept, focus: focused, x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* private mode or full storage: reload without keeping the place */ }
  }

  function restore() {
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
      window.sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!saved) { return; }
    var now = fields();
    (saved.fields || []).forEach(function (f) {
      var el = now[f.at];
      if (!el || el.name !== f.name) { return; }  // the page changed shape: leave it
      if (el.type === "checkbox" || el.type === "radio") { el.checked = f.checked; } else { el.value = f.value; }
    });
    if (saved.focus >= 0 && now[saved.focus]) { now[saved.focus].focus({ preventScroll: true }); }
    window.scrollTo(saved.x || 0, saved.y || 0);
  }

  function reloadWhenFree() {
    if (fields().indexOf(document.activeElement) >= 0 && document.hasFocus()) {
      window.setTimeout(reloadWhenFree, 1000);  // the reader is typing: wait until they leave
      return;
    }
    save();
    window.location.reload();
  }

  restore();
  var notice = document.getElementById("updating");
  if (!notice || !notice.dataset.statusUrl) { return; }
  document.documentElement.dataset.updating = "true";
  var poll = function () {
    fetch(notice.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.updating) { window.setTimeout(poll, 3000); } else { reloadWhenFree(); }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  };
  window.setTimeout(poll, 2000);
})();
