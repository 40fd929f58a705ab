import { css } from '../../internal/css.ts';

// Like <qm-widget>: `all: initial` at :host keeps inherited host-page styles
// out; the button and the dialog set their own font and colour because a
// hostile page's `* { … !important }` still reaches the host element itself.
// One rule a line (the build minifies it anyway, rollup.config.mjs). The
// ::part rules reach into the widget in the dialog: no box of its own, and its
// step buttons stick to the dialog's bottom so they stay in view while the form scrolls.
export const styles = css`
:host{all:initial;display:block}
:host([hidden]),:host([no-button]) .launcher{display:none}
.launcher,dialog{font:var(--qm-font-size,16px)/1.4 var(--qm-font-family,system-ui,sans-serif);letter-spacing:normal}
.launcher{position:fixed;right:var(--qm-launcher-offset,20px);bottom:var(--qm-launcher-offset,20px);z-index:2147483000;min-height:48px;margin:0;padding:12px 20px;border:0;border-radius:var(--qm-launcher-radius,999px);color:var(--qm-color-on-primary,#fff);background:var(--qm-color-primary,#1d4ed8);box-shadow:var(--qm-shadow,0 4px 12px #0003);font-weight:600;cursor:pointer}
:focus-visible{outline:3px solid var(--qm-color-focus,#2563eb);outline-offset:2px}
dialog{box-sizing:border-box;width:min(40rem,100vw - 32px);max-width:none;max-height:calc(100dvh - 32px);padding:0;border:0;border-radius:var(--qm-radius,8px);color:var(--qm-color-text,#111827);background:var(--qm-color-surface,#fff);box-shadow:0 12px 40px #0000004d;overflow:auto}
dialog::backdrop{background:#00000080}
header{position:sticky;top:0;z-index:1;display:flex;align-items:center;justify-content:space-between;padding:8px 8px 8px var(--qm-spacing,16px);background:inherit;border-bottom:1px solid var(--qm-color-border,#8a94a6)}
h2{margin:0;font-size:1em}
.close{width:44px;height:44px;padding:0;border:0;border-radius:4px;color:inherit;background:none;font:inherit;font-size:1.5em;cursor:pointer}
qm-widget{max-width:none}
qm-widget::part(base){border:0;border-radius:0;box-shadow:none}
qm-widget::part(actions){position:sticky;bottom:0;padding:8px 0;background:var(--qm-color-surface,#fff)}
@media (max-width:600px){dialog{width:100vw;height:100dvh;max-height:100dvh;margin:0;border-radius:0}}
`;
