// A fake video player: it "tracks" like a real embed (session storage and a beacon),
// so loading it only after consent is visible in the demo's live panel.
sessionStorage.setItem('vt_session', JSON.stringify({ video: 'chain-care', position: 0 }));
void fetch('/collect', {
  method: 'POST',
  keepalive: true,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ kind: 'video', event: 'embed-loaded' }),
});
let seconds = 0;
let timer = 0;
const time = document.querySelector('.player__time');
document.querySelector('.player__play').addEventListener('click', (event) => {
  const button = event.currentTarget;
  if (timer) {
    clearInterval(timer);
    timer = 0;
    button.textContent = '▶';
    return;
  }
  button.textContent = '❚❚';
  timer = setInterval(() => {
    seconds += 1;
    time.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    sessionStorage.setItem(
      'vt_session',
      JSON.stringify({ video: 'chain-care', position: seconds }),
    );
  }, 1000);
});
