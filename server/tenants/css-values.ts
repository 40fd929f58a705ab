// What a theme token may hold. Token values end up inside a `<style>` of the
// widget's shadow root (`--qm-color-primary: <value>`), so a value must never
// be able to close the declaration, open a rule, load a resource or run
// script: it is checked against a small grammar per kind, after a blanket
// refusal of the characters and functions that could do any of that.
// See docs/decisions/0005-tenant-files-and-themes.md.

/** What a token holds, which decides the grammar its value is checked against. */
export type CssValueKind = 'color' | 'length' | 'font-family' | 'shadow';

/** Longest value accepted; real shadows and font stacks are far shorter. */
export const MAX_CSS_VALUE_LENGTH = 200;

const FORBIDDEN_CHARACTERS = /[;{}<>\\]/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const FORBIDDEN_FUNCTIONS = /\b(url|expression|image|image-set|element|src|var|attr|env)\s*\(/i;

/** The CSS named colours (CSS Color 4), plus `transparent` and `currentcolor`. */
export const NAMED_COLORS: ReadonlySet<string> = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white ' +
    'whitesmoke yellow yellowgreen transparent currentcolor'
  ).split(' '),
);

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const HEX_COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const COLOR_FUNCTION = /^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(([^()]*)\)$/i;
const COLOR_ARGUMENT = new RegExp(String.raw`^(?:${NUMBER}(?:%|deg|grad|rad|turn)?|none)$`, 'i');
const LENGTH_UNITS = '(?:px|rem|em|%|ch|ex|vh|vw|vmin|vmax|pt)';
const LENGTH = new RegExp(String.raw`^(?:0|(?:\d+(?:\.\d+)?|\.\d+)${LENGTH_UNITS})$`, 'i');
const SIGNED_LENGTH = new RegExp(String.raw`^(?:[+-]?0|[+-]?(?:\d+(?:\.\d+)?|\.\d+)${LENGTH_UNITS})$`, 'i');
const QUOTED_FAMILY = /^(?:"[^"]+"|'[^']+')$/;
const UNQUOTED_FAMILY = /^-?[A-Za-z_][\w-]*(?: +-?[A-Za-z_][\w-]*)*$/;

/** `#hex`, `rgb()`/`hsl()` and the other colour functions with plain numeric arguments, or a colour name. */
export function isCssColor(value: string): boolean {
  if (HEX_COLOR.test(value)) return true;
  if (NAMED_COLORS.has(value.toLowerCase())) return true;
  const fn = COLOR_FUNCTION.exec(value);
  if (!fn) return false;
  const args = (fn[1] ?? '').trim().split(/\s*[,/]\s*|\s+/);
  return args.length >= 3 && args.length <= 4 && args.every((arg) => COLOR_ARGUMENT.test(arg));
}

/** A single non-negative length (`8px`, `1.5rem`, `50%`) or `0`. */
export function isCssLength(value: string): boolean {
  return LENGTH.test(value);
}

/** A font stack: quoted names or plain identifiers, comma-separated (`"Inter", system-ui, sans-serif`). */
export function isCssFontFamily(value: string): boolean {
  return value.split(',').every((family) => {
    const name = family.trim();
    return QUOTED_FAMILY.test(name) || UNQUOTED_FAMILY.test(name);
  });
}

/** `none`, or box shadows: each 2–4 lengths, at most one colour, optionally `inset`; comma-separated. */
export function isCssShadow(value: string): boolean {
  if (value.trim().toLowerCase() === 'none') return true;
  return splitOutside(value, ',').every((shadow) => {
    let lengths = 0;
    let colors = 0;
    let insets = 0;
    for (const part of splitOutside(shadow.trim(), ' ')) {
      if (part === '') continue;
      if (part.toLowerCase() === 'inset') insets += 1;
      else if (SIGNED_LENGTH.test(part)) lengths += 1;
      else if (isCssColor(part)) colors += 1;
      else return false;
    }
    return lengths >= 2 && lengths <= 4 && colors <= 1 && insets <= 1;
  });
}

/** Splits at `separator` where it is not inside parentheses (`rgb(0, 0, 0)` stays whole). */
function splitOutside(value: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (depth === 0 && (ch === separator || (separator === ' ' && ch === '\t'))) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

const GRAMMARS: Record<CssValueKind, { test: (value: string) => boolean; expected: string }> = {
  color: { test: isCssColor, expected: 'must be a colour: #hex, rgb(), hsl() (or another colour function) or a CSS colour name' },
  length: { test: isCssLength, expected: 'must be one length like 8px, 1.5rem, 50% or 0' },
  'font-family': { test: isCssFontFamily, expected: 'must be a list of font families like "Inter", system-ui, sans-serif' },
  shadow: { test: isCssShadow, expected: 'must be a box shadow like 0 1px 3px rgba(0, 0, 0, 0.2), or none' },
};

/** Why `value` is not a safe value of this kind, or null when it is. */
export function checkCssValue(kind: CssValueKind, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'must not be empty';
  if (value.length > MAX_CSS_VALUE_LENGTH) return `must be at most ${MAX_CSS_VALUE_LENGTH} characters long`;
  if (CONTROL_CHARACTERS.test(value)) return 'must not contain line breaks or other control characters';
  const forbidden = FORBIDDEN_CHARACTERS.exec(value);
  if (forbidden) return `must not contain "${forbidden[0]}"`;
  const fn = FORBIDDEN_FUNCTIONS.exec(value);
  if (fn) return `must not use ${(fn[1] ?? '').toLowerCase()}()`;
  if (/\/\*|!/.test(value)) return 'must not contain comments or "!"';
  const grammar = GRAMMARS[kind];
  return grammar.test(trimmed) ? null : grammar.expected;
}
