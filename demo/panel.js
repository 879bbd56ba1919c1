// The demo's live panel: what Keuze decided and what really happened because of it.
// Shows the current decision, the keuze-* event log, the cookies and storage on this
// device, the dataLayer, and what the demo server received (beacons and
// proof-of-consent records). Demo tooling only; built with DOM APIs (no innerHTML),
// so it runs under the demo's `script-src 'self'` policy.
(() => {
  const events = [];
  const started = performance.now();
  const EVENT_TYPES = ['keuze-ready', 'keuze-change', 'keuze-show', 'keuze-hide', 'keuze-error'];

  // Listen before Keuze starts (this script comes first in <head>), so keuze-ready is seen too.
  for (const type of EVENT_TYPES) {
    document.addEventListener(type, (event) => {
      events.push({
        type,
        at: performance.now() - started,
        summary: summarise(type, event.detail),
      });
      schedule();
    });
  }

  function summarise(type, detail = {}) {
    if (type === 'keuze-change') {
      const method = detail.consent?.record?.method;
      return `${method ?? (detail.consent?.decided ? 'decided' : 'reset')}; changed: ${detail.changed?.join(', ') || '–'}`;
    }
    if (type === 'keuze-ready')
      return detail.consent?.decided ? 'stored decision found' : 'no decision yet';
    if (type === 'keuze-show' || type === 'keuze-hide') return detail.layer ?? '';
    if (type === 'keuze-error') return detail.message ?? '';
    return '';
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) if (child != null) node.append(child);
    return node;
  }

  const list = (items, empty) =>
    items.length ? el('ul', {}, items) : el('p', { class: 'empty', text: empty });
  const row = (label, value, cls) =>
    el('li', {}, el('span', { text: label }), el('span', { class: cls ?? '', text: value }));
  const clock = (iso) => new Date(iso).toLocaleTimeString('en-GB');

  let server = { beacons: [], consentLog: [] };
  let lastRendered = '';
  let pending = false;

  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  }

  function storageKeys(storage) {
    try {
      return Object.keys(storage).sort();
    } catch {
      return [];
    }
  }

  function dataLayerEntries() {
    const layer = Array.isArray(window.dataLayer) ? window.dataLayer : [];
    // gtag() pushes `arguments` objects; show them as the arrays they stand for.
    return layer.map((entry) =>
      entry &&
      typeof entry === 'object' &&
      !Array.isArray(entry) &&
      typeof entry.length === 'number'
        ? Array.from(entry)
        : entry,
    );
  }

  function snapshot() {
    const consent = window.keuze?.get?.() ?? { decided: false, purposes: {}, services: {} };
    const cookies = document.cookie
      ? document.cookie.split('; ').map((part) => part.split('=')[0])
      : [];
    return {
      consent,
      cookies: cookies.sort(),
      local: storageKeys(localStorage),
      session: storageKeys(sessionStorage),
      dataLayer: dataLayerEntries(),
      events: events.slice(),
      server,
    };
  }

  function render() {
    const panel = document.getElementById('demo-panel');
    if (!panel) return;
    const state = snapshot();
    const text = JSON.stringify(state);
    if (text === lastRendered) return;
    lastRendered = text;
    const { consent } = state;
    const record = consent.record;

    const purposeRows = Object.entries(consent.purposes).map(([id, on]) =>
      row(id, on ? 'granted' : 'refused', on ? 'on' : 'off'),
    );
    const decision = el(
      'section',
      { 'data-panel': 'decision' },
      el('h3', { text: 'Decision' }),
      el('p', {
        'data-panel-decided': String(consent.decided),
        text: consent.decided
          ? `${record?.method ?? 'decided'} via ${record?.layer ?? '?'} · ${record ? clock(record.decidedAt) : ''}`
          : 'No decision yet: the banner asks.',
      }),
      list(purposeRows, 'Keuze has not started.'),
    );

    const storage = el(
      'section',
      { 'data-panel': 'storage' },
      el('h3', { text: 'Cookies and storage on this device' }),
      list(
        [
          ...state.cookies.map((name) => row(name, 'cookie')),
          ...state.local.map((name) => row(name, 'localStorage')),
          ...state.session.map((name) => row(name, 'sessionStorage')),
        ],
        'Nothing (Keuze keeps your choice in IndexedDB).',
      ),
    );

    const beacons = state.server.beacons;
    const byKind = {};
    for (const beacon of beacons) byKind[beacon.kind] = (byKind[beacon.kind] ?? 0) + 1;
    const received = el(
      'section',
      { 'data-panel': 'beacons' },
      el(
        'h3',
        {},
        'Beacons received by the server ',
        el('span', {
          class: 'count',
          'data-count': String(beacons.length),
          text: `(${beacons.length})`,
        }),
      ),
      list(
        Object.entries(byKind).map(([kind, count]) => row(kind, `${count}×`)),
        'None: no tracker has run.',
      ),
    );

    const records = state.server.consentLog;
    const proof = el(
      'section',
      { 'data-panel': 'consent-log' },
      el(
        'h3',
        {},
        'Proof-of-consent records ',
        el('span', {
          class: 'count',
          'data-count': String(records.length),
          text: `(${records.length})`,
        }),
      ),
      list(
        records
          .slice(-4)
          .reverse()
          .map(({ record: r, receivedAt, storedBy }) =>
            row(
              `${r.decision?.method ?? r.method ?? 'record'} · ${r.decision?.layer ?? r.layer ?? ''}`,
              storedBy ? `${clock(receivedAt)} · stored by ${storedBy}` : clock(receivedAt),
            ),
          ),
        'None received yet.',
      ),
    );

    const layer = el(
      'section',
      { 'data-panel': 'datalayer' },
      el('h3', { text: `dataLayer (${state.dataLayer.length})` }),
      state.dataLayer.length
        ? el('pre', {
            text: state.dataLayer
              .slice(-4)
              .map((entry) => JSON.stringify(entry))
              .join('\n'),
          })
        : el('p', { class: 'empty', text: 'Empty.' }),
    );

    const log = el(
      'section',
      { 'data-panel': 'events' },
      el('h3', { text: 'Event log' }),
      state.events.length
        ? el(
            'ul',
            { class: 'log' },
            state.events
              .slice(-8)
              .reverse()
              .map((entry) =>
                el(
                  'li',
                  {},
                  el('time', { text: `${(entry.at / 1000).toFixed(2)} s` }),
                  el('code', { text: entry.type }),
                  ` ${entry.summary}`,
                ),
              ),
          )
        : el('p', { class: 'empty', text: 'No events yet.' }),
    );

    const actions = el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', 'data-keuze-open': '', text: 'Cookie settings' }),
      el('button', {
        type: 'button',
        text: 'Forget my choice',
        onclick: () => void window.keuze?.reset().catch((error) => console.warn(error)),
      }),
      el('button', {
        type: 'button',
        text: 'Clear server log',
        onclick: () => void fetch('/api/clear', { method: 'POST' }).then(poll),
      }),
    );

    panel.replaceChildren(
      el('h2', {}, 'Live panel', el('a', { href: '/keuze/keuze.min.js', text: 'keuze.min.js' })),
      decision,
      log,
      storage,
      layer,
      received,
      proof,
      actions,
    );
  }

  async function poll() {
    try {
      const [beacons, consentLog] = await Promise.all(
        ['/api/beacons', '/api/consent-log'].map((url) =>
          fetch(url, { cache: 'no-store' }).then((r) => (r.ok ? r.json() : [])),
        ),
      );
      server = { beacons, consentLog };
    } catch {
      // The server went away (e.g. stopped): keep showing the last known state.
    }
    schedule();
  }

  document.addEventListener('DOMContentLoaded', () => {
    render();
    void poll();
    setInterval(poll, 1000);
  });
})();
