// The dashboard's small growth chart: organisations reached and links after each collaboration.
(function () {
  "use strict";
  var data = document.getElementById("growth-data");
  var canvas = document.getElementById("growth-chart");
  if (!data || !canvas || typeof Chart === "undefined") { return; }
  var rows = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: rows.map(function (r) { return r.date; }),
      datasets: [
        { label: "Organisations reached", data: rows.map(function (r) { return r.reached; }),
          borderColor: "#0b5cad", backgroundColor: "#0b5cad", pointStyle: "circle" },
        { label: "Links", data: rows.map(function (r) { return r.links; }),
          borderColor: "#b35900", backgroundColor: "#b35900", borderDash: [6, 4],
          pointStyle: "rect" }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      // Point styles in the legend (a circle, a square) match the lines' points: a plain
      // swatch of a dashed line drew as a garbled box.
      plugins: { legend: { labels: { usePointStyle: true } },
                 tooltip: { callbacks: { title: function (items) {
                   var r = rows[items[0].dataIndex]; return r.date + ": " + r.event; } } } },
      scales: { y: { beginAtZero: true } }
    }
  });
})();
