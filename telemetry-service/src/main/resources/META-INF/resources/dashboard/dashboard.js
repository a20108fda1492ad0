// Draws the dashboard's charts from the series the page carries, then records on each chart element how many data
// points it got and how many canvas pixels carry its first series' colour, so that a test can tell it really drew.
(function () {
  "use strict";

  var history = JSON.parse(document.getElementById("dashboard-data").textContent);
  var times = history.points.map(function (p) { return Date.parse(p.time) / 1000; });

  function column(name) {
    return history.points.map(function (p) { return p[name] === null ? null : p[name]; });
  }

  function countPoints(data) {
    var n = 0;
    for (var s = 1; s < data.length; s++) {
      for (var i = 0; i < data[s].length; i++) {
        if (data[s][i] !== null && data[s][i] !== 0) { n++; }
      }
    }
    return n;
  }

  function rgb(hex) {
    return [1, 3, 5].map(function (i) { return parseInt(hex.substr(i, 2), 16); });
  }

  // Opaque pixels close to the colour: the series' line, not the axes, grid or translucent fill.
  function pixelsOfColour(canvas, hex) {
    var target = rgb(hex);
    var pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    var count = 0;
    for (var i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 200 && Math.abs(pixels[i] - target[0]) < 40 && Math.abs(pixels[i + 1] - target[1]) < 40
          && Math.abs(pixels[i + 2] - target[2]) < 40) {
        count++;
      }
    }
    return count;
  }

  function draw(elementId, series, data) {
    var element = document.getElementById(elementId);
    var width = Math.max(320, element.clientWidth || 560);
    var colour = series[0].stroke;
    var options = {
      width: width,
      height: 240,
      series: [{}].concat(series),
      axes: [{}, { size: 60 }],
      hooks: {
        draw: [function (plot) {
          element.dataset.points = String(countPoints(data));
          element.dataset.seriesPixels = String(pixelsOfColour(plot.ctx.canvas, colour));
          element.dataset.rendered = "true";
        }]
      }
    };
    return new uPlot(options, data, element);
  }

  draw("chart-requests", [
    { label: "requests", stroke: "#2f6fdf", fill: "rgba(47,111,223,0.12)", width: 2 },
    { label: "failures", stroke: "#d23c3c", width: 2 },
    { label: "expired", stroke: "#b98a1b", width: 1 },
    { label: "cancelled", stroke: "#8a8f98", width: 1 }
  ], [times, column("requests"), column("failures"), column("expired"), column("cancelled")]);

  draw("chart-latency", [
    { label: "p50", stroke: "#2e9e5b", width: 2, spanGaps: true },
    { label: "p95", stroke: "#e08a1e", width: 2, spanGaps: true },
    { label: "p99", stroke: "#b0309a", width: 2, spanGaps: true }
  ], [times, column("latencyP50Ms"), column("latencyP95Ms"), column("latencyP99Ms")]);

  document.documentElement.dataset.chartsReady = "true";

  // Fresh figures every minute, without any client-side state to keep.
  setTimeout(function () { window.location.reload(); }, 60000);
})();
