// The demo's "marketing" tag (a stand-in for an ad network's pixel). Runs only with
// consent to "marketing": keeps a profile id in localStorage (declared as
// `adpixel_profile`) and loads a tracking pixel from the demo server.
(() => {
  let profile = localStorage.getItem('adpixel_profile');
  if (!profile) {
    profile = crypto.randomUUID().slice(0, 12);
    localStorage.setItem('adpixel_profile', profile);
  }
  const pixel = new Image(1, 1);
  pixel.alt = '';
  pixel.src = `/pixel.gif?profile=${encodeURIComponent(profile)}&page=${encodeURIComponent(location.pathname)}`;
})();
