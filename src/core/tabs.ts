// Carries each write to the site's other open tabs, so a decision in one tab
// takes effect in all of them at once.
import type { StoredState } from './types.js';

export interface TabMessage {
  type: 'keuze-state';
  state: StoredState;
}

export class TabChannel {
  private channel?: BroadcastChannel;

  constructor(name: string, onState: (state: unknown) => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    try {
      this.channel = new BroadcastChannel(name);
      this.channel.onmessage = (event: MessageEvent) => {
        const data = event.data as Partial<TabMessage> | null;
        if (data && data.type === 'keuze-state') onState(data.state);
      };
    } catch {
      this.channel = undefined; // some sandboxed frames refuse channels; the page still works alone
    }
  }

  post(state: StoredState): void {
    try {
      this.channel?.postMessage({ type: 'keuze-state', state } satisfies TabMessage);
    } catch {
      // a closed channel only means other tabs learn of it on their next load
    }
  }

  close(): void {
    this.channel?.close();
    this.channel = undefined;
  }
}
