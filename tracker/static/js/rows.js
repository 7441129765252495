/* Dynamic form rows, no dependencies.
 *
 * A <fieldset data-rows="NAME"> holds rows <div data-row> whose fields are named NAME-<i>-field
 * (WTForms FieldList). This script adds an "Add a row" button to each such fieldset and shows
 * each row's "Remove" button. A new row is a copy of the last row with its values cleared and
 * its index raised; the server renumbers rows, so gaps left by removed rows do not matter.
 * Without JavaScript the page still works: it always ends with a few blank rows.
 * A new row announces itself with a bubbling "rows:added" event (the picker listens for it).
 */
(function () {
  "use strict";

  function nextIndex(fieldset, prefix) {
    var max = -1;
    var pattern = new RegExp("^" + prefix + "-(\\d+)-");
    fieldset.querySelectorAll("[name]").forEach(function (el) {
      var m = pattern.exec(el.getAttribute("name"));
      if (m) { max = Math.max(max, parseInt(m[1], 10)); }
    });
    return max + 1;
  }

  function renumber(row, prefix, index) {
    var pattern = new RegExp("^" + prefix + "-\\d+-");
    var replacement = prefix + "-" + index + "-";
    ["name", "id", "for", "data-picker-target", "aria-describedby"].forEach(function (attr) {
      row.querySelectorAll("[" + attr + "]").forEach(function (el) {
        el.setAttribute(attr, el.getAttribute(attr).replace(pattern, replacement));
      });
    });
  }

  function clear(row) {
    row.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.tagName === "SELECT") { el.selectedIndex = 0; }
      else if (el.type === "checkbox" || el.type === "radio") { el.checked = false; }
      else { el.value = ""; }
      el.removeAttribute("aria-describedby");
      el.removeAttribute("aria-invalid");
    });
    row.querySelectorAll("[readonly]").forEach(function (el) { el.removeAttribute("readonly"); });
    // Parts that only make sense for the row copied from (a link to an existing session).
    row.querySelectorAll("[data-row-only]").forEach(function (el) { el.remove(); });
    if (!row.querySelector("[data-remove-row]")) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "secondary";
      remove.setAttribute("data-remove-row", "");
      remove.textContent = "Remove";
      row.appendChild(remove);
    }
    row.querySelectorAll(".errors").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
  }

  function wireRemove(fieldset, row) {
    var button = row.querySelector("[data-remove-row]");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var rows = fieldset.querySelectorAll("[data-row]");
      if (rows.length > 1) {
        row.remove();
      } else {
        clear(row);  // keep one row to copy from
      }
      var add = fieldset.querySelector("[data-add-row]");
      if (add) { add.focus(); }
    });
  }

  function setUp(fieldset) {
    var prefix = fieldset.getAttribute("data-rows");
    fieldset.querySelectorAll("[data-row]").forEach(function (row) { wireRemove(fieldset, row); });
    var add = document.createElement("button");
    add.type = "button";
    add.className = "secondary";
    add.setAttribute("data-add-row", "");
    var legend = fieldset.querySelector("legend");
    add.textContent = "Add a row" + (legend ? " (" + legend.textContent.trim().toLowerCase() + ")" : "");
    add.addEventListener("click", function () {
      var rows = fieldset.querySelectorAll("[data-row]");
      var last = rows[rows.length - 1];
      if (!last) { return; }
      var copy = last.cloneNode(true);
      clear(copy);
      renumber(copy, prefix, nextIndex(fieldset, prefix));
      last.after(copy);
      wireRemove(fieldset, copy);
      copy.dispatchEvent(new CustomEvent("rows:added", { bubbles: true, detail: { row: copy } }));
      var first = copy.querySelector("input:not([type=hidden]), select");
      if (first) { first.focus(); }
    });
    fieldset.appendChild(add);
  }

  function init() {
    document.querySelectorAll("fieldset[data-rows]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
