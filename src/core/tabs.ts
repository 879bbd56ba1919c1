// Tells the site's other open tabs that the stored decision changed, so a
// decision in one tab takes effect in all of them at once. A message is only a
// hint: any page of the origin can post one, so the receiver reads the decision
// from storage and checks it there (store.ts), never from the message.

export interface TabMessage {
  type: 'keuze-changed';
}

export class TabChannel {
  private channel?: BroadcastChannel;

  constructor(name: string, onHint: () => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    try {
      this.channel = new BroadcastChannel(name);
      this.channel.onmessage = (event: MessageEvent) => {
        const data = event.data as Partial<TabMessage> | null;
        if (data && data.type === 'keuze-changed') onHint();
      };
    } catch {
      this.channel = undefined; // some sandboxed frames refuse channels; the page still works alone
    }
  }

  post(): void {
    try {
      this.channel?.postMessage({ type: 'keuze-changed' } satisfies TabMessage);
    } catch {
      // a closed channel only means other tabs learn of it on their next load
    }
  }

  close(): void {
    this.channel?.close();
    this.channel = undefined;
  }
}
