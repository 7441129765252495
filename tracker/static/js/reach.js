/* The reach page: coverage bar chart (Chart.js from /static/vendor) and "who is missing" lists.
   Clicking a bar, or a "who is missing" button in the table, asks the reach API for the
   organisations not reached in that group and lists them under the chart. Names are inserted
   as text, never as HTML. */
(function () {
  "use strict";
  var dataNode = document.getElementById("reach-data");
  var canvas = document.getElementById("coverage-chart");
  if (!dataNode) { return; }
  // The chart's height comes in a data attribute: the CSP allows no inline style attribute.
  if (canvas && canvas.parentNode.dataset.height) {
    canvas.parentNode.style.height = canvas.parentNode.dataset.height + "px";
  }
  var data = JSON.parse(dataNode.textContent);
  var NOT_GIVEN = "(not given)";

  function query(group) {
    var params = new URLSearchParams();
    params.set("question", "not-reached");
    ["as_of", "nation", "region", "type"].forEach(function (key) {
      if (data.filters[key]) { params.set(key, data.filters[key]); }
    });
    params.set(data.by, group);
    return params;
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text == null ? "–" : text;
    row.appendChild(td);
    return td;
  }

  function showMissing(group) {
    var panel = document.getElementById("missing");
    var title = document.getElementById("missing-title");
    var links = document.getElementById("missing-links");
    var body = document.querySelector("#missing-table tbody");
    panel.hidden = false;
    body.textContent = "";
    links.textContent = "";
    if (group === NOT_GIVEN) {
      title.textContent = "Organisations without a " + data.by + " cannot be listed by group.";
      return;
    }
    title.textContent = "Loading who is missing in " + group + "…";
    var params = query(group);
    fetch(data.api + "?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("The list could not be loaded (" + response.status + ")."); }
        return response.json();
      })
      .then(function (answer) {
        title.textContent = "Not reached in " + group + ": " + answer.count + " organisation" +
          (answer.count === 1 ? "" : "s");
        var page = document.createElement("a");
        var pageParams = new URLSearchParams(params);
        pageParams.set("by", data.by);
        page.href = data.page + "?" + pageParams.toString() + "#lists";
        page.textContent = "Open as a list";
        var csv = document.createElement("a");
        csv.href = data.csv + "?" + params.toString();
        csv.textContent = "Download CSV";
        links.appendChild(page);
        links.appendChild(document.createTextNode(" · "));
        links.appendChild(csv);
        answer.organisations.forEach(function (org) {
          var row = document.createElement("tr");
          var nameCell = cell(row, "");
          var link = document.createElement("a");
          link.href = "/organisations/" + encodeURIComponent(org.id);
          link.textContent = org.name;
          nameCell.appendChild(link);
          cell(row, org.id);
          cell(row, org.nation);
          cell(row, org.region);
          cell(row, org.type);
          body.appendChild(row);
        });
        panel.scrollIntoView({ block: "nearest" });
      })
      .catch(function (error) { title.textContent = error.message; });
  }

  document.querySelectorAll("button.show-missing").forEach(function (button) {
    button.addEventListener("click", function () { showMissing(button.dataset.group); });
  });

  if (!canvas || typeof Chart === "undefined") { return; }
  var missing = data.in_register.map(function (n, i) { return n - data.reached[i]; });
  var chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.groups,
      datasets: [
        { label: "Reached", data: data.reached, backgroundColor: "#0b5cad" },
        { label: "Not reached (click to list)", data: missing, backgroundColor: "#e39b2d" }
      ]
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
                y: { stacked: true } },
      plugins: {
        legend: { position: "top" },
        tooltip: {
          callbacks: {
            footer: function (items) {
              var i = items[0].dataIndex;
              var share = data.in_register[i] ? data.reached[i] / data.in_register[i] : 0;
              return (share * 100).toFixed(1) + "% of " + data.in_register[i] + " reached";
            }
          }
        }
      },
      onClick: function (event, elements) {
        if (elements.length) { showMissing(data.groups[elements[0].index]); }
      },
      onHover: function (event, elements) {
        event.native.target.style.cursor = elements.length ? "pointer" : "default";
      }
    }
  });
  canvas.dataset.ready = "true";
  window.reachChart = chart;
}());
