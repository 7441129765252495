/*
 * slug.js: on a create form, offers an id made from the name as the user types.
 * Markup: <input name="name" data-slug-source> and <input name="id" data-slug-target>.
 * The offer stops once the user edits the id themselves; without JavaScript the server
 * offers the same slug when the id is left blank (tracker.repositories.entities.offer_id, on tracker.text.slugify).
 */
(function () {
  "use strict";
  function slugify(text) {
    return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }
  document.querySelectorAll("form").forEach(function (form) {
    var source = form.querySelector("[data-slug-source]");
    var target = form.querySelector("[data-slug-target]");
    if (!source || !target) { return; }
    var offered = target.value === "" || target.value === slugify(source.value);
    target.addEventListener("input", function () { offered = false; });
    source.addEventListener("input", function () {
      if (offered) { target.value = slugify(source.value); }
    });
  });
})();
