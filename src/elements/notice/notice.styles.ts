// The notice lives in the light DOM (see notice.ts), so its rules are scoped
// under `keuze-notice` and adopted once per document or shadow root as a
// constructable stylesheet: no <style> element and no inline styles, so a
// strict CSP (style-src without 'unsafe-inline') is fine. The rules are light
// on purpose: the site's typography should win.
import { css } from 'lit';

export const noticeStyles = css`
  keuze-notice {
    display: block;
    max-inline-size: var(--keuze-notice-max-width, 48rem);
    overflow-wrap: anywhere;
  }

  keuze-notice .keuze-notice__change {
    border-inline-start: 0.25rem solid currentColor;
    background: var(--keuze-notice-accent, rgb(128 128 128 / 0.12));
    padding: 0.5rem 1rem;
    margin-block: 1rem;
  }

  keuze-notice .keuze-notice__dates span + span::before {
    content: ' · ';
  }

  keuze-notice .keuze-notice__toc ol {
    padding-inline-start: 1.5rem;
  }

  /* Links that stand on their own line (not inside a sentence) get a 24px
     target (WCAG 2.5.8): contents, contacts, table cells, version lists. */
  keuze-notice .keuze-notice__toc a,
  keuze-notice address a,
  keuze-notice td a,
  keuze-notice li > a,
  keuze-notice p > a:only-child {
    display: inline-block;
    min-block-size: 1.5rem;
    padding-block: 0.125rem;
  }

  keuze-notice section {
    scroll-margin-block-start: var(--keuze-notice-scroll-margin, 1rem);
  }

  keuze-notice .keuze-notice__scroll {
    overflow-x: auto;
    margin-block: 1rem;
  }

  keuze-notice .keuze-notice__scroll:focus-visible,
  keuze-notice a:focus-visible,
  keuze-notice button:focus-visible {
    outline: 0.1875rem solid var(--keuze-color-focus, #b4470a);
    outline-offset: 0.125rem;
  }

  keuze-notice .keuze-notice__table {
    border-collapse: collapse;
    inline-size: 100%;
  }

  keuze-notice .keuze-notice__table caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }

  keuze-notice .keuze-notice__table th,
  keuze-notice .keuze-notice__table td {
    border: 1px solid var(--keuze-notice-border, rgb(128 128 128 / 0.6));
    padding: 0.375rem 0.5rem;
    text-align: start;
    vertical-align: top;
  }

  keuze-notice .keuze-notice__facts > div {
    margin-block-end: 0.5rem;
  }

  keuze-notice .keuze-notice__facts dt,
  keuze-notice .keuze-notice__rights dt,
  keuze-notice .keuze-notice__label {
    font-weight: 600;
  }

  keuze-notice .keuze-notice__facts dd,
  keuze-notice .keuze-notice__rights dd {
    margin-inline-start: 0;
  }

  keuze-notice .keuze-notice__facts ul,
  keuze-notice .keuze-notice__plain {
    margin-block: 0;
  }

  keuze-notice .keuze-notice__plain {
    list-style: none;
    padding-inline-start: 0;
  }

  keuze-notice address {
    font-style: normal;
    margin-block-end: 0.75rem;
  }

  keuze-notice .keuze-notice__settings button {
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    cursor: pointer;
  }

  @media (forced-colors: active) {
    keuze-notice .keuze-notice__change {
      border: 1px solid CanvasText;
    }
  }

  @media print {
    keuze-notice {
      max-inline-size: none;
      color: #000;
    }

    /* Paper has no buttons and no scrolling: show everything, hide controls. */
    keuze-notice .keuze-notice__settings {
      display: none;
    }

    keuze-notice .keuze-notice__scroll {
      overflow: visible;
    }

    keuze-notice .keuze-notice__table thead {
      display: table-header-group;
    }

    keuze-notice .keuze-notice__table tr,
    keuze-notice .keuze-notice__facts > div,
    keuze-notice address {
      break-inside: avoid;
    }

    keuze-notice h1,
    keuze-notice h2,
    keuze-notice h3,
    keuze-notice h4,
    keuze-notice h5,
    keuze-notice h6 {
      break-after: avoid;
    }

    /* A printed link is useless without its address. */
    keuze-notice a[href^='http']::after {
      content: ' (' attr(href) ')';
      font-size: 0.875em;
    }
  }
`;

type StyledRoot = Document | ShadowRoot;

/** Adopts the notice's sheet into the element's root once. */
export function adoptNoticeStyles(root: Node): void {
  const target = root as StyledRoot;
  const sheet = noticeStyles.styleSheet;
  if (!sheet || !('adoptedStyleSheets' in target)) return;
  if (target.adoptedStyleSheets.includes(sheet)) return;
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}
