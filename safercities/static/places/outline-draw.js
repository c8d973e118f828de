// Draw a district's or settlement's outline on the map (vendored Leaflet + Leaflet.draw).
// The polygon is written as GeoJSON into the form's hidden "outline_drawn" field; the server
// checks it. Without JavaScript the map stays hidden and the upload field does the job.
function start() {
  const element = document.querySelector("[data-outline-map]");
  const input = document.querySelector("input[name='outline_drawn']");
  if (!element || !input || !window.L || !window.L.Control || !window.L.Control.Draw) return;
  const L = window.L;
  element.hidden = false;
  const lat = parseFloat(element.dataset.lat || "0");
  const lon = parseFloat(element.dataset.lon || "0");
  const map = L.map(element).setView([lat, lon], element.dataset.lat ? 13 : 2);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
  }
  const drawn = new L.FeatureGroup().addTo(map);

  function write() {
    const layers = drawn.getLayers();
    if (!layers.length) { input.value = ""; return; }
    const geometry = layers[0].toGeoJSON().geometry;
    input.value = JSON.stringify(geometry);
    const status = document.getElementById("outline-status");
    if (status) status.textContent = element.dataset.labelDrawn || "";
  }

  if (input.value) {
    try {
      const existing = L.geoJSON(JSON.parse(input.value));
      existing.eachLayer((layer) => drawn.addLayer(layer));
      map.fitBounds(drawn.getBounds(), { maxZoom: 17 });
    } catch (error) { /* a broken value: the server will say so */ }
  }

  map.addControl(new L.Control.Draw({
    draw: {
      polygon: { allowIntersection: false, showArea: false, shapeOptions: { color: "#6a3d9a" } },
      polyline: false, rectangle: false, circle: false, marker: false, circlemarker: false,
    },
    edit: { featureGroup: drawn },
  }));
  map.on(L.Draw.Event.CREATED, (event) => { drawn.clearLayers(); drawn.addLayer(event.layer); write(); });
  map.on(L.Draw.Event.EDITED, write);
  map.on(L.Draw.Event.DELETED, write);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
