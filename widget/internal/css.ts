// A `css` tag for our own static stylesheets: Lit's CSSResult through
// unsafeCSS, without lit's `css` (which checks interpolated values we never
// have: the build refuses interpolations in *.styles.ts, rollup.config.mjs).
// Saves lit's checking code in the bundle (decision 0018).
import { unsafeCSS, type CSSResult } from 'lit';

export const css = (strings: TemplateStringsArray): CSSResult => unsafeCSS(strings[0]);
