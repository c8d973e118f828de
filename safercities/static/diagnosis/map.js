// The diagnosis map: Leaflet (vendored) fed by the assessment's map JSON.
// Configuration comes from data- attributes of #diagnosis-map; without JavaScript the page
// shows the same data as tables.
const CLASS_COLOURS = {
  3: "#b2182b", 2: "#d6604d", 1: "#f4a582", 0: null,
  "-1": "#92c5de", "-2": "#4393c3", "-3": "#2166ac",
};
const CATEGORY_COLOURS = ["#7b3294", "#c2a5cf", "#008837", "#a6dba0", "#e66101", "#5e3c99"];

function scoreColour(score) {
  if (score === null || score === undefined) return "#777777";
  if (score < 33.4) return "#d7301f";
  if (score < 50) return "#fc8d59";
  if (score < 66.7) return "#fdcc8a";
  return "#1a9850";
}

function text(value) {
  const span = document.createElement("span");
  span.textContent = value === null || value === undefined ? "—" : String(value);
  return span.innerHTML;
}

function polygonLatLngs(ring) {
  return ring.map(([lon, lat]) => [lat, lon]);
}

async function loadJSON(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

function drawSettlements(L, data, group) {
  for (const settlement of data.settlements) {
    const ring = settlement.outline && settlement.outline.coordinates && settlement.outline.coordinates[0];
    if (!ring) continue;
    L.polygon(polygonLatLngs(ring), { color: "#6a3d9a", weight: 2, fill: false, dashArray: "4 4" })
      .bindTooltip(text(settlement.name))
      .addTo(group);
  }
}

function drawPoints(L, data, layers, labels) {
  for (const spot of data.spots) {
    L.circleMarker([spot.lat, spot.lon], {
      radius: 7, color: "#222", weight: 1, fillColor: scoreColour(spot.score), fillOpacity: 0.9,
      className: "spot-marker",
    })
      .bindPopup(`<strong>${text(spot.label || "")}</strong><br>${text(labels.score)}: ${text(spot.score)}`)
      .addTo(layers.spots);
  }
  const categories = Object.keys(data.labels.categories || {});
  for (const incident of data.incidents) {
    const index = Math.max(0, categories.indexOf(incident.category));
    L.circleMarker([incident.lat, incident.lon], {
      radius: 5, color: "#222", weight: 1,
      fillColor: CATEGORY_COLOURS[index % CATEGORY_COLOURS.length], fillOpacity: 0.85,
      className: "incident-marker",
    })
      .bindPopup(text((data.labels.categories || {})[incident.category] || incident.category))
      .addTo(layers.incidents);
  }
  for (const cell of data.spot_cells) {
    L.polygon(polygonLatLngs(cell.polygon), {
      color: "#333", weight: 1, fillColor: scoreColour(cell.score), fillOpacity: 0.6,
      className: "cell-polygon",
    })
      .bindPopup(`${text(labels.count)}: ${text(cell.count)}<br>${text(labels.score)}: ${text(cell.score)}`)
      .addTo(layers.spots);
  }
  for (const cell of data.incident_cells) {
    L.polygon(polygonLatLngs(cell.polygon), {
      color: "#333", weight: 1, fillColor: "#7b3294", fillOpacity: Math.min(0.8, 0.2 + cell.count / 40),
      className: "cell-polygon",
    })
      .bindPopup(`${text(labels.count)}: ${text(cell.count)}`)
      .addTo(layers.incidents);
  }
}

function drawHotspots(L, cells, group, labels) {
  for (const cell of cells) {
    const colour = CLASS_COLOURS[String(cell.class)];
    if (!colour) continue;
    L.polygon(polygonLatLngs(cell.polygon), {
      color: colour, weight: 4, fillColor: colour, fillOpacity: 0.1, className: "hotspot-cell",
    })
      .bindPopup(`z = ${text(cell.z)}, p = ${text(cell.p)}<br>${text(labels.count)}: ${text(cell.count)}`)
      .addTo(group);
  }
}

async function start() {
  const element = document.getElementById("diagnosis-map");
  const L = window.L;
  if (!element || !L) return;
  const labels = {
    spots: element.dataset.labelSpots, incidents: element.dataset.labelIncidents,
    settlements: element.dataset.labelSettlements, hotspots: element.dataset.labelHotspots,
    score: element.dataset.labelScore, count: element.dataset.labelCount,
  };
  let data;
  try {
    data = await loadJSON(element.dataset.mapUrl);
  } catch (error) {
    return; // the tables below the map already show the data
  }
  element.hidden = false;
  const map = L.map(element, { scrollWheelZoom: false });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
  }
  const layers = {
    settlements: L.featureGroup().addTo(map),
    spots: L.featureGroup().addTo(map),
    incidents: L.featureGroup().addTo(map),
    hotspots: L.featureGroup().addTo(map),
  };
  drawSettlements(L, data, layers.settlements);
  drawPoints(L, data, layers, labels);
  const overlays = {};
  overlays[labels.settlements] = layers.settlements;
  overlays[labels.spots] = layers.spots;
  overlays[labels.incidents] = layers.incidents;
  overlays[labels.hotspots] = layers.hotspots;
  L.control.layers(null, overlays, { collapsed: true }).addTo(map);
  let bounds = L.featureGroup([layers.spots, layers.incidents]).getBounds();
  if (!bounds.isValid()) bounds = layers.settlements.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16 });
  } else if (data.center) {
    map.setView(data.center, 12);
  } else {
    map.setView([0, 0], 2);
  }
  element.dataset.ready = "true";
  try {
    const query = window.location.search || "";
    const hot = await loadJSON(element.dataset.hotspotsUrl + query);
    drawHotspots(L, hot.cells || [], layers.hotspots, labels);
  } catch (error) {
    // hot spots are optional on the map; the hot-spot page lists them
  }
}

start();
