/*
 * use_existing.js: on a create form, choosing a register match opens that organisation instead
 * of creating a duplicate. Markup: <input data-register-match data-use-existing="/organisations/">
 * (register_match.js lists the matches and fires "register-match" with the entry as detail).
 */
(function () {
  "use strict";
  document.addEventListener("register-match", function (event) {
    var input = event.target;
    var prefix = input && input.dataset ? input.dataset.useExisting : null;
    if (prefix && event.detail && event.detail.id) {
      window.location.assign(prefix + encodeURIComponent(event.detail.id));
    }
  });
})();
