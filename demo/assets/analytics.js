// The demo's "analytics" (a stand-in for Matomo). It only runs once the visitor
// consents to "analytics": the page includes it as <script type="text/plain"
// data-consent="analytics">. It sets first-party cookies that match the declared
// patterns `_pk_id.*` / `_pk_ses.*` and sends a page-view beacon to the demo server.
(() => {
  const read = (name) =>
    document.cookie
      .split('; ')
      .find((part) => part.startsWith(`${name}=`))
      ?.slice(name.length + 1);
  const visitor = read('_pk_id.demo') || crypto.randomUUID().slice(0, 16);
  document.cookie = `_pk_id.demo=${visitor}; path=/; max-age=${60 * 60 * 24 * 395}; SameSite=Lax`;
  document.cookie = `_pk_ses.demo=1; path=/; max-age=${60 * 30}; SameSite=Lax`;
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'demo_page_view', page: location.pathname });
  void fetch('/collect', {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'analytics', page: location.pathname, visitor }),
  });
})();
