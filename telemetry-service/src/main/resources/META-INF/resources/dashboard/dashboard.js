// The dashboard page holds no data: it asks for the operations key once, keeps it in this tab's session storage, and
// fetches its data with it. It then draws the charts from the series the data carries, and records on each chart
// element how many data points it got and how many canvas pixels carry its first series' colour, so that a test can
// tell it really drew.
(function () {
  "use strict";

  var STORAGE = "switchboard.telemetry.key";
  var REFRESH_MS = 60000;
  var form = document.getElementById("key-form");
  var input = document.getElementById("ops-key");
  var message = document.getElementById("key-message");
  var main = document.getElementById("dashboard");
  var refresh = null;

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

  function drawCharts(history) {
    var times = history.points.map(function (p) { return Date.parse(p.time) / 1000; });

    function column(name) {
      return history.points.map(function (p) { return p[name] === null ? null : p[name]; });
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
  }

  function key() {
    return sessionStorage.getItem(STORAGE);
  }

  function ask(text) {
    document.documentElement.dataset.auth = "required";
    form.hidden = false;
    if (text) {
      message.textContent = text;
    }
    input.focus();
  }

  function withKey(url) {
    return fetch(url, { headers: { Authorization: "Bearer " + key() } });
  }

  // Export links carry no key, so a click fetches the file with it and hands the browser what came back.
  function download(event) {
    event.preventDefault();
    var link = event.currentTarget;
    withKey(link.getAttribute("href")).then(function (response) {
      if (!response.ok) {
        throw new Error("the export answered " + response.status);
      }
      return response.blob();
    }).then(function (blob) {
      var format = /format=(\w+)/.exec(link.getAttribute("href"));
      var save = document.createElement("a");
      save.href = URL.createObjectURL(blob);
      save.download = "switchboard-usage." + (format ? format[1] : "txt");
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(save.href); }, 10000);
    }).catch(function (failure) {
      message.textContent = String(failure.message || failure);
    });
  }

  function load() {
    clearTimeout(refresh);
    withKey("/dashboard/view?hours=" + encodeURIComponent(main.dataset.hours)).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        sessionStorage.removeItem(STORAGE);
        main.innerHTML = "";
        ask("That key was refused: enter the operations key (SWITCHBOARD_OPS_KEY) or the admin key.");
        return null;
      }
      if (!response.ok) {
        throw new Error("the dashboard's data answered " + response.status);
      }
      return response.text();
    }).then(function (markup) {
      if (markup === null) {
        return;
      }
      form.hidden = true;
      document.documentElement.dataset.auth = "ok";
      main.innerHTML = markup;
      drawCharts(JSON.parse(document.getElementById("dashboard-data").textContent));
      document.dispatchEvent(new CustomEvent("switchboard:dashboard"));
      Array.prototype.forEach.call(main.querySelectorAll("#exports a"), function (link) {
        link.addEventListener("click", download);
      });
      // Fresh figures every minute.
      refresh = setTimeout(load, REFRESH_MS);
    }).catch(function (failure) {
      form.hidden = false;
      message.textContent = String(failure.message || failure);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var given = input.value.trim();
    if (given) {
      sessionStorage.setItem(STORAGE, given);
      input.value = "";
      load();
    }
  });

  // A key may be handed over in the address's fragment (#key=...), which never reaches a server or its logs: it is
  // dropped from the address at once and typed into the form as a person would.
  var handed = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (handed) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    input.value = decodeURIComponent(handed[1]);
    form.requestSubmit();
  } else if (key()) {
    load();
  } else {
    ask();
  }
})();
