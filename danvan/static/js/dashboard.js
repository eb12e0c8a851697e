// Tổng hợp: draw each key indicator's trend from the JSON the page embeds, with the
// vendored Chart.js (no CDN). Numbers in the Vietnamese style: 2.811,7 and 99,95%.
(function () {
  var source = document.getElementById("trend-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
  var red = "#b3261e";
  document.querySelectorAll("canvas[data-series]").forEach(function (canvas) {
    var series = data.series[Number(canvas.getAttribute("data-series"))];
    var show = function (value) {
      if (value === null || value === undefined) return "—";
      return number.format(value) + (series.percent ? "%" : "");
    };
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: series.name,
          data: series.values,
          borderColor: red,
          backgroundColor: "rgba(179, 38, 30, 0.10)",
          pointBackgroundColor: red,
          fill: true,
          tension: 0.25,
          pointRadius: 3,
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) { return show(ctx.parsed.y); } } },
        },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkipPadding: 8 } },
          y: { beginAtZero: true, ticks: { precision: 0, callback: show } },
        },
      },
    });
  });
})();
