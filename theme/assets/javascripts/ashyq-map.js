/* The maslikhat's living problem map (appeals section page).
 * The page works without this file: the table of appeals by okrug, topic and month is the content.
 * With Leaflet loaded (shipped with the site, never from a CDN) it shows the appeals that have a location as
 * points, and the filters by topic, status and month narrow both the points and the table. */
(function () {
  "use strict";
  var box = document.getElementById("ashyq-map");
  var filters = document.getElementById("ashyq-map-filters");
  var table = document.getElementById("ashyq-aggregates");
  if (!box || !filters) return;
  var points = [];
  try { points = JSON.parse(box.getAttribute("data-points") || "[]"); } catch (e) { points = []; }
  var selects = filters.querySelectorAll("select[data-filter]");
  var count = document.getElementById("ashyq-map-count");
  var colours = { open: "#b3261e", answered: "#1b6e3a", redirected: "#7a5a00", rejected: "#555555" };
  var labels = {};
  Array.prototype.forEach.call(selects, function (select) {
    Array.prototype.forEach.call(select.options, function (o) { labels[select.getAttribute("data-filter") + ":" + o.value] = o.text; });
  });
  filters.hidden = false;

  var map = null, layer = null;
  if (window.L && points.length) {
    box.hidden = false;
    box.style.height = "26rem";
    map = window.L.map(box, { scrollWheelZoom: false });
    window.L.tileLayer(box.getAttribute("data-tiles"), {
      maxZoom: 19, attribution: box.getAttribute("data-attribution") || ""
    }).addTo(map);
    layer = window.L.layerGroup().addTo(map);
    map.fitBounds(points.map(function (p) { return [p.lat, p.lon]; }), { padding: [16, 16], maxZoom: 15 });
  }

  function chosen() {
    var out = {};
    Array.prototype.forEach.call(selects, function (s) { out[s.getAttribute("data-filter")] = s.value; });
    return out;
  }

  function update() {
    var f = chosen();
    var shown = 0;
    if (layer) {
      layer.clearLayers();
      points.forEach(function (p) {
        if ((f.topic && p.topic !== f.topic) || (f.status && p.status !== f.status) || (f.month && p.month !== f.month)) return;
        shown += 1;
        window.L.circleMarker([p.lat, p.lon], {
          radius: 7, weight: 1, color: "#ffffff", fillColor: colours[p.status] || "#333333", fillOpacity: 0.85
        }).bindTooltip(p.id + " · " + (labels["topic:" + p.topic] || p.topic) + " · " + (labels["status:" + p.status] || p.status)
          + " · " + p.okrug).addTo(layer);
      });
    }
    if (table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = (!f.topic || row.getAttribute("data-topic") === f.topic)
          && (!f.month || row.getAttribute("data-month") === f.month)
          && (!f.status || Number(row.getAttribute("data-" + f.status)) > 0);
        row.hidden = !ok;
      });
    }
    if (count) count.textContent = layer ? (box.getAttribute("data-label-points") || "") + " " + shown : "";
  }

  Array.prototype.forEach.call(selects, function (s) { s.addEventListener("change", update); });
  update();
})();
