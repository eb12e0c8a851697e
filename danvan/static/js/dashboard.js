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
    // A period whose reports are not all in is drawn hollow and dashed, its label
    // starred, and its tooltip says how many units sent (dashboard.trend's "partial").
    var partial = data.partial || [];
    var hollow = function (ctx) { return partial[ctx.dataIndex] ? "#ffffff" : red; };
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: series.name,
          data: series.values,
          borderColor: red,
          backgroundColor: "rgba(179, 38, 30, 0.10)",
          pointBackgroundColor: hollow,
          pointBorderColor: red,
          segment: {
            borderDash: function (ctx) { return partial[ctx.p1DataIndex] ? [4, 4] : undefined; },
          },
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
          tooltip: {
            callbacks: {
              label: function (ctx) { return show(ctx.parsed.y); },
              afterLabel: function (ctx) {
                var gap = partial[ctx.dataIndex];
                return gap ? "Chưa đủ số liệu: " + gap : "";
              },
            },
          },
        },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkipPadding: 8 } },
          y: { beginAtZero: true, ticks: { precision: 0, callback: show } },
        },
      },
    });
  });
})();
