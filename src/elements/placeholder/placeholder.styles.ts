import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';

export const placeholderStyles = [
  tokens,
  buttons,
  css`
    :host {
      display: block;
      max-inline-size: 100%;
    }
    .base {
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 0.75rem;
      block-size: 100%;
      min-block-size: var(--keuze-placeholder-min-height, 12rem);
      padding: calc(var(--k-space) * 1.25);
      border: 1px solid var(--k-border);
      border-radius: var(--k-radius);
      background: var(--k-surface);
      color: var(--k-text);
      overflow: auto;
    }
    h2 {
      margin: 0;
      font-size: 1.125em;
      line-height: 1.3;
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
  `,
];
