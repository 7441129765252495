/* The network page: draws /api/v1/network with Cytoscape.js (served from /static/vendor).
   Every user-provided text goes through textContent, never innerHTML. */
(function () {
  "use strict";

  var app = document.getElementById("network-app");
  if (!app || typeof cytoscape !== "function") { return; }

  // Labels, page URLs and metric names come with the payload (tracker/model.py): set in start().
  var TYPE_LABELS = {}, PAGES = {}, METRIC_LABELS = {};
  var TYPE_COLOURS = { community: "#6a3d9a", sub_community: "#1f78b4",
                       partner_network: "#33a02c", organisation: "#8c6d1f" };
  // Each kind of actor has a shape as well as a colour, so colour is never the only signal.
  var TYPE_SHAPES = { community: "diamond", sub_community: "triangle",
                      partner_network: "round-rectangle", organisation: "ellipse" };
  var TYPE_SYMBOLS = { community: "◆", sub_community: "▲", partner_network: "■", organisation: "●" };
  // Twelve distinguishable colours for the largest communities; the rest share grey.
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                 "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39"];
  var METRIC_KEYS = ["degree", "weighted_degree", "strength", "betweenness", "pagerank", "community", "broker"];
  // The panel's figures that follow the slider (from the links as of the chosen collaboration);
  // the others describe the actor's position in the network at its latest collaboration.
  var STEP_KEYS = ["degree", "weighted_degree", "strength"];
  var WHOLE_KEYS = ["betweenness", "pagerank", "community", "broker"];
  var LABEL_FONT = 13;  // screen pixels for the central actors' labels, whatever the zoom
  var NEAR_FONT = 11;  // screen pixels for the labels shown once zoomed in: below the central ones
  var LABEL_WIDTH = 130;  // long names wrap at this many screen pixels
  var TABLE_ROWS = 100;
  var ZOOM_LABELS = 1.1;  // from this zoom on, the actors in view are labelled too
  var NEAR_LABELS = 400;  // at most this many zoom labels (a dense corner stays cheap to draw)

  var $ = function (id) { return document.getElementById(id); };
  var status = $("net-status");
  var state = { k: 0, selected: null, sortKey: "betweenness", sortDesc: true };
  var data, nodes, n, E, T, edgeFirst, edgeWeightNow, edgeStrengthNow, strengthScale, adjacency,
      cy, nodeEls, shown, central, near;
  // What is drawn for each link (so a slider step touches only the links that change):
  // its element (null until first drawn), whether it is in the graph, its class, weight, width.
  var edgeEls, edgeIn, edgeKind, edgeW, edgeS, drawnEdges;
  var KINDS = ["old", "new", "stronger"];

  function say(text) { status.textContent = text; }

  function fmt(value) {
    if (value === null || value === undefined) { return "–"; }
    if (typeof value === "number" && !Number.isInteger(value)) { return value.toPrecision(3); }
    return String(value);
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function code(column, i) {
    var c = nodes[column][i];
    return c === null ? null : data.codes[column][c];
  }

  function fillSelect(select, values, labels) {
    values.forEach(function (v) {
      var option = el("option", labels ? (labels[v] || v) : v);
      option.value = v;
      select.appendChild(option);
    });
  }

  // ---- derived arrays ------------------------------------------------------------------
  function prepare() {
    nodes = data.nodes;
    n = nodes.id.length;
    E = data.edges.source.length;
    T = data.timeline.id.length;
    // Edges are sorted by creating collaboration; the timeline says how many each created.
    edgeFirst = new Int32Array(E);
    var at = 0;
    data.timeline.new.forEach(function (count, k) {
      for (var j = 0; j < count; j++) { edgeFirst[at++] = k; }
    });
    edgeWeightNow = new Int32Array(E);
    edgeStrengthNow = new Float64Array(E);
    // Edge width and opacity follow tie strength; the 95th percentile draws at full width so
    // that one very strong tie does not make every other one look faint.
    var sorted = Array.prototype.slice.call(data.edges.strength).sort(function (a, b) { return a - b; });
    strengthScale = sorted.length ? Math.max(sorted[Math.floor(0.95 * (sorted.length - 1))], 0.01) : 1;
    central = new Set(data.central);
    adjacency = [];
    for (var i = 0; i < n; i++) { adjacency.push([]); }
    for (var e = 0; e < E; e++) {
      adjacency[data.edges.source[e]].push(e);
      adjacency[data.edges.target[e]].push(e);
    }
  }

  // Weight and strength of every link as of collaboration k (0 if it did not exist yet): the
  // weight counts strengthenings up to k, the strength is the final one minus later gains.
  function weightsAt(k) {
    for (var e = 0; e < E; e++) {
      edgeWeightNow[e] = edgeFirst[e] <= k ? 1 : 0;
      edgeStrengthNow[e] = edgeFirst[e] <= k ? data.edges.strength[e] : 0;
    }
    for (var j = 0; j < T; j++) {
      var list = data.timeline.strengthened[j], gain = data.timeline.gain[j];
      for (var i = 0; i < list.length; i++) {
        if (j <= k) { edgeWeightNow[list[i]] += 1; } else { edgeStrengthNow[list[i]] -= gain[i]; }
      }
    }
  }

  // ---- styles ----------------------------------------------------------------------------
  function colourOf(i) {
    if ($("net-colour").value === "community") {
      var c = nodes.community[i];
      return c < PALETTE.length ? PALETTE[c] : "#9aa0a6";
    }
    return TYPE_COLOURS[code("type", i)] || "#57606a";
  }

  function sizes() {
    var key = $("net-size").value;
    var values = nodes[key];
    var max = 0;
    values.forEach(function (v) { if (v > max) { max = v; } });
    return values.map(function (v) { return 12 + 48 * Math.sqrt(max > 0 ? v / max : 0); });
  }

  function restyleNodes() {
    var size = sizes();
    cy.batch(function () {
      for (var i = 0; i < n; i++) { nodeEls[i].data({ size: size[i], colour: colourOf(i) }); }
    });
    legends();
  }

  function legends() {
    colourLegend();
    $("net-size-legend").textContent = "Size: " + $("net-size").selectedOptions[0].textContent.toLowerCase() +
      ", at the latest collaboration (" + T + " of " + T + ").";
  }

  // The central actors' labels keep the same size on screen at every zoom.
  function scaleLabels() {
    var px = LABEL_FONT / cy.zoom();
    cy.batch(function () { cy.nodes(".labelled, .hover, .selected").data({ fs: px, tw: LABEL_WIDTH / cy.zoom() }); });
    labelNear();
    placeLabels();
  }

  // The central actors' labels go below their actor, or above, right or left where that
  // covers fewer labels already placed (most central first), then fewer actors: on-screen
  // boxes, since labels keep their size on screen while the map zooms. Only these few labels
  // are placed; small maps avoid every actor, large ones the labelled actors only.
  var SIDES = ["bottom", "top", "right", "left"];
  var labelWidths = {};
  function labelBox(i, side) {
    if (labelWidths[i] === undefined) {
      var ctx = labelBox.ctx || (labelBox.ctx = document.createElement("canvas").getContext("2d"));
      ctx.font = "bold " + LABEL_FONT + "px sans-serif";
      labelWidths[i] = ctx.measureText(nodes.name[i]).width;
    }
    var w = Math.min(labelWidths[i], LABEL_WIDTH), h = Math.ceil(labelWidths[i] / LABEL_WIDTH) * (LABEL_FONT + 3);
    var p = nodeEls[i].renderedPosition(), r = nodeEls[i].renderedWidth() / 2 + 3;
    if (side === "right") { return { x1: p.x + r, x2: p.x + r + w, y1: p.y - h / 2, y2: p.y + h / 2 }; }
    if (side === "left") { return { x1: p.x - r - w, x2: p.x - r, y1: p.y - h / 2, y2: p.y + h / 2 }; }
    var y1 = side === "top" ? p.y - r - h : p.y + r;
    return { x1: p.x - w / 2, x2: p.x + w / 2, y1: y1, y2: y1 + h };
  }

  function bodyBox(i) {
    var p = nodeEls[i].renderedPosition(), r = nodeEls[i].renderedWidth() / 2;
    return { x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r };
  }

  function covered(box, boxes) {
    return boxes.filter(function (a) { return a.x1 < box.x2 && box.x1 < a.x2 && a.y1 < box.y2 && box.y1 < a.y2; }).length;
  }

  function placeLabels() {
    var labels = [], bodies = [];
    var order = data.central.filter(function (i) { return shown[i]; })
      .sort(function (a, b) { return nodes.betweenness[b] - nodes.betweenness[a] || a - b; });
    for (var i = 0; i < n; i++) {
      if (shown[i] && (n <= 300 || central.has(i))) { bodies.push(bodyBox(i)); }
    }
    cy.batch(function () {
      order.forEach(function (i) {
        var best = null, bestCost = Infinity;
        SIDES.forEach(function (side) {
          var box = labelBox(i, side), cost = 1000 * covered(box, labels) + covered(box, bodies);
          if (cost < bestCost) { best = side; bestCost = cost; }
        });
        labels.push(labelBox(i, best));
        nodeEls[i].removeClass("label-top label-right label-left");
        if (best !== "bottom") { nodeEls[i].addClass("label-" + best); }
      });
    });
  }

  // Zoomed in, the actors in view carry their names too. Only nodes with a label cost text
  // measurement, so labels are given to the few in view rather than styled onto all 5,000.
  function labelNear() {
    var want = new Set();
    if (cy.zoom() >= ZOOM_LABELS) {
      var box = cy.extent();
      for (var i = 0; i < n && want.size < NEAR_LABELS; i++) {
        var x = nodes.x[i], y = nodes.y[i];
        if (shown[i] && x >= box.x1 && x <= box.x2 && y >= box.y1 && y <= box.y2) { want.add(i); }
      }
    }
    cy.batch(function () {
      near.forEach(function (i) { if (!want.has(i)) { nodeEls[i].removeClass("near"); } });
      var nfs = NEAR_FONT / cy.zoom();
      want.forEach(function (i) {
        if (nodeEls[i].data("nfs") !== nfs) { nodeEls[i].data({ nfs: nfs, ntw: LABEL_WIDTH / cy.zoom() }); }
        if (!near.has(i)) { nodeEls[i].addClass("near"); }
      });
    });
    near = want;
  }

  function colourLegend() {
    var box = $("net-colour-legend");
    box.textContent = "";
    var byCommunity = $("net-colour").value === "community";
    if (byCommunity) {
      box.appendChild(el("span", "Colour: community (the 12 largest; grey: smaller ones). ", "legend-item"));
    }
    Object.keys(TYPE_COLOURS).forEach(function (t) {
      var item = el("span", null, "legend-item");
      var shape = el("span", TYPE_SYMBOLS[t], "legend-shape");
      shape.setAttribute("aria-hidden", "true");
      if (!byCommunity) { shape.style.color = TYPE_COLOURS[t]; }
      item.appendChild(shape);
      item.appendChild(document.createTextNode(" " + TYPE_LABELS[t]));
      box.appendChild(item);
    });
  }

  // ---- what is visible -------------------------------------------------------------------
  function nodeVisible(i, type, nation, category) {
    if (nodes.since[i] > state.k) { return false; }
    if (type && code("type", i) !== type) { return false; }
    if (nation && code("nation", i) !== nation) { return false; }
    if (category && code("category", i) !== category) { return false; }
    return true;
  }

  function update() {
    var k = state.k;
    weightsAt(k);
    var collab = { id: data.timeline.id[k], name: data.timeline.name[k], date: data.timeline.date[k],
                   new: data.timeline.new[k], actors: data.timeline.actors[k],
                   strengthened: data.timeline.strengthened[k] };
    var strengthened = new Uint8Array(E);
    collab.strengthened.forEach(function (e) { strengthened[e] = 1; });
    var minWeight = Math.max(1, parseInt($("net-min-weight").value, 10) || 1);
    var type = $("net-type").value, nation = $("net-nation").value, category = $("net-category").value;
    var visible = new Uint8Array(n);
    for (var i = 0; i < n; i++) { visible[i] = nodeVisible(i, type, nation, category) ? 1 : 0; }
    var existing = 0, hiddenWeak = 0, drawn = 0;
    var scale = strengthScale;
    var add = [], addIds = [], remove = [], changed = false, hide = [], show = [];
    var wanted = new Uint8Array(E);  // 0: not drawn, else 1 + the index of its class in KINDS
    for (var e = 0; e < E; e++) {
      if (edgeFirst[e] > k) { continue; }
      if (!visible[data.edges.source[e]] || !visible[data.edges.target[e]]) { continue; }
      existing += 1;
      var kind = edgeFirst[e] === k ? 1 : (strengthened[e] ? 2 : 0);
      // The current collaboration's links always show, whatever the minimum weight.
      if (kind === 0 && edgeWeightNow[e] < minWeight) { hiddenWeak += 1; continue; }
      wanted[e] = kind + 1;
      drawn += 1;
    }
    cy.batch(function () {
      // Touch only what changed: restyling 5,000 nodes or every link on each step is what costs.
      for (var v = 0; v < n; v++) {
        if (visible[v] !== shown[v]) { (visible[v] ? show : hide).push(nodeEls[v]); shown[v] = visible[v]; }
      }
      // One style bypass per change, not a class: a class change re-matches every style rule
      // of the actor, which is most of a slider step when thousands join or leave the picture.
      if (hide.length) { cy.collection(hide).style("display", "none"); }
      // Shown again by another bypass rather than by removing it: removing one recomputes the
      // cascaded value of the property for each actor, several times the cost.
      if (show.length) { cy.collection(show).style("display", "element"); }
      changed = hide.length + show.length > 0;
      var keep = [];
      for (var d = 0; d < drawnEdges.length; d++) {
        var x = drawnEdges[d];
        if (wanted[x]) { keep.push(x); } else { remove.push(edgeEls[x]); edgeIn[x] = 0; }
      }
      for (var f = 0; f < E; f++) {
        if (!wanted[f]) { continue; }
        var kindName = KINDS[wanted[f] - 1];
        // Width and opacity in steps of 1/50: invisible differences do not cost a restyle.
        var s = Math.round(50 * Math.min(1, edgeStrengthNow[f] / scale)) / 50;
        if (edgeIn[f]) {
          var el = edgeEls[f];
          if (edgeW[f] !== edgeWeightNow[f] || edgeS[f] !== s) { el.data({ w: edgeWeightNow[f], s: s }); }
          if (edgeKind[f] !== wanted[f]) { el.classes(kindName); }
        } else if (edgeEls[f]) {
          edgeEls[f].data({ w: edgeWeightNow[f], s: s }).classes(kindName);
          add.push(edgeEls[f]);
          keep.push(f);
        } else {
          add.push({ group: "edges", classes: kindName,
                     data: { id: "e" + f, source: "n" + data.edges.source[f],
                             target: "n" + data.edges.target[f], w: edgeWeightNow[f], s: s } });
          addIds.push(f);
          keep.push(f);
        }
        edgeIn[f] = 1; edgeKind[f] = wanted[f]; edgeW[f] = edgeWeightNow[f]; edgeS[f] = s;
      }
      if (remove.length) { cy.collection(remove).remove(); }
      var restore = add.filter(function (a) { return typeof a.restore === "function"; });
      if (restore.length) { cy.collection(restore).restore(); }
      var fresh = add.filter(function (a) { return typeof a.restore !== "function"; });
      if (fresh.length) {
        var made = cy.add(fresh);
        for (var m = 0; m < addIds.length; m++) { edgeEls[addIds[m]] = made[m]; }
      }
      drawnEdges = keep;
    });
    if (changed && near.size) { labelNear(); }
    if (changed) { placeLabels(); }
    var shownNodes = 0;
    for (var j = 0; j < n; j++) { shownNodes += visible[j]; }
    $("net-hidden").textContent = hiddenWeak
      ? "Showing " + drawn + " of " + existing + " links: " + hiddenWeak +
        " links with weight below " + minWeight + " are hidden (lower the minimum link weight to see them). " +
        shownNodes + " actors shown."
      : "Showing all " + drawn + " links and " + shownNodes + " actors.";
    $("net-collab").textContent = "Collaboration " + (k + 1) + " of " + T + ": " +
      (collab.name || collab.id) + " (" + (collab.date || "no date") + ") — " + collab.new +
      " new link" + (collab.new === 1 ? "" : "s") + ", " + collab.strengthened.length +
      " strengthened, " + collab.actors + " contributor" + (collab.actors === 1 ? "" : "s") + ".";
    updateCards(k);
    if (state.selected !== null) { showPanel(state.selected); }
  }

  // ---- side panel ------------------------------------------------------------------------
  function showPanel(i) {
    state.selected = i;
    var type = code("type", i);
    $("net-panel").hidden = false;
    $("net-panel-name").textContent = nodes.name[i];
    // A nation's own name is also its region in the register (Wales, Scotland): said once.
    var kind = [TYPE_LABELS[type] || type, code("category", i), code("nation", i), code("region", i)]
      .filter(function (part, at, all) { return part && all.indexOf(part) === at; });
    $("net-panel-kind").textContent = kind.join(" · ");
    var id = encodeURIComponent(nodes.id[i]);
    $("net-panel-link").href = (PAGES[type] || PAGES.organisation) + id;
    $("net-panel-ego").href = "/network/ego/" + id;
    var partners = adjacency[i].filter(function (e) { return edgeFirst[e] <= state.k; })
      .map(function (e) {
        var other = data.edges.source[e] === i ? data.edges.target[e] : data.edges.source[e];
        return { other: other, w: edgeWeightNow[e], s: edgeStrengthNow[e] };
      });
    var now = { degree: partners.length, weighted_degree: 0, strength: 0 };
    partners.forEach(function (p) { now.weighted_degree += p.w; now.strength += p.s; });
    metricList($("net-panel-now"), STEP_KEYS, function (key) { return now[key]; });
    $("net-panel-whole").textContent = "In the whole network at collaboration " + T + " of " + T;
    metricList($("net-panel-metrics"), WHOLE_KEYS, function (key) { return nodes[key][i]; });
    partners.sort(function (a, b) { return b.s - a.s || nodes.name[a.other].localeCompare(nodes.name[b.other]); });
    $("net-panel-partner-count").textContent = nodes.since[i] > state.k
      ? "(not in the network yet: joins at collaboration " + (nodes.since[i] + 1) + " of " + T + ", " +
        (data.timeline.name[nodes.since[i]] || data.timeline.id[nodes.since[i]]) + ")"
      : "(" + partners.length + " as of this collaboration)";
    var list = $("net-panel-partners");
    list.textContent = "";
    partners.slice(0, 25).forEach(function (p) {
      var li = el("li");
      var button = el("button", nodes.name[p.other], "link-dark");
      button.type = "button";
      button.addEventListener("click", function () { select(p.other); });
      li.appendChild(button);
      li.appendChild(document.createTextNode(" — " + p.w + " joint collaboration" + (p.w === 1 ? "" : "s") +
        ", tie strength " + fmt(p.s)));
      list.appendChild(li);
    });
    if (partners.length > 25) { list.appendChild(el("li", "… and " + (partners.length - 25) + " more", "muted")); }
    cy.nodes(".selected").removeClass("selected");
    cy.getElementById("n" + i).data({ fs: LABEL_FONT / cy.zoom(), tw: LABEL_WIDTH / cy.zoom() }).addClass("selected");
  }

  function metricList(dl, keys, valueOf) {
    dl.textContent = "";
    keys.forEach(function (key) {
      dl.appendChild(el("dt", METRIC_LABELS[key]));
      dl.appendChild(el("dd", fmt(valueOf(key))));
    });
  }

  function select(i) {
    var node = cy.getElementById("n" + i);
    showPanel(i);
    // Chosen from the list below the map: bring the map and the panel on screen.
    var box = $("net-graph").getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) { $("net-graph").scrollIntoView({ block: "start" }); }
    if (!shown[i]) {
      say(nodes.name[i] + " is hidden by the filters or joined later than the chosen collaboration.");
      return;
    }
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
  }

  // ---- table -----------------------------------------------------------------------------
  function renderTable() {
    var key = state.sortKey, desc = state.sortDesc;
    var order = [];
    for (var i = 0; i < n; i++) { order.push(i); }
    var value = function (i) {
      if (key === "name") { return nodes.name[i].toLowerCase(); }
      if (key === "type") { return TYPE_LABELS[code("type", i)] || ""; }
      return nodes[key][i];
    };
    order.sort(function (a, b) {
      var va = value(a), vb = value(b);
      var c = va < vb ? -1 : (va > vb ? 1 : 0);
      return (desc ? -c : c) || a - b;
    });
    var body = document.querySelector("#net-table tbody");
    body.textContent = "";
    order.slice(0, TABLE_ROWS).forEach(function (i) {
      var tr = el("tr");
      var name = el("td");
      var button = el("button", nodes.name[i], "link-dark");
      button.type = "button";
      button.addEventListener("click", function () { select(i); window.scrollTo({ top: 0 }); });
      name.appendChild(button);
      tr.appendChild(name);
      tr.appendChild(el("td", TYPE_LABELS[code("type", i)] || code("type", i)));
      METRIC_KEYS.forEach(function (k) {
        tr.appendChild(el("td", fmt(nodes[k][i]), "num"));
      });
      body.appendChild(tr);
    });
    $("net-table-note").textContent = n > TABLE_ROWS
      ? "The table shows the first " + TABLE_ROWS + " of " + n + " actors in this order; the CSV holds them all."
      : n + " actors.";
    document.querySelectorAll("#net-table th").forEach(function (th) {
      var b = th.querySelector("button");
      th.setAttribute("aria-sort", b.dataset.key === key ? (desc ? "descending" : "ascending") : "none");
    });
  }

  // ---- insights --------------------------------------------------------------------------
  function renderInsights() {
    var sug = $("net-suggestions");
    sug.textContent = "";
    data.suggestions.forEach(function (s) {
      var li = el("li");
      li.appendChild(el("strong", nodes.name[s.a] + " and " + nodes.name[s.b]));
      li.appendChild(document.createTextNode(" — " + s.reason + " (score " + s.score + ")"));
      sug.appendChild(li);
    });
    if (!data.suggestions.length) { sug.appendChild(el("li", "No pairs share partners yet.", "muted")); }
    var art = $("net-articulation");
    art.textContent = "";
    data.articulation.slice(0, 30).forEach(function (a) {
      art.appendChild(el("li", nodes.name[a.node] + (a.cut_off ? " — would cut off " + a.cut_off +
        " actor" + (a.cut_off === 1 ? "" : "s") : "")));
    });
    if (!data.articulation.length) { art.appendChild(el("li", "None: no single actor holds the network together.", "muted")); }
    if (data.articulation.length > 30) { art.appendChild(el("li", "… and " + (data.articulation.length - 30) + " more", "muted")); }
    $("net-insights").hidden = false;
  }

  var CARDS = [["actors", "Actors"], ["links", "Links"], ["density", "Density"],
               ["components", "Components"], ["largest_component_share", "Largest component"],
               ["modularity", "Modularity"]];

  function cardText(key, value) {
    return key === "largest_component_share" ? (value * 100).toFixed(1) + "%" : String(value);
  }

  function renderSummary() {
    var s = data.network, dl = $("net-summary");
    CARDS.forEach(function (pair) {
      var div = el("div", null, "card");
      div.appendChild(el("dt", pair[1]));
      var dd = el("dd", cardText(pair[0], s[pair[0]]), "big");
      dd.id = "net-card-" + pair[0];
      div.appendChild(dd);
      dl.appendChild(div);
    });
    dl.hidden = false;
  }

  // The headline cards describe the whole network after collaboration k (filters aside).
  function updateCards(k) {
    CARDS.forEach(function (pair) {
      $("net-card-" + pair[0]).textContent = cardText(pair[0], data.cards[pair[0]][k]);
    });
    $("net-cards-note").textContent = "The whole network after collaboration " + (k + 1) + " of " + T +
      " (" + (data.timeline.name[k] || data.timeline.id[k]) + "). " + (data.cards_own_communities
        ? "Modularity scores the communities the network had at that point: the same figure as the page shown as of that date."
        : "Modularity scores the communities of the latest collaboration at every step: finding them again " +
          "at each of " + T + " collaborations would take too long.");
  }

  // ---- set-up ----------------------------------------------------------------------------
  // cy.fit() measures every element's bounding box (labels and links included), seconds at
  // 5,000 actors; the actors' positions and sizes are known, so the viewport is computed here.
  function fitAll() {
    var size = sizes(), x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    for (var i = 0; i < n; i++) {
      var r = size[i] / 2;
      x1 = Math.min(x1, nodes.x[i] - r); x2 = Math.max(x2, nodes.x[i] + r);
      y1 = Math.min(y1, nodes.y[i] - r); y2 = Math.max(y2, nodes.y[i] + r + 20);  // + a label
    }
    var pad = 20, w = cy.width(), h = cy.height();
    var zoom = Math.min((w - 2 * pad) / Math.max(x2 - x1, 1), (h - 2 * pad) / Math.max(y2 - y1, 1));
    zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), zoom));
    cy.viewport({ zoom: zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } });
  }

  function build() {
    var large = n > 1000;
    var elements = [];
    var size = sizes();
    for (var i = 0; i < n; i++) {
      // Labels stay readable: the most central actors always, the others on hover or zoom.
      elements.push({ group: "nodes", classes: central.has(i) ? "labelled" : "",
                      data: { id: "n" + i, i: i, label: nodes.name[i], size: size[i], colour: colourOf(i),
                              shape: TYPE_SHAPES[code("type", i)] || "ellipse",
                              fs: LABEL_FONT, tw: LABEL_WIDTH, nfs: NEAR_FONT, ntw: LABEL_WIDTH },
                      position: { x: nodes.x[i], y: nodes.y[i] } });
    }
    cy = cytoscape({
      container: $("net-graph"),
      elements: elements,
      layout: { name: "preset" },
      minZoom: 0.02, maxZoom: 4,
      textureOnViewport: large, hideEdgesOnViewport: large, pixelRatio: 1,
      style: [
        // Every property set here is applied to all 5,000 actors when the map is built: label
        // properties belong to the labelled rule below, not to this one.
        { selector: "node", style: {
          "background-color": "data(colour)", shape: "data(shape)", width: "data(size)", height: "data(size)",
          "border-width": large ? 0 : 1, "border-color": "#fff", label: "" } },
        // Only labelled nodes cost text measurement: the actors in view once zoomed in (.near,
        // see labelNear), the central actors at every zoom, and the one pointed at or selected.
        { selector: "node.near, node.labelled, node.hover, node.selected", style: {
          label: "data(label)", "font-size": 10, "min-zoomed-font-size": 0, "text-wrap": "wrap",
          "text-max-width": LABEL_WIDTH, "text-outline-color": "#fff", "text-outline-width": 2,
          color: "#1b1f24", "text-valign": "bottom", "text-margin-y": 3 } },
        // Labels seen once zoomed in keep a constant, smaller size on screen than the central
        // actors' bold ones (set in scaleLabels), so zooming in does not invert the two.
        { selector: "node.near", style: { "font-size": "data(nfs)", "text-max-width": "data(ntw)" } },
        // A light box behind each central label keeps two neighbours' names apart where they meet.
        { selector: "node.labelled", style: { "font-size": "data(fs)", "text-max-width": "data(tw)",
                                              "min-zoomed-font-size": 0, "font-weight": "bold",
                                              "text-background-color": "#fff", "text-background-opacity": 0.85,
                                              "text-background-padding": 2, "text-background-shape": "round-rectangle",
                                              "text-outline-width": 0, "z-index": 15 } },
        { selector: "node.labelled.label-top", style: { "text-valign": "top", "text-margin-y": -3 } },
        { selector: "node.labelled.label-right", style: { "text-valign": "center", "text-halign": "right",
                                                          "text-margin-y": 0, "text-margin-x": 3 } },
        { selector: "node.labelled.label-left", style: { "text-valign": "center", "text-halign": "left",
                                                         "text-margin-y": 0, "text-margin-x": -3 } },
        { selector: "node.hover, node.selected", style: { "min-zoomed-font-size": 0, "font-size": "data(fs)",
                                                          "text-max-width": "data(tw)", "z-index": 20 } },
        { selector: "node.selected", style: { "border-width": 4, "border-color": "#ffbf47", "z-index": 10 } },
        // Width and opacity follow tie strength: weak ties are thin and faint.
        { selector: "edge", style: {
          width: "mapData(s, 0, 1, 0.5, 7)", "line-color": "#8a96a3", opacity: "mapData(s, 0, 1, 0.12, 0.8)",
          "curve-style": "haystack" } },
        { selector: "edge.new", style: { "line-color": "#d95f02", "line-style": "dotted", width: 4, opacity: 1, "z-index": 5 } },
        { selector: "edge.stronger", style: { "line-color": "#6a3d9a", "line-style": "dashed", width: 4,
                                              opacity: 1, "z-index": 5, "curve-style": "straight" } }
      ]
    });
    nodeEls = [];
    for (var j = 0; j < n; j++) { nodeEls.push(cy.getElementById("n" + j)); }
    shown = new Uint8Array(n).fill(1);
    near = new Set();
    edgeEls = new Array(E).fill(null);
    edgeIn = new Uint8Array(E);
    edgeKind = new Uint8Array(E);
    edgeW = new Int32Array(E);
    edgeS = new Float64Array(E);
    drawnEdges = [];
    cy.on("tap", "node", function (evt) { showPanel(evt.target.data("i")); });
    // Cytoscape caches where its container sits on the page; panels and cards shown above the
    // graph move it without resizing it, so clicks would land beside the actor. Refresh that
    // cache before each press is handled (capture phase runs before Cytoscape's listeners).
    ["mousedown", "touchstart"].forEach(function (type) {
      cy.container().addEventListener(type, function () { cy.resize(); }, true);
    });
    cy.on("mouseover", "node", function (evt) {
      evt.target.data({ fs: LABEL_FONT / cy.zoom(), tw: LABEL_WIDTH / cy.zoom() }).addClass("hover");
    });
    cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); });
    var zoomTimer = null;
    cy.on("zoom pan", function () { clearTimeout(zoomTimer); zoomTimer = setTimeout(scaleLabels, 60); });
    window.networkView = { cy: cy, data: data, select: select,
                           step: function () { return state.k; } };
  }

  function wire() {
    var slider = $("net-slider");
    slider.max = String(T - 1);
    slider.value = String(state.k);
    var pending = false;
    slider.addEventListener("input", function () {
      state.k = parseInt(slider.value, 10);
      if (pending) { return; }  // a fast drag draws the latest position once per frame
      pending = true;
      requestAnimationFrame(function () { pending = false; update(); });
    });
    $("net-prev").addEventListener("click", function () {
      if (state.k > 0) { state.k -= 1; slider.value = String(state.k); update(); }
    });
    $("net-next").addEventListener("click", function () {
      if (state.k < T - 1) { state.k += 1; slider.value = String(state.k); update(); }
    });
    ["net-type", "net-nation", "net-category", "net-min-weight"].forEach(function (id) {
      $(id).addEventListener("change", update);
    });
    $("net-fit").addEventListener("click", function () { cy.fit(cy.nodes().filter(function (node) { return shown[node.data("i")] === 1; }), 30); });
    // Buttons instead of dragging or the mouse wheel (WCAG 2.5.7): zoom about the centre.
    function zoomBy(factor) {
      var box = $("net-graph").getBoundingClientRect();
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: box.width / 2, y: box.height / 2 } });
    }
    $("net-zoom-in").addEventListener("click", function () { zoomBy(1.25); });
    $("net-zoom-out").addEventListener("click", function () { zoomBy(0.8); });
    // A keyboard way to any actor: the list opens its panel, as a click on the map does.
    var picker = $("net-actor");
    picker.addEventListener("focus", fillLists);
    $("net-search").addEventListener("focus", fillLists);
    picker.addEventListener("change", function () {
      if (picker.value !== "") { select(Number(picker.value)); }
    });
    $("net-colour").addEventListener("change", restyleNodes);
    $("net-size").addEventListener("change", restyleNodes);
    $("net-panel-close").addEventListener("click", function () {
      $("net-panel").hidden = true; state.selected = null; cy.nodes(".selected").removeClass("selected");
    });
    $("net-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var q = $("net-search").value.trim().toLowerCase();
      if (!q) { return; }
      var exact = -1, partial = -1;
      for (var i = 0; i < n; i++) {
        var name = nodes.name[i].toLowerCase();
        if (name === q || nodes.id[i].toLowerCase() === q) { exact = i; break; }
        if (partial < 0 && name.indexOf(q) >= 0) { partial = i; }
      }
      var found = exact >= 0 ? exact : partial;
      if (found < 0) { say("No actor matches “" + $("net-search").value + "”."); return; }
      say("Found " + nodes.name[found] + ".");
      select(found);
    });
    document.querySelectorAll("#net-table button.sort").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.dataset.key;
        state.sortDesc = state.sortKey === key ? !state.sortDesc : (key !== "name" && key !== "type");
        state.sortKey = key;
        renderTable();
      });
    });
  }

  // The actor picker and the search suggestions hold one option per actor: 10,000 elements at
  // 5,000 actors, whose styling and layout would delay the map's first picture. They are
  // filled once, after the map is painted or when either control is focused, if sooner.
  function fillLists() {
    if (app.dataset.lists === "true") { return; }
    app.dataset.lists = "true";
    var picker = $("net-actor"), names = $("net-names"), byName = [], compare = new Intl.Collator().compare;
    for (var a = 0; a < n; a++) { byName.push(a); }
    byName.sort(function (x, y) { return compare(nodes.name[x], nodes.name[y]); });
    var options = document.createDocumentFragment(), suggestions = document.createDocumentFragment();
    byName.forEach(function (i) {
      options.appendChild(el("option", nodes.name[i])).value = String(i);
      suggestions.appendChild(el("option", null)).value = nodes.name[i];
    });
    picker.appendChild(options);
    names.appendChild(suggestions);
  }

  function start(payload) {
    data = payload;
    Object.keys(payload.vocabulary.kinds).forEach(function (type) {
      TYPE_LABELS[type] = payload.vocabulary.kinds[type].label;
      PAGES[type] = payload.vocabulary.kinds[type].url;
    });
    METRIC_LABELS = payload.vocabulary.metrics;
    prepare();
    renderSummary();
    if (!T || n === 0) {
      say("No collaborations with contributors are recorded" + (data.as_of ? " up to " + data.as_of : "") +
          " yet, so there is no network to draw.");
      return;
    }
    fillSelect($("net-type"), data.codes.type, TYPE_LABELS);
    fillSelect($("net-category"), data.codes.category);
    fillSelect($("net-nation"), data.codes.nation);
    $("net-min-weight").value = String(data.default_min_weight);
    state.k = T - 1;
    var kept = restorePlace();
    ["net-controls", "net-timeline", "net-legend"].forEach(function (id) { $(id).hidden = false; });
    build();
    legends();
    update();
    if (n > 1000) { fitAll(); } else { cy.fit(undefined, 20); }
    scaleLabels();
    wire();
    renderInsights();
    renderTable();
    say(state.k === T - 1
      ? "Showing the network as of its latest collaboration" + (data.as_of ? " up to " + data.as_of : "") +
        ". Move the slider to replay its growth; click an actor for details."
      : "Updated with the latest change; still showing collaboration " + (state.k + 1) + " of " + T + ", as before.");
    // /network?focus=<actor id> (linked from actor pages) opens that actor's panel.
    var focus = new URLSearchParams(window.location.search).get("focus");
    var at = focus ? nodes.id.indexOf(focus) : kept;
    if (at >= 0) { select(at); }
    app.dataset.ready = "true";
    performance.mark("network-ready");
    // The map is on screen once a frame has been painted after the set-up (the bench's "ready").
    requestAnimationFrame(function () {
      window.setTimeout(function () { performance.mark("network-painted"); fillLists(); }, 0);
    });
  }

  // The page reloads itself when an update is ready (watchUpdate); the viewer's place (the
  // collaboration on the slider unless it was the latest, the filters and the selected actor)
  // is kept for that one reload in the tab's session storage.
  var PLACE_KEY = "network-place:" + app.dataset.url;
  var PLACE_CONTROLS = ["net-colour", "net-size", "net-type", "net-category", "net-nation", "net-min-weight"];

  function keepPlace() {
    var place = { collaboration: state.k < T - 1 ? data.timeline.id[state.k] : null,
                  selected: state.selected === null ? null : nodes.id[state.selected], controls: {} };
    PLACE_CONTROLS.forEach(function (id) { place.controls[id] = $(id).value; });
    try { window.sessionStorage.setItem(PLACE_KEY, JSON.stringify(place)); } catch (e) { /* storage off: start afresh */ }
  }

  // Applies a place kept by keepPlace (values the new payload no longer has are skipped);
  // returns the index of the actor to select, or -1.
  function restorePlace() {
    var place = null;
    try {
      place = JSON.parse(window.sessionStorage.getItem(PLACE_KEY) || "null");
      window.sessionStorage.removeItem(PLACE_KEY);
    } catch (e) { place = null; }
    if (!place || typeof place !== "object") { return -1; }
    PLACE_CONTROLS.forEach(function (id) {
      var value = place.controls && place.controls[id], control = $(id);
      if (typeof value !== "string") { return; }
      if (control.tagName !== "SELECT" || Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
        control.value = value;
      }
    });
    var k = place.collaboration ? data.timeline.id.indexOf(place.collaboration) : -1;
    if (k >= 0) { state.k = k; }
    return place.selected ? nodes.id.indexOf(place.selected) : -1;
  }

  // A payload marked "updating" is the picture from before the latest change, served while the
  // server recomputes it: say so, ask the server every few seconds, and reload once it is ready.
  function watchUpdate(body) {
    if (!body.updating) { return; }
    $("net-updating").hidden = false;
    app.dataset.updating = "true";
    var poll = function () {
      fetch(app.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          if (status.updating) { window.setTimeout(poll, 3000); } else { keepPlace(); window.location.reload(); }
        })
        .catch(function () { window.setTimeout(poll, 10000); });
    };
    window.setTimeout(poll, 2000);
  }

  fetch(app.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || ("HTTP " + response.status)); }
        return body;
      });
    })
    .then(function (body) { watchUpdate(body); start(body); })
    .catch(function (error) { say("The network could not be loaded: " + error.message); });
})();
