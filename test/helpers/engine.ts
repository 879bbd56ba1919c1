// What the browser under test can emulate. Chromium and Firefox ESR run over
// the DevTools protocol / WebDriver BiDi, where @web/test-runner-commands can
// resize the viewport and switch the colour scheme mid-test. WebKit runs over
// classic WebDriver (WebKitWebDriver), which can do neither, and its window
// keeps the page at least ~447 px wide. Tests that need those emulations are
// skipped in WebKit by name, with the reason, and their behaviour is covered
// there another way (see docs/browsers.md).
import { emulateMedia, setViewport } from '@web/test-runner-commands';

/** WebKit (Safari's engine), not Chromium, whose user agent also says "AppleWebKit". */
export const inWebKit =
  /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium|Edg/.test(navigator.userAgent);

/** Why a test cannot run in WebKit, and where its behaviour is covered there. */
export const NOT_IN_WEBKIT = {
  colourScheme:
    'switches prefers-color-scheme mid-test; in WebKit the *.dark.test.ts suites run in a browser opened in dark mode',
  narrowViewport:
    'needs a viewport narrower than the WebKit window allows; test/e2e/small-screens.test.ts opens the page in a frame that size',
} as const;

/** `it`, except in WebKit, where the test is reported as skipped with `reason` in its title. */
export function itUnlessWebKit(reason: string, title: string, fn: Mocha.AsyncFunc): Mocha.Test {
  return inWebKit ? it.skip(`${title} [not in WebKit: ${reason}]`, fn) : it(title, fn);
}

/** Puts the viewport and colour scheme back to the suites' defaults where the browser can emulate them. */
export async function resetEmulation(): Promise<void> {
  if (inWebKit) return; // nothing was emulated
  await setViewport({ width: 1280, height: 800 });
  await emulateMedia({ colorScheme: 'light' });
}
