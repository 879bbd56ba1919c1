import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';

export const bannerStyles = [
  tokens,
  buttons,
  css`
    .banner {
      position: fixed;
      z-index: var(--k-z);
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
      inset-inline: 0;
      inset-block-end: 0;
      border-width: 1px 0 0;
    }
    .box {
      inset-block-end: var(--k-space);
      inset-inline-end: var(--k-space);
      inline-size: min(26rem, calc(100vw - 2 * var(--k-space)));
      border-radius: var(--k-radius);
    }
    .modal {
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
    .box .settings,
    .modal .settings {
      grid-column: 1 / -1;
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
      .banner {
        border: 2px solid CanvasText;
      }
    }
  `,
];
