// The two visitor profiles every bench script emulates: a desktop, and a mid-range phone
// on a slow line (CPU 4× slower, 150 ms round trip, 1.6 Mbit/s down).
export const PROFILES = {
  desktop: { context: { viewport: { width: 1280, height: 800 } } },
  mobile: {
    context: { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true },
    cpu: { rate: 4 },
    network: { offline: false, latency: 150, downloadThroughput: 204800, uploadThroughput: 96000 },
  },
};

/**
 * A fresh context and page under a profile. The DevTools session that throttles it is
 * opened only when the profile throttles, or when `devtools` asks for it (the trace scripts
 * profile and watch requests); a desktop page is then left as a visitor's would be.
 */
export async function profiledPage(browser, name, { devtools = false } = {}) {
  const settings = PROFILES[name];
  if (!settings) throw new Error(`unknown profile "${name}" (desktop, mobile)`);
  const context = await browser.newContext(settings.context);
  const page = await context.newPage();
  if (!devtools && !settings.cpu && !settings.network) return { context, page };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (settings.cpu) await cdp.send('Emulation.setCPUThrottlingRate', settings.cpu);
  if (settings.network) await cdp.send('Network.emulateNetworkConditions', settings.network);
  return { context, page, cdp };
}
