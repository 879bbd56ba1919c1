// The demo's error monitor: processing on legitimate interest ("functional").
// It runs by default, stops when the visitor objects (or sends a Global Privacy
// Control signal), and stores nothing on the device.
(() => {
  const report = (body) =>
    void fetch('/collect', {
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'monitor', page: location.pathname, ...body }),
    });
  window.addEventListener('error', (event) =>
    report({ event: 'error', message: String(event.message).slice(0, 200) }),
  );
  report({
    event: 'page-ok',
    browser: navigator.userAgent.includes('Firefox') ? 'firefox' : 'chromium',
  });
})();
