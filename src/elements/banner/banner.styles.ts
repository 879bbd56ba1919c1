import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';

export const bannerStyles = [
  tokens,
  buttons,
  css`
    /* The host is the fixed box, not an element inside it: privacy tools look for a
       page's fixed elements to find a consent banner, and see a button as visible
       only when no fixed element of a shadow root lies between it and the page. */
    :host {
      position: fixed;
      z-index: var(--k-z);
      inset-inline: 0;
      inset-block-end: 0;
    }
    :host([layout='box']) {
      inset-inline: auto var(--k-space);
      inset-block-end: var(--k-space);
      inline-size: min(26rem, calc(100vw - 2 * var(--k-space)));
    }
    .banner {
      margin: 0;
      padding: calc(var(--k-space) * 1.25) var(--k-space);
      background: var(--k-bg);
      color: var(--k-text);
      border: 1px solid var(--k-border);
      box-shadow: var(--k-shadow);
      max-block-size: 100dvh;
      overflow: auto;
      animation: keuze-rise var(--k-duration) ease-out;
    }
    .bar {
      border-width: 1px 0 0;
    }
    .box {
      border-radius: var(--k-radius);
    }
    .modal {
      position: fixed;
      inset: 0;
      margin: auto;
      inline-size: min(36rem, calc(100vw - 2 * var(--k-space)));
      max-block-size: calc(100dvh - 2 * var(--k-space));
      border-radius: var(--k-radius);
    }
    .modal::backdrop {
      background: var(--k-backdrop);
    }
    .inner {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--k-space) calc(var(--k-space) * 2);
      max-inline-size: var(--k-max-width);
      margin-inline: auto;
    }
    .text {
      flex: 1 1 28rem;
      min-inline-size: 0;
    }
    .box .text,
    .modal .text {
      flex-basis: 100%;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.25em;
      line-height: 1.3;
      font-weight: 700;
    }
    p {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }
    p:last-child {
      margin-block-end: 0;
    }
    .gpc {
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--k-switch-on);
      background: var(--k-surface);
    }
    .actions {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 0.75rem;
      flex: 1 1 34rem;
    }
    .box .actions,
    .modal .actions {
      flex-basis: 100%;
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    /* The decision buttons are light-DOM children (banner.ts says why). Every
       declaration is !important: in a shadow root's styles that outranks the page's
       CSS, important or not, so a site's global rules restyle neither button. */
    ::slotted(button) {
      all: unset !important;
      box-sizing: border-box !important;
      display: block !important;
      font: inherit !important;
      font-weight: 600 !important;
      line-height: 1.25 !important;
      letter-spacing: normal !important;
      text-transform: none !important;
      min-block-size: 2.75rem !important;
      min-inline-size: 2.75rem !important;
      padding: 0.625rem 1.125rem !important;
      border: 2px solid var(--k-button-bg) !important;
      border-radius: var(--k-button-radius) !important;
      background: var(--k-button-bg) !important;
      color: var(--k-button-text) !important;
      cursor: pointer !important;
      text-align: center !important;
      overflow-wrap: anywhere !important;
      transition:
        background-color var(--k-duration),
        border-color var(--k-duration) !important;
    }
    ::slotted(button:hover) {
      background: var(--k-button-hover) !important;
      border-color: var(--k-button-hover) !important;
    }
    ::slotted(button:focus-visible) {
      outline: 3px solid var(--k-focus) !important;
      outline-offset: 2px !important;
    }
    .box ::slotted([slot='open-centre']),
    .modal ::slotted([slot='open-centre']) {
      grid-column: 1 / -1 !important;
    }
    @media (max-width: 40rem) {
      .actions,
      .box .actions,
      .modal .actions {
        grid-template-columns: 1fr;
      }
      .banner {
        max-block-size: 70dvh;
      }
      .modal {
        max-block-size: calc(100dvh - 2 * var(--k-space));
      }
    }
    @keyframes keuze-rise {
      from {
        transform: translateY(1rem);
        opacity: 0;
      }
    }
    @media (forced-colors: active) {
      ::slotted(button) {
        border-color: ButtonText !important;
        background: ButtonFace !important;
        color: ButtonText !important;
      }
      ::slotted(button:focus-visible) {
        outline-color: Highlight !important;
      }
      .banner {
        border: 2px solid CanvasText;
      }
    }
  `,
];
