/* Growth charts: reads the table's numbers from #growth-data (JSON) and draws four Chart.js charts. */
(function () {
  "use strict";
  var source = document.getElementById("growth-data");
  if (!source || typeof Chart === "undefined") { return; }
  var rows = JSON.parse(source.textContent);
  // Short axis labels (the date); the tooltip names the collaboration.
  var labels = rows.map(function (r) { return r.date; });
  var tooltip = { callbacks: { title: function (items) {
    var r = rows[items[0].dataIndex]; return r.date + ": " + r.name; } } };
  function pick(key) { return rows.map(function (r) { return r[key]; }); }
  function line(id, label, key, colour) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: [{ label: label, data: pick(key), borderColor: colour,
                                           backgroundColor: colour, tension: 0.1 }] },
      options: { animation: false, plugins: { tooltip: tooltip },
                 scales: { x: { ticks: { autoSkip: true, maxRotation: 0 } },
                           y: { beginAtZero: true } } }
    });
  }
  line("chart-reached", "Organisations reached", "reached", "#0b5cad");
  line("chart-links", "Links", "links", "#116329");
  line("chart-density", "Density", "density", "#8250df");
  var bars = document.getElementById("chart-new");
  if (bars) {
    new Chart(bars, {
      type: "bar",
      data: { labels: labels, datasets: [
        { label: "New links", data: pick("new_links"), backgroundColor: "#0b5cad" },
        { label: "Strengthened links", data: pick("strengthened_links"), backgroundColor: "#d4a72c" }
      ] },
      options: { animation: false, plugins: { tooltip: tooltip },
                 scales: { x: { stacked: true, ticks: { maxRotation: 0 } },
                           y: { stacked: true, beginAtZero: true } } }
    });
  }
}());
