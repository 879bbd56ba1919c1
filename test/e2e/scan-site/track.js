// The site's analytics: the test serves it as /analytics.js right after the real
// Mixpanel browser library (mixpanel-browser from npm, its UMD build), which keeps
// its visitor id in a first-party cookie `mp_<token>_mixpanel`. The events go to
// this site itself, so the test needs no network.
window.mixpanel.init('e2etoken', {
  persistence: 'cookie',
  api_host: `${location.origin}/collect`,
  batch_requests: false,
});
window.mixpanel.track('page view');
