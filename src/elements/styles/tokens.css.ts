// Design tokens shared by every Keuze element, as plain strings (built from
// the table of colours below); tokens.ts wraps them as Lit CSS. Sites theme the widget with the public `--keuze-*` custom
// properties (documented in styles/README.md); the elements read only the
// private `--k-*` values below, so a site can override the light and the dark
// theme separately.

/**
 * Returns the CSS as a string; the tag only marks the template for the build's
 * CSS minifier.
 */
export const css = (strings: TemplateStringsArray, ...values: unknown[]): string =>
  strings.reduce((all, part, index) => all + String(values[index - 1]) + part);

/**
 * The colours of the light and the dark theme: `--k-<name>` reads
 * `--keuze-<public>` (light) or `--keuze-dark-<public>` (dark), where `<public>`
 * is `color-<name>` unless given. One table, so the two themes cannot drift apart.
 */
const COLOURS: ReadonlyArray<
  readonly [name: string, light: string, dark: string, publicName?: string]
> = [
  ['bg', '#ffffff', '#1c1f26', 'color-background'],
  ['surface', '#f4f5f7', '#262a33'],
  ['text', '#1b1d21', '#f1f3f6'],
  ['muted', '#4a505a', '#c3c8d1', 'color-text-muted'],
  ['border', '#8a919c', '#7d8594'],
  ['button-bg', '#1f3a5f', '#c9dcf5', 'color-button'],
  ['button-text', '#ffffff', '#10233d'],
  ['button-hover', '#2c5282', '#e2ecfa'],
  ['link', '#1d4ed8', '#9cc3ff'],
  ['focus', '#b4470a', '#ffb37a'],
  ['switch-on', '#1f7a4d', '#4cc38a'],
  ['switch-off', '#6b7280', '#8b93a1'],
  ['backdrop', 'rgb(15 18 24 / 0.55)', 'rgb(0 0 0 / 0.65)'],
  ['shadow', '0 0.5rem 2rem rgb(15 18 24 / 0.25)', '0 0.5rem 2rem rgb(0 0 0 / 0.6)', 'shadow'],
];

/** The declarations of one theme's colours. */
const colours = (dark: boolean): string =>
  COLOURS.map(
    ([name, light, darkValue, publicName = `color-${name}`]) =>
      `--k-${name}:var(--keuze-${dark ? 'dark-' : ''}${publicName},${dark ? darkValue : light});`,
  ).join('');

const darkCss = colours(true);

/** Defensive host reset plus the light and dark token sets. */
export const tokensCss = css`
  :host {
    /* Inherited properties from the page (line-height, letter-spacing, colour,
       text-transform...) must not leak in; only the font family is inherited. */
    all: initial;
    font-family: var(--keuze-font-family, inherit);
    font-size: var(--keuze-font-size, 1rem);
    line-height: 1.5;
    color: var(--k-text);
    -webkit-text-size-adjust: 100%;

    ${colours(false)}
    --k-radius: var(--keuze-radius, 0.75rem);
    --k-button-radius: var(--keuze-button-radius, 0.5rem);
    --k-z: var(--keuze-z-index, 2147483000);
    --k-max-width: var(--keuze-max-width, 72rem);
    --k-space: var(--keuze-spacing, 1rem);
    --k-duration: var(--keuze-transition-duration, 180ms);
  }

  :host([theme='dark']) {
    ${darkCss}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkCss}
    }
  }

  /* A page rule that targets the element itself (\`* { text-transform: uppercase }\`)
     beats :host, so the outermost node of every element resets inherited text styles again. */
  [part~='base'] {
    font-family: var(--keuze-font-family, inherit);
    font-size: var(--keuze-font-size, 1rem);
    font-style: normal;
    font-weight: 400;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-shadow: none;
    white-space: normal;
    visibility: visible;
    cursor: auto;
    color: var(--k-text);
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/** Buttons: accept, reject, settings and save share one look (equal prominence). */
export const buttonsCss = css`
  .button {
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.625rem 1.125rem;
    border: 2px solid var(--k-button-bg);
    border-radius: var(--k-button-radius);
    background: var(--k-button-bg);
    color: var(--k-button-text);
    cursor: pointer;
    text-align: center;
    transition:
      background-color var(--k-duration),
      border-color var(--k-duration);
  }
  .button:hover {
    background: var(--k-button-hover);
    border-color: var(--k-button-hover);
  }
  .button:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible,
  [role='switch']:focus-visible {
    outline: 3px solid var(--k-focus);
    outline-offset: 2px;
    /* A band of the theme's background inside and outside the ring: on any page colour
       (a dark theme's light ring on a white page, say) the ring or the band stands out 3:1. */
    box-shadow: 0 0 0 7px var(--k-bg);
  }
  a {
    color: var(--k-link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
    }
    .button:focus-visible,
    a:focus-visible,
    [role='switch']:focus-visible {
      outline-color: Highlight;
    }
  }
`;
