// Sharing the main thread with the visitor: long work waits until what they did
// has painted, then runs in short slices with the page free to answer in between.

/** How long one slice may keep the main thread: well under a frame and a long task (50 ms). */
export const SLICE_MS = 10;

/** In a visible page rAF can starve (an off-screen frame); never wait longer than this. */
const PAINT_FALLBACK_MS = 500;

/** Resolves after the next frame has painted; at once in a hidden page, which paints none. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.visibilityState === 'hidden') {
      setTimeout(resolve);
      return;
    }
    const fallback = setTimeout(resolve, PAINT_FALLBACK_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }),
    );
  });
}

/**
 * Lets the browser handle input and paint, then continues. `scheduler.yield()`
 * keeps this task's place in the queue; elsewhere a message, which (unlike a
 * timer) a background tab does not throttle.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
