// How the tests drive WebKit: Debian's WebKitGTK through its WebDriver
// (`WebKitWebDriver`, package webkit2gtk-driver), which opens MiniBrowser on
// the X display that `xvfb-run` provides. The driver serves one session at a
// time, so each test run starts its own on a free port and stops it at exit.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** The arguments `xvfb-run` needs: a display big enough for a desktop window. */
export const XVFB_ARGS = ['-a', '-s', '-screen 0 1280x1024x24'];

/** `KEUZE_WEBKIT_DRIVER`, else Debian's WebKitWebDriver. */
export function findWebKitDriver() {
  const found = [process.env.KEUZE_WEBKIT_DRIVER, '/usr/bin/WebKitWebDriver'].find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (!found)
    throw new Error(
      'No WebKitWebDriver found: apt-get install -y --no-install-recommends webkit2gtk-driver xvfb xauth, or set KEUZE_WEBKIT_DRIVER.',
    );
  return found;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(port, driver) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('WebKitWebDriver did not start within 20 s');
}

/**
 * Starts WebKitWebDriver on a free port (stopped when this process exits) and
 * returns the options for @web/test-runner-webdriver's launcher. With `dark`,
 * the browser opens with GTK's dark theme, so pages see
 * `prefers-color-scheme: dark` (WebDriver cannot switch it mid-test).
 */
export async function startWebKitDriver({ dark = false } = {}) {
  const port = await freePort();
  const env = { ...process.env, ...(dark ? { GTK_THEME: 'Adwaita:dark' } : {}) };
  const driver = spawn(findWebKitDriver(), [`--port=${port}`], { stdio: 'ignore', env });
  // On Ctrl-C the driver, in the same process group, gets the signal itself.
  process.once('exit', () => driver.kill());
  await waitForDriver(port, driver);
  return {
    hostname: '127.0.0.1',
    port,
    capabilities: {
      browserName: 'MiniBrowser',
      // WebKitWebDriver speaks classic WebDriver; webdriverio 9 otherwise asks
      // for BiDi and the driver rejects the session ("Failed to match capabilities").
      'wdio:enforceWebDriverClassic': true,
    },
  };
}
