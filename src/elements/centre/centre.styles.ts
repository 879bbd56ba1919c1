import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';

export const switchStyles = css`
  .switch {
    position: relative;
    flex: none;
    inline-size: 3.25rem;
    block-size: 1.875rem;
    margin: 0;
    padding: 0;
    border: 2px solid var(--k-switch-off);
    border-radius: 999px;
    background: var(--k-switch-off);
    cursor: pointer;
    transition:
      background-color var(--k-duration),
      border-color var(--k-duration);
  }
  .switch::before {
    content: '';
    position: absolute;
    inset-block-start: 0.1875rem;
    inset-inline-start: 0.1875rem;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    border-radius: 50%;
    background: var(--k-bg);
    transition: transform var(--k-duration);
  }
  .switch[aria-checked='true'] {
    background: var(--k-switch-on);
    border-color: var(--k-switch-on);
  }
  .switch[aria-checked='true']::before {
    transform: translateX(1.375rem);
  }
  [dir='rtl'] .switch[aria-checked='true']::before {
    transform: translateX(-1.375rem);
  }
  .switch:disabled {
    cursor: not-allowed;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    .switch {
      border-color: ButtonText;
      background: ButtonFace;
    }
    .switch::before {
      background: ButtonText;
    }
    .switch[aria-checked='true'] {
      background: Highlight;
      border-color: Highlight;
    }
    .switch[aria-checked='true']::before {
      background: HighlightText;
    }
  }
`;

