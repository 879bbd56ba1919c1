// The config builder's live preview (demo/preview.html?view=banner|centre|notice), in an
// iframe so the banner's fixed position and the centre's modal dialog stay inside
// the preview. It renders the real elements against a throw-away store: memory
// storage, no tab channel, no gate, no integrations — clicking in the preview
// records nothing anywhere.
import { ConsentStore } from '../../src/core/store.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import type { Config } from '../../src/core/types.js';
import '../../src/define.js';
import { provideStore } from '../../src/elements/context.js';

interface PreviewMessage {
  type: 'keuze-preview';
  config: Config;
  lang: string;
  /** The button colours the builder exports as CSS: [custom property, value]. */
  tokens?: Array<[string, string]>;
}

// A preview must never take the keyboard from the builder's form, where the site owner
// is typing: showModal() moves focus into the frame, and the centre then focuses its
// title. Here the dialog opens in place, and focus moves only once the visitor is
// working inside the preview.
HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
const focus = HTMLElement.prototype.focus;
HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
  if (document.hasFocus()) focus.call(this, options);
};

const VIEWS = ['banner', 'centre', 'notice'] as const;
const asked = new URLSearchParams(location.search).get('view');
const view = VIEWS.find((name) => name === asked) ?? 'banner';
document.body.dataset.view = view;
const stage = document.getElementById('stage')!;
const restart = document.getElementById('restart')!;
let latest: PreviewMessage | undefined;
let unprovide: (() => void) | undefined;

async function render(message: PreviewMessage): Promise<void> {
  latest = message;
  unprovide?.();
  stage.replaceChildren();
  document.documentElement.lang = message.lang;
  const store = new ConsentStore(message.config, {
    adapter: new MemoryAdapter(),
    channel: false,
    gpc: false,
    locale: message.lang,
  });
  unprovide = provideStore(stage, store);
  for (const property of [...stage.style]) stage.style.removeProperty(property);
  for (const [property, value] of message.tokens ?? []) stage.style.setProperty(property, value);
  if (view === 'notice') {
    // The notice renders from the config alone; it records nothing.
    const notice = document.createElement('keuze-notice') as HTMLElement & { config?: Config };
    notice.config = message.config;
    notice.setAttribute('lang', message.lang);
    stage.append(notice);
    await customElements.whenDefined('keuze-notice');
    await (notice as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    window.parent.postMessage(
      { type: 'keuze-preview-rendered', view, revision: message.config.revision },
      '*',
    );
    return;
  }
  const banner = document.createElement('keuze-banner');
  const centre = document.createElement('keuze-centre');
  for (const element of [banner, centre]) {
    if (message.config.theme) element.setAttribute('theme', message.config.theme);
  }
  if (message.config.layout) banner.setAttribute('layout', message.config.layout);
  document.body.dataset.theme = message.config.theme ?? 'light';
  // The centre's view shows the centre alone: opened in place, it is not above the banner.
  stage.append(...(view === 'centre' ? [centre] : [banner, centre]));
  await store.load();
  if (view === 'centre') await (centre as HTMLElement & { show(): Promise<void> }).show();
  // Tell the builder (and its tests) that this config is on screen.
  window.parent.postMessage(
    { type: 'keuze-preview-rendered', view, revision: message.config.revision },
    '*',
  );
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const data = event.data as PreviewMessage | undefined;
  if (data?.type !== 'keuze-preview' || !data.config) return;
  void render(data);
});

restart.addEventListener('click', () => {
  if (latest) void render(latest);
});

window.parent.postMessage({ type: 'keuze-preview-loaded', view }, '*');
