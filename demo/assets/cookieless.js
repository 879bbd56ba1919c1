// A cookieless page counter for visitors who refused statistics: it counts the page,
// and nothing else — no cookie, no storage, no visitor id. Included as
// <script type="text/plain" data-consent="!analytics">: it runs once the visitor refused.
void fetch('/collect', {
  method: 'POST',
  keepalive: true,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ kind: 'cookieless', page: location.pathname }),
});