export const centreStyles = [
  tokens,
  buttons,
  switchStyles,
  css`
    dialog {
      inline-size: min(46rem, calc(100vw - 2rem));
      max-inline-size: 100vw;
      max-block-size: calc(100dvh - 2rem);
      margin: auto;
      padding: 0;
      border: 1px solid var(--k-border);
      border-radius: var(--k-radius);
      background: var(--k-bg);
      color: var(--k-text);
      box-shadow: var(--k-shadow);
      overflow: hidden;
    }
    dialog[open] {
      display: flex;
      flex-direction: column;
    }
    /* Rendered ahead while closed (centre.ts, renderAhead): laid out where it will open, unseen,
       so the first open does not wait for style and text layout. */
    dialog.ahead:not([open]) {
      display: flex;
      flex-direction: column;
      position: fixed;
      inset: 0;
      visibility: hidden;
      pointer-events: none;
    }
    dialog::backdrop {
      background: var(--k-backdrop);
    }
    @media (max-width: 40rem) {
      dialog {
        inline-size: 100vw;
        max-block-size: 100dvh;
        block-size: 100dvh;
        border-radius: 0;
        border-width: 0;
      }
    }
    .header,
    .footer {
      flex: none;
      padding: var(--k-space) calc(var(--k-space) * 1.25);
      background: var(--k-bg);
    }
    .header {
      display: flex;
      align-items: flex-start;
      gap: var(--k-space);
      border-block-end: 1px solid var(--k-border);
    }
    /* The title takes focus when the dialog opens (a long dialog starts at its top);
       it is not a control, so it needs no ring. */
    .header h2[tabindex]:focus,
    .header h2[tabindex]:focus-visible {
      outline: none;
    }
    .header h2 {
      flex: 1;
      margin: 0;
      font-size: 1.375em;
      line-height: 1.3;
      align-self: center;
    }
    .close {
      flex: none;
      display: grid;
      place-items: center;
      inline-size: 2.75rem;
      block-size: 2.75rem;
      padding: 0;
      font-size: 1.5rem;
      line-height: 1;
      border-radius: 50%;
      background: transparent;
      color: var(--k-text);
      border: 2px solid var(--k-border);
      cursor: pointer;
    }
    .close:hover {
      background: var(--k-surface);
    }
    .close:focus-visible {
      outline: 3px solid var(--k-focus);
      outline-offset: 2px;
    }
    .close svg {
      inline-size: 1.25rem;
      block-size: 1.25rem;
    }
    .body {
      flex: 1 1 auto;
      overflow: auto;
      overscroll-behavior: contain;
      padding: var(--k-space) calc(var(--k-space) * 1.25);
    }
    .body > p {
      margin: 0 0 var(--k-space);
      overflow-wrap: anywhere;
    }
    .gpc {
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--k-switch-on);
      background: var(--k-surface);
    }
    h3.purposes-title {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .purpose {
      margin-block-end: 0.75rem;
      padding: var(--k-space);
      border: 1px solid var(--k-border);
      border-radius: calc(var(--k-radius) * 0.75);
      background: var(--k-surface);
    }
    /* The browser lays out only the cards near the view: the first paint of a long centre
       does not wait for the cards below it (still in the accessibility tree and find-in-page). */
    .purpose,
    .service {
      content-visibility: auto;
      contain-intrinsic-size: auto 12rem;
    }
    .service {
      contain-intrinsic-size: auto 7rem;
    }
    .purpose-head {
      display: flex;
      align-items: flex-start;
      gap: var(--k-space);
    }
    .purpose-head > div:first-child {
      flex: 1;
      min-inline-size: 0;
    }
    .purpose h3 {
      margin: 0;
      font-size: 1.0625em;
      line-height: 1.35;
    }
    .basis {
      display: inline-block;
      margin-block-start: 0.25rem;
      font-size: 0.875em;
      font-weight: 600;
      color: var(--k-muted);
    }
    .purpose p {
      margin: 0.5rem 0 0;
      overflow-wrap: anywhere;
    }
    .hint,
    .muted {
      color: var(--k-muted);
      font-size: 0.9375em;
    }
    .state {
      display: block;
      margin-block-start: 0.25rem;
      font-size: 0.8125em;
      text-align: center;
      color: var(--k-muted);
    }
    .control {
      flex: none;
      display: flex;
      flex-direction: column;
      align-items: center;
    }
    .services {
      margin-block-start: 0.75rem;
      display: grid;
      gap: 0.5rem;
    }
    .services h4 {
      margin: 0.75rem 0 0;
      font-size: 0.9375em;
    }
    .service {
      display: flex;
      align-items: flex-start;
      gap: var(--k-space);
      padding: 0.75rem;
      border-radius: calc(var(--k-radius) * 0.5);
      background: var(--k-bg);
      border: 1px solid var(--k-border);
    }
    .service > div:first-child {
      flex: 1;
      min-inline-size: 0;
    }
    .service strong {
      display: block;
    }
    dl {
      margin: 0.25rem 0 0;
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.125rem 0.75rem;
      font-size: 0.9375em;
    }
    dt {
      color: var(--k-muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .service a {
      display: inline-block;
      margin-block-start: 0.25rem;
      padding-block: 0.125rem;
    }
    .language {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      margin-block-end: 1rem;
    }
    .language label {
      font-weight: 600;
    }
    .language select {
      min-block-size: 2.75rem;
      padding: 0.5rem 0.75rem;
      font: inherit;
      color: inherit;
      background: var(--k-bg);
      border: 1px solid var(--k-border);
      border-radius: var(--k-button-radius);
    }
    .language select:focus-visible {
      outline: 3px solid var(--k-focus);
      outline-offset: 2px;
    }
    .toggle {
      margin-block-start: 0.75rem;
      min-block-size: 2.75rem;
      padding: 0.5rem 0.75rem;
      font: inherit;
      font-weight: 600;
      color: var(--k-link);
      background: transparent;
      border: 1px solid var(--k-border);
      border-radius: var(--k-button-radius);
      cursor: pointer;
      text-align: start;
    }
    .toggle:focus-visible {
      outline: 3px solid var(--k-focus);
      outline-offset: 2px;
    }
    .toggle::before {
      content: '▸';
      display: inline-block;
      margin-inline-end: 0.5rem;
      transition: transform var(--k-duration);
    }
    .toggle[aria-expanded='true']::before {
      transform: rotate(90deg);
    }
    .table-wrap {
      margin-block-start: 0.5rem;
      overflow-x: auto;
      border: 1px solid var(--k-border);
      border-radius: calc(var(--k-radius) * 0.5);
      background: var(--k-bg);
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-size: 0.875em;
    }
    caption {
      padding: 0.5rem 0.75rem;
      text-align: start;
      font-weight: 600;
    }
    th,
    td {
      padding: 0.5rem 0.75rem;
      text-align: start;
      vertical-align: top;
      border-block-start: 1px solid var(--k-border);
    }
    td code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      overflow-wrap: anywhere;
    }
    .decision {
      margin-block-start: var(--k-space);
      padding: var(--k-space);
      border: 1px solid var(--k-border);
      border-radius: calc(var(--k-radius) * 0.75);
    }
    .decision h3 {
      margin: 0 0 0.5rem;
      font-size: 1em;
    }
    .decision p {
      margin: 0;
    }
    .decision a {
      display: inline-block;
      margin-block-start: 0.5rem;
      padding-block: 0.25rem;
    }
    /* Accept all and reject all side by side, equal, first in the content (and the Tab order). */
    .actions {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
      gap: 0.75rem;
      margin-block-end: var(--k-space);
    }
    .footer {
      display: flex;
      justify-content: flex-end;
      border-block-start: 1px solid var(--k-border);
    }
    .footer .button {
      min-inline-size: min(100%, 16rem);
    }
    @media (max-width: 40rem) {
      .footer {
        padding-block: 0.75rem;
      }
      .footer .button {
        inline-size: 100%;
      }
      .purpose,
      .service {
        padding: 0.75rem;
      }
    }
    /* Short screens (400 % zoom: 320 × 256): title and save bar would leave the content a
       sliver, so the whole dialog scrolls as one and they scroll with it. */
    @media (max-height: 30rem) {
      dialog[open] {
        display: block;
        overflow: auto;
        overscroll-behavior: contain;
      }
      .body {
        overflow: visible;
      }
      /* Here the whole dialog scrolls: every card laid out, so focusing "Save" (after them all)
         scrolls to where it really is, not to where estimated card heights put it. */
      .purpose,
      .service {
        content-visibility: visible;
      }
    }
    @media (forced-colors: active) {
      dialog {
        border: 2px solid CanvasText;
      }
    }
  `,
];
