// "Use my location" buttons for geopoint questions of toolkit web forms.
// Without JavaScript (or without permission) people type "latitude longitude" themselves.
const ready = "geolocation" in navigator && window.isSecureContext !== false;

function format(coords) {
  const parts = [coords.latitude.toFixed(6), coords.longitude.toFixed(6)];
  // Same layout as ODK: latitude longitude altitude accuracy (altitude 0 when unknown).
  const altitude = coords.altitude == null ? 0 : coords.altitude;
  parts.push(altitude.toFixed(1), coords.accuracy.toFixed(1));
  return parts.join(" ");
}

for (const button of document.querySelectorAll("button[data-locate-for]")) {
  const input = document.getElementById(button.dataset.locateFor);
  const status = document.getElementById(`${button.dataset.locateFor}_locate_status`);
  if (!ready || !input) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    if (status) status.textContent = button.dataset.waiting || "";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        input.value = format(position.coords);
        input.dispatchEvent(new Event("change", { bubbles: true }));
        button.disabled = false;
        if (status) {
          status.textContent = `${button.dataset.done || ""} ±${Math.round(position.coords.accuracy)} m`;
        }
      },
      () => {
        button.disabled = false;
        if (status) status.textContent = button.dataset.failed || "";
        input.focus();
      },
      { enableHighAccuracy: true, timeout: 30000, maximumAge: 60000 },
    );
  });
}
