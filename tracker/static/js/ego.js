/* Ego views (templates/network/_ego.html): an actor, its partners and the links among them.
   Works for any number of .ego sections on a page; text only through textContent. */
(function () {
  "use strict";
  var COLOURS = { community: "#6a3d9a", sub_community: "#1f78b4",
                  partner_network: "#33a02c", organisation: "#8c6d1f" };

  function item(text) { var li = document.createElement("li"); li.textContent = text; return li; }

  function draw(section, data) {
    var status = section.querySelector(".ego-status");
    var partners = section.querySelector(".ego-partners");
    var suggestions = section.querySelector(".ego-suggestions");
    partners.textContent = "";
    suggestions.textContent = "";
    data.partners.forEach(function (p) {
      partners.appendChild(item((p.name || p.id) + " — " + p.weight + " joint collaboration" + (p.weight === 1 ? "" : "s") +
        ", tie strength " + (Math.round(p.strength * 100) / 100)));
    });
    data.suggestions.forEach(function (s) {
      suggestions.appendChild(item((s.name || s.id) + " — " + s.reason));
    });
    if (!data.partners.length) { partners.appendChild(item("No partners yet.")); }
    if (!data.suggestions.length) { suggestions.appendChild(item("No suggestions yet.")); }
    status.textContent = data.partners.length + " partner" + (data.partners.length === 1 ? "" : "s") +
      ", " + data.links.length + " links among them.";
    if (typeof cytoscape !== "function") { return; }
    var me = data.actor.id;
    var elements = [{ data: { id: me, label: data.actor.name || me, colour: COLOURS[data.actor.type] || "#555", size: 40 } }];
    data.partners.forEach(function (p) {
      elements.push({ data: { id: p.id, label: p.name || p.id, colour: COLOURS[p.type] || "#555", size: 18 + 4 * Math.min(p.weight, 8) } });
    });
    data.links.forEach(function (l, i) {
      elements.push({ data: { id: "l" + i, source: l.a, target: l.b, w: l.weight, mine: l.a === me || l.b === me ? 1 : 0 } });
    });
    var cy = cytoscape({
      container: section.querySelector(".ego-graph"), elements: elements,
      layout: { name: "concentric", concentric: function (node) { return node.id() === me ? 2 : 1; },
                levelWidth: function () { return 1; }, animate: false, padding: 20 },
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: "data(label)", "font-size": 11, "text-outline-color": "#fff", "text-outline-width": 2,
          "text-valign": "bottom" } },
        { selector: "edge", style: { width: "mapData(w, 1, 10, 1, 7)", "line-color": "#b7bec6", opacity: 0.8 } },
        { selector: "edge[mine = 1]", style: { "line-color": "#0b5cad" } }
      ]
    });
    section.egoView = cy;
  }

  document.querySelectorAll(".ego[data-ego-url]").forEach(function (section) {
    if (section.dataset.started) { return; }
    section.dataset.started = "true";
    fetch(section.dataset.egoUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error); } return b; }); })
      .then(function (data) { draw(section, data); section.dataset.ready = "true"; })
      .catch(function (e) { section.querySelector(".ego-status").textContent = "Partners could not be loaded: " + e.message; });
  });
})();
