// Draw a district's or settlement's outline on the map (vendored Leaflet + Leaflet-Geoman).
// The polygon is written as GeoJSON into the form's hidden "outline_drawn" field; the server
// checks it. Without JavaScript the map stays hidden and the upload field does the job.
function start() {
  const element = document.querySelector("[data-outline-map]");
  const input = document.querySelector("input[name='outline_drawn']");
  if (!element || !input || !window.L || !window.L.PM) return;
  const L = window.L;
  element.hidden = false;
  const lat = parseFloat(element.dataset.lat || "0");
  const lon = parseFloat(element.dataset.lon || "0");
  const map = L.map(element).setView([lat, lon], element.dataset.lat ? 13 : 2);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
  }
  const lang = (document.documentElement.lang || "en").slice(0, 2);
  if (map.pm.setLang) { try { map.pm.setLang(lang); } catch (error) { /* English labels */ } }
  map.pm.setGlobalOptions({ allowSelfIntersection: false, pathOptions: { color: "#6a3d9a" } });
  map.pm.addControls({
    position: "topleft",
    drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawRectangle: false,
    drawCircle: false, drawText: false, cutPolygon: false, rotateMode: false, dragMode: false,
    drawPolygon: true, editMode: true, removalMode: true,
  });
  let current = null;
  const status = document.getElementById("outline-status");

  function write() {
    if (!current || !map.hasLayer(current)) { input.value = ""; return; }
    input.value = JSON.stringify(current.toGeoJSON().geometry);
    if (status) status.textContent = element.dataset.labelDrawn || "";
  }

  function adopt(layer) {
    if (current && current !== layer) map.removeLayer(current);
    current = layer;
    layer.on("pm:edit", write);
    write();
  }

  if (input.value) {
    try {
      L.geoJSON(JSON.parse(input.value)).eachLayer((layer) => { layer.addTo(map); current = layer; layer.on("pm:edit", write); });
      if (current) map.fitBounds(current.getBounds(), { maxZoom: 17 });
    } catch (error) { /* a broken value: the server will say so */ }
  }
  map.on("pm:create", (event) => adopt(event.layer));
  map.on("pm:remove", () => { current = null; write(); });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
