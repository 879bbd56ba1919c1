// A receiver in its own process, started the way a site owner starts it, so a
// test or the bench can kill it with SIGKILL and start it again on the same data.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/keuze-receiver.mjs', import.meta.url));

/** Starts `keuze-receiver` with these KEUZE_* settings; resolves once /readyz answers 200. */
export async function spawnReceiver(env, { timeout = 120_000 } = {}) {
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, KEUZE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${env.KEUZE_PORT}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const end = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the receiver exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`the receiver did not become ready in ${timeout} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    /** Kills the process (SIGKILL by default) and waits until it is gone. */
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
