// Opens a page in an iframe, as a visitor would load it, and waits until
// Keuze has read its stored decision there. The frame is the page's viewport,
// so a small frame is a small screen in every engine (WebKit's WebDriver
// cannot make the window itself narrower than ~447 px).
import { waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';

export async function openSite<W extends Window & { keuze: Keuze }>(
  path: string,
  { width = 1024, height = 700 } = {},
): Promise<{ frame: HTMLIFrameElement; site: W }> {
  const frame = document.createElement('iframe');
  frame.src = path;
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const site = frame.contentWindow as W;
  await waitUntil(() => site.keuze, 'window.keuze never appeared', { timeout: 5000 });
  await site.keuze.ready;
  return { frame, site };
}

/** What the test server's sink channel has received. */
export async function hits(channel: string): Promise<unknown[]> {
  return (await fetch(`/__sink/${channel}/hits`)).json();
}
