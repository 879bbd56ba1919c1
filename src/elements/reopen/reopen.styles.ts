import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';

export const reopenStyles = [
  tokens,
  buttons,
  css`
    button {
      position: fixed;
      z-index: calc(var(--k-z) - 1);
      inset-block-end: var(--keuze-reopen-offset, 1rem);
      inset-inline-start: var(--keuze-reopen-offset, 1rem);
      display: grid;
      place-items: center;
      inline-size: max(24px, var(--keuze-reopen-size, 3rem));
      block-size: max(24px, var(--keuze-reopen-size, 3rem));
      padding: 0;
      border-radius: 50%;
      box-shadow: var(--k-shadow);
    }
    :host([position='bottom-right']) button,
    :host([position='top-right']) button {
      inset-inline-start: auto;
      inset-inline-end: var(--keuze-reopen-offset, 1rem);
    }
    :host([position^='top']) button {
      inset-block-end: auto;
      inset-block-start: var(--keuze-reopen-offset, 1rem);
    }
    svg {
      /* A fixed size: percentages of the button's auto size collapse to a dot. */
      inline-size: 1.5rem;
      block-size: 1.5rem;
      flex: none;
    }
  `,
];
