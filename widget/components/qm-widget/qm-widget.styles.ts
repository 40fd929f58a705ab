import { css } from '../../internal/css.ts';

// `all: initial` at :host stops inherited host-page styles at the boundary,
// but a hostile page's `* { color: magenta !important }` still matches the
// host element itself and beats any normal :host rule. So the host only lays
// out, and the wrapper inside (.qm, which no outside selector can reach) sets
// every inherited text property explicitly. Custom properties still pass, on
// purpose: they are the theming surface (--qm-*).
export const styles = css`
  :host {
    all: initial;
    display: block;
    max-width: 40rem;
  }
  .qm {
    box-sizing: border-box;
    padding: var(--qm-spacing, 16px);
    font: var(--qm-font-size, 16px) / 1.4 var(--qm-font-family, system-ui, sans-serif); /* the shorthand resets weight, style, variant and stretch too */
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    color: var(--qm-color-text, #111827);
    background: var(--qm-color-surface, #fff);
    border: 1px solid var(--qm-color-border, #8a94a6);
    border-radius: var(--qm-radius, 8px);
    box-shadow: var(--qm-shadow, none);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: inherit;
  }
  h2 {
    margin: 0 0 var(--qm-spacing, 16px);
    font-size: 1.25em;
  }
  /* A step's heading takes focus (for screen readers) but is not a control: no focus ring. */
  h2:focus {
    outline: 0;
  }
  /* A quote number, a price range: never broken at their hyphen or dash. */
  .nw {
    white-space: nowrap;
  }
  form {
    display: grid;
    gap: calc(var(--qm-spacing, 16px) * 0.75);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  label,
  legend {
    font-weight: 600;
  }
  .check {
    display: flex;
    gap: 8px;
    align-items: center;
    font-weight: 400;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    padding: 6px 8px;
    border: 1px solid var(--qm-color-border, #8a94a6);
    border-radius: calc(var(--qm-radius, 8px) / 2);
    background: var(--qm-color-surface, #fff);
    min-height: 2.5em;
  }
  input[type='checkbox'] {
    width: 1.1em;
    height: 1.1em;
    accent-color: var(--qm-color-primary, #1d4ed8);
  }
  :focus-visible {
    outline: 3px solid var(--qm-color-focus, #2563eb);
    outline-offset: 2px;
  }
  .help,
  .unit,
  .filled-note,
  .field-error {
    color: var(--qm-color-muted, #4b5563);
    font-size: 0.875em;
  }
  .price {
    margin-top: var(--qm-spacing, 16px);
    padding-top: calc(var(--qm-spacing, 16px) * 0.75);
    border-top: 1px solid var(--qm-color-border, #8a94a6);
  }
  .price table {
    width: 100%;
    border-collapse: collapse;
  }
  .price td {
    padding: 2px 0;
  }
  .price td:last-child {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .total td {
    font-weight: 700;
    font-size: 1.2em;
    color: var(--qm-color-primary, #1d4ed8);
    padding-top: 6px;
  }
  .error {
    color: var(--qm-color-error, #b91c1c);
  }
  .pending {
    opacity: 0.6;
  }
  /* the one link is "View your quote", a primary button */
  button,
  a {
    font: inherit;
    color: inherit;
    padding: 8px 16px;
    min-height: 2.75em;
    border: 1px solid var(--qm-color-border, #8a94a6);
    border-radius: calc(var(--qm-radius, 8px) / 2);
    background: var(--qm-color-surface, #fff);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .primary {
    color: var(--qm-color-on-primary, #fff);
    background: var(--qm-color-primary, #1d4ed8);
    border-color: transparent;
    font-weight: 600;
  }
  button:disabled,
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: flex-end;
  }
  .services {
    display: grid;
    gap: 8px;
  }
  .service {
    display: grid;
    text-align: start;
  }
  .describe {
    margin-bottom: var(--qm-spacing, 16px);
  }
  .note:empty {
    display: none;
  }
  .filled :is(input, select) {
    border-color: var(--qm-color-primary, #1d4ed8);
    box-shadow: 0 0 0 2px var(--qm-color-highlight, #fde68a);
  }
  .field-error,
  [aria-invalid='true'] {
    color: var(--qm-color-error, #b91c1c);
    border-color: currentColor;
  }
  .hp,
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skeleton {
    display: grid;
    gap: 12px;
  }
  .skeleton i {
    display: block;
    height: 1.25em;
    border-radius: 4px;
    background: var(--qm-color-border, #8a94a6);
    opacity: 0.25;
    animation: qm-pulse 1s infinite alternate;
  }
  @keyframes qm-pulse {
    to {
      opacity: 0.1;
    }
  }
`;
