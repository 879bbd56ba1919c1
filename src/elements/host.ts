// A tiny base for elements of the first layer, which ships to every visitor
// before anything else: no Lit runtime, only what the banner needs. It speaks
// lit's ReactiveControllerHost interface, so StoreController and
// LocalizeController work on it unchanged.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export { css } from './styles/tokens.css.js';

type Child = Node | string | false | null | undefined;

/**
 * Creates an element: attributes from `attrs` (false/null/undefined left out),
 * functions as event listeners, children appended as nodes or Text nodes.
 * Text never goes through innerHTML: a config or locale string stays text.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | false | null | undefined | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name, value);
    else if (value != null && value !== false) element.setAttribute(name, value);
  }
  element.append(
    ...(children.filter((child) => child != null && child !== false) as Array<Node | string>),
  );
  return element;
}

const sheets = new Map<string, CSSStyleSheet>();

/**
 * A custom element with an open shadow root, its class's `styles` adopted as a
 * constructable stylesheet (no `style-src 'unsafe-inline'` needed), reactive
 * controllers, and updates batched in a microtask. The attributes in `properties`
 * are mirrored as string properties (setting the property sets the attribute).
 * Subclasses render in `update()`.
 */
// Server-side rendering imports the element classes where no DOM exists; they are
// never instantiated there, so a plain base keeps the import from throwing.
export abstract class KeuzeElement
  extends ((globalThis.HTMLElement ?? Object) as typeof HTMLElement)
  implements ReactiveControllerHost
{
  /** The element's CSS. */
  static styles = '';
  /** Attribute names, each mirrored by a property of the same name. */
  static properties: string[] = [];

  static get observedAttributes(): string[] {
    for (const name of this.properties) {
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        get(this: HTMLElement) {
          return this.getAttribute(name) ?? undefined;
        },
        set(this: HTMLElement, value: unknown) {
          if (value == null) this.removeAttribute(name);
          else this.setAttribute(name, String(value));
        },
      });
    }
    return this.properties;
  }

  readonly renderRoot: ShadowRoot;
  readonly #controllers = new Set<ReactiveController>();
  #pending?: Promise<void>;

  constructor() {
    super();
    const root = (this.renderRoot = this.attachShadow({ mode: 'open' }));
    const { styles, properties } = this.constructor as typeof KeuzeElement;
    // Constructable stylesheets everywhere the build's ES2022 runs (Safari 16.4+), and no
    // `style-src 'unsafe-inline'` needed.
    let sheet = sheets.get(styles);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
      sheets.set(styles, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    // A property set before the element was defined hides the accessor: move it to the attribute.
    for (const name of properties) {
      if (Object.hasOwn(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  connectedCallback(): void {
    this.#controllers.forEach((controller) => controller.hostConnected?.());
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.#controllers.forEach((controller) => controller.hostDisconnected?.());
  }

  attributeChangedCallback(): void {
    this.requestUpdate();
  }

  /** Schedules one update for everything that changes in this task. */
  requestUpdate(): void {
    this.#pending ??= Promise.resolve().then(() => {
      this.#pending = undefined;
      if (!this.isConnected) return;
      this.#controllers.forEach((controller) => controller.hostUpdate?.());
      this.update();
      this.#controllers.forEach((controller) => controller.hostUpdated?.());
    });
  }

  /** Resolves once no update is pending (also those requested while updating). */
  get updateComplete(): Promise<boolean> {
    return (async () => {
      while (this.#pending) await this.#pending;
      return true;
    })();
  }

  /** Renders into `renderRoot`. */
  protected abstract update(): void;
}
