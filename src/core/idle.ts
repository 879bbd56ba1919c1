/**
 * Runs `task` once the main thread is idle (at the latest after 5 s), or after 1 s in a
 * browser without requestIdleCallback (Safari): work the visitor has not asked for yet.
 */
export function whenIdle(task: (deadline?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}
