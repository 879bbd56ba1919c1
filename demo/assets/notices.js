// Shows each seed privacy statement (demo/configs/seed-*.json: real Dutch companies'
// statements rebuilt as Keuze configs) through the same <keuze-notice> element.
(() => {
  let picker;
  let notice;
  let status;

  async function show(file) {
    status.textContent = 'Loading…';
    const response = await fetch(`/configs/${file}`);
    if (!response.ok) {
      status.textContent = `Could not load ${file} (HTTP ${response.status}).`;
      return;
    }
    notice.config = await response.json();
    status.textContent = `Showing ${file}.`;
  }

  async function start() {
    picker = document.getElementById('seed');
    notice = document.getElementById('seed-notice');
    status = document.getElementById('seed-status');
    const found = await fetch('/api/seeds').then((response) =>
      response.ok ? response.json() : [],
    );
    for (const file of found) picker.append(new Option(file.replace('.json', ''), file));
    picker.addEventListener('change', () => void show(picker.value));
    if (found.length) await show(found[0]);
    else status.textContent = 'No seed configs found in demo/configs/.';
  }

  document.addEventListener('DOMContentLoaded', () => void start());
})();
