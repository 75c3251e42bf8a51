// SPDX-License-Identifier: EUPL-1.2
// Draws each person's ZRM assessments as a radar chart, newest on top, earlier
// ones fainter. Data comes from a JSON script element next to the canvas.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var palette = ["#1f5d99", "#b35900", "#2e7d32", "#6a1b9a", "#c62828"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var count = data.series.length;
    var datasets = data.series.map(function (series, i) {
      var newest = i === count - 1;
      var colour = palette[(count - 1 - i) % palette.length];
      return {
        label: series.label,
        data: series.scores,
        borderColor: colour,
        backgroundColor: newest ? colour + "33" : "transparent",
        borderWidth: newest ? 3 : 1.5,
        borderDash: newest ? [] : [6, 4],
        pointRadius: newest ? 3 : 2,
        spanGaps: true,
      };
    });
    new window.Chart(canvas, {
      type: "radar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        scales: { r: { min: 0, max: 5, ticks: { stepSize: 1 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
})();
