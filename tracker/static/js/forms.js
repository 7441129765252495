/*
 * forms.js: the GOV.UK error summary pattern. When a page shows "There is a problem", focus
 * moves to it (screen readers announce it), and each link moves focus to its field rather than
 * only scrolling to it. Without JavaScript the links still jump to the fields.
 */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView();
    field.focus({preventScroll: true});
  });
}());
