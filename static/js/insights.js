// Draws the /insights/ charts (Chart.js) and the partnership network (Cytoscape.js) from the page's json_script.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("insights-data").textContent);
  // Bars and labels at 3:1 (bars) and 4.5:1 (text) or better against the white page (WCAG 1.4.11 and 1.4.3).
  const palette = ["#0a58ca", "#146c43", "#b35c00", "#6f42c1", "#b02a37", "#0f7864", "#495057", "#806600", "#087990"];
  if (window.Chart) {
    Chart.defaults.color = "#343a40";
    Chart.defaults.borderColor = "#adb5bd";
  }

  function bar(id, labels, datasets, options) {
    const canvas = document.getElementById(id);
    if (!canvas) return null;
    return new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: Object.assign(
        { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        options || {}
      ),
    });
  }

  bar(
    "chart-quarters",
    data.quarters.labels,
    data.quarters.series.map(function (series, i) {
      return { label: series.label, data: series.counts, backgroundColor: palette[i % palette.length] };
    }),
    { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  );

  bar(
    "chart-funnel",
    data.funnel.map(function (step) { return step.label; }),
    [{ label: document.getElementById("funnel-title").textContent, data: data.funnel.map(function (step) { return step.count; }), backgroundColor: palette[0] }],
    { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  );

  function participationChart(id, rows) {
    const headings = document.querySelectorAll("#table-participation-countries thead th");
    bar(id, rows.map(function (row) { return row.label; }), [
      { label: headings[1].textContent, data: rows.map(function (row) { return row.attendances; }), backgroundColor: palette[0] },
      { label: headings[2].textContent, data: rows.map(function (row) { return row.people; }), backgroundColor: palette[1] },
    ]);
  }
  participationChart("chart-countries", data.participation.countries);
  participationChart("chart-kinds", data.participation.kinds);

  const container = document.getElementById("network");
  if (container) {
    const maxActivity = Math.max(1, ...data.network.nodes.map(function (node) { return node.activity; }));
    const cy = cytoscape({
      container: container,
      elements: {
        nodes: data.network.nodes.map(function (node) { return { data: node }; }),
        edges: data.network.edges.map(function (edge) { return { data: edge }; }),
      },
      layout: { name: "cose", animate: false, randomize: false, padding: 30 },
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "background-color": "#0a58ca",
            width: function (node) { return 20 + 40 * node.data("activity") / maxActivity; },
            height: function (node) { return 20 + 40 * node.data("activity") / maxActivity; },
            "font-size": 12,
            "text-valign": "bottom",
            "text-margin-y": 4,
          },
        },
        { selector: "edge", style: { width: function (edge) { return 1 + edge.data("weight"); }, "line-color": "#6c757d", "curve-style": "bezier", opacity: 0.7 } },
        { selector: "edge[kind = 'agreement']", style: { "line-style": "dashed", "line-color": "#146c43" } },
      ],
    });
    cy.on("tap", "node", function (event) {
      window.location.href = event.target.data("url");
    });
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges().length);
  }
})();
