// The dashboard's request log: recent calls, filtered, and one call's attempts on a time line. Its section is part of
// the markup the dashboard fetches with the operations key (dashboard.js), so it is drawn again each time that markup
// arrives ("switchboard:dashboard" on the document), keeping the filters and the opened call. It reads
// /telemetry/requests with the same key. The page's fragment may carry filters and a call to open
// (#provider=...&request=...); it is read here, before dashboard.js takes the key out of the address.
(function () {
  "use strict";

  var STORAGE = "switchboard.telemetry.key";
  // The key id filter is not taken from the fragment: there "key" is the operations key itself.
  var FILTERS = ["provider", "model", "outcome", "minLatencyMs", "key", "team", "user", "tag", "operation"];
  var FRAGMENT_FILTERS = FILTERS.filter(function (name) { return name !== "key"; });
  var PHASES = [
    ["router", "in the router"], ["to_adapter", "Kafka to the adapter"], ["connect", "provider connection"],
    ["provider", "provider, to last token"], ["back", "back"], ["other", "adapter"]
  ];
  var fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  var filters = {};
  FRAGMENT_FILTERS.forEach(function (name) {
    if (fragment.get(name)) {
      filters[name] = fragment.get(name);
    }
  });
  var opened = fragment.get("request");
  var section, form, body, story, hours;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function get(path) {
    return fetch(path, { headers: { "Authorization": "Bearer " + sessionStorage.getItem(STORAGE) } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        });
  }

  function message(text) {
    body.replaceChildren();
    var row = element("tr");
    var cell = element("td", text, "empty");
    cell.colSpan = 8;
    row.appendChild(cell);
    body.appendChild(row);
  }

  function list() {
    var query = new URLSearchParams({ from: new Date(Date.now() - hours * 3600 * 1000).toISOString(), size: "50" });
    filters = {};
    FILTERS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) {
        filters[name] = value;
        query.set(name, value);
      }
    });
    return get("/telemetry/requests?" + query.toString()).then(function (page) {
      body.replaceChildren();
      page.data.forEach(function (call) {
        var row = element("tr", null, "call");
        row.dataset.requestId = call.requestId;
        [new Date(call.startedAt).toLocaleTimeString(), call.requestId, call.provider + "/" + call.model,
          call.outcome + (call.errorClass ? " (" + call.errorClass + ")" : ""), call.attempts, call.latencyMs + " ms",
          call.inputTokens + " / " + call.outputTokens, call.costUsd === null ? "–" : call.costUsd
        ].forEach(function (value, index) {
          row.appendChild(element("td", value, index === 3 ? "outcome-" + call.outcome : null));
        });
        row.addEventListener("click", function () { open(call.requestId); });
        body.appendChild(row);
      });
      if (page.data.length === 0) {
        message("No request matches in this range.");
      }
      section.dataset.rows = String(page.data.length);
      section.dataset.total = String(page.total);
    });
  }

  function caller(who) {
    var parts = ["key " + (who.keyName || who.keyId || "–")];
    if (who.teamId) {
      parts.push("team " + (who.teamName || who.teamId));
    }
    if (who.user) {
      parts.push("user " + who.user);
    }
    if (who.tags && who.tags.length) {
      parts.push("tags " + who.tags.join(", "));
    }
    return parts.join(", ");
  }

  function phases(attempt) {
    var t = attempt.timings || {};
    var parts = [["router", t.routerMs], ["to_adapter", t.toAdapterMs], ["connect", t.connectMs],
      ["provider", t.lastTokenMs], ["back", t.backMs]];
    var known = parts.reduce(function (sum, part) { return sum + (part[1] || 0); }, 0);
    var total = Math.max(attempt.latencyMs + (t.routerMs || 0) + (t.toAdapterMs || 0) + (t.backMs || 0), known, 1);
    parts.push(["other", Math.max(0, total - known)]);
    return { parts: parts, total: total };
  }

  function timeline(call) {
    var start = Date.parse(call.summary.startedAt);
    var span = Math.max(call.summary.latencyMs, 1);
    var box = element("div", null, "timeline");
    call.attempts.forEach(function (attempt) {
      var row = element("div", null, "timeline-row");
      var bar = element("div", null, "attempt-bar");
      var offset = Date.parse(attempt.startedAt) - start;
      bar.style.left = (100 * offset / span) + "%";
      bar.style.width = Math.max(0.5, 100 * attempt.latencyMs / span) + "%";
      bar.dataset.outcome = attempt.outcome;
      bar.dataset.attempt = String(attempt.attempt);
      var split = phases(attempt);
      split.parts.forEach(function (part) {
        if (part[1] > 0) {
          var phase = element("span", null, "phase phase-" + part[0]);
          phase.style.width = (100 * part[1] / split.total) + "%";
          phase.title = part[0] + ": " + part[1] + " ms";
          bar.appendChild(phase);
        }
      });
      row.appendChild(bar);
      box.appendChild(row);
      var label = "#" + attempt.attempt + " " + attempt.provider + "/" + attempt.model + " — " + attempt.outcome
          + (attempt.errorClass ? " " + attempt.errorClass : "") + ", " + attempt.latencyMs + " ms, +" + offset + " ms";
      box.appendChild(element("div", label, "timeline-label outcome-" + attempt.outcome));
      if (attempt.errorMessage) {
        box.appendChild(element("div", attempt.errorMessage, "timeline-label"));
      }
    });
    return box;
  }

  function legend() {
    var box = element("div", null, "legend");
    PHASES.forEach(function (phase) {
      var item = element("span");
      item.appendChild(element("i", null, "phase-" + phase[0]));
      item.appendChild(document.createTextNode(phase[1]));
      box.appendChild(item);
    });
    return box;
  }

  function open(requestId) {
    return get("/telemetry/requests/" + encodeURIComponent(requestId)).then(function (call) {
      Array.prototype.forEach.call(body.rows, function (row) {
        row.classList.toggle("selected", row.dataset.requestId === requestId);
      });
      story.replaceChildren();
      story.appendChild(element("h3", requestId));
      story.appendChild(element("p", call.summary.attempts + " attempt(s), " + call.summary.latencyMs + " ms, "
          + call.summary.outcome + (call.summary.traceId ? ", trace " + call.summary.traceId : "")));
      story.appendChild(element("p", caller(call.summary.caller)));
      story.appendChild(legend());
      story.appendChild(timeline(call));
      call.attempts.forEach(function (attempt) {
        if (attempt.request || attempt.response) {
          story.appendChild(element("h4", "Attempt " + attempt.attempt + " bodies"));
          story.appendChild(element("pre", JSON.stringify({ request: attempt.request, response: attempt.response },
              null, 2)));
        }
      });
      story.hidden = false;
      story.dataset.requestId = requestId;
      opened = requestId;
      story.dataset.attempts = String(call.attempts.length);
    });
  }

  function show() {
    section = document.getElementById("request-log");
    if (!section) {
      return;
    }
    form = document.getElementById("request-filters");
    body = document.querySelector("#requests tbody");
    story = document.getElementById("request-story");
    hours = Number(section.dataset.hours) || 24;
    FILTERS.forEach(function (name) {
      form.elements[name].value = filters[name] || "";
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      list().catch(function (failure) { message("The request log could not be read: " + failure.message + "."); });
    });
    list().then(function () {
      if (opened) {
        return open(opened);
      }
    }).catch(function (failure) {
      message("The request log could not be read: " + failure.message + ".");
    }).then(function () {
      document.documentElement.dataset.requestsReady = "true";
    });
  }

  document.addEventListener("switchboard:dashboard", show);
}());
