// SPDX-License-Identifier: EUPL-1.2
// Draws the steering information's charts from the JSON script element next
// to each canvas. The table below each chart holds the same figures, for
// screen readers and for those who would rather read.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var palette = ["#1f5d99", "#b35900", "#2e7d32", "#6a1b9a", "#c62828", "#00695c"];
  document.querySelectorAll("canvas[data-insights-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.insightsChart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var stacked = data.type === "stacked";
    var type = data.type === "line" ? "line" : "bar";
    var datasets = data.datasets.map(function (set, i) {
      var colour = palette[i % palette.length];
      return {
        label: set.label,
        data: set.data,
        borderColor: colour,
        backgroundColor: type === "line" ? "transparent" : colour,
        spanGaps: false,
      };
    });
    new window.Chart(canvas, {
      type: type,
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: stacked },
          y: { stacked: stacked, beginAtZero: true },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
})();
