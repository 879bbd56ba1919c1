// A fake map embed: announces itself to the demo server, as a real map provider would see the visit.
void fetch('/collect', {
  method: 'POST',
  keepalive: true,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ kind: 'map', event: 'embed-loaded' }),
});
