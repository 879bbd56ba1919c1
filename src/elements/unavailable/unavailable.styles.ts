import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';

export const unavailableStyles = [
  tokens,
  buttons,
  css`
    dialog {
      box-sizing: border-box;
      max-inline-size: min(28rem, calc(100vw - 2rem));
      padding: calc(var(--k-space) * 1.25);
      border: 1px solid var(--k-border);
      border-radius: var(--k-radius);
      background: var(--k-surface);
      color: var(--k-text);
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.125em;
      line-height: 1.3;
    }
    p {
      margin: 0 0 1rem;
      overflow-wrap: anywhere;
    }
  `,
];
