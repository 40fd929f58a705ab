// WCAG 2 contrast for the server-rendered pages (hosted quote page, demo
// sites): they check a tenant's theme colours before using them.

/** sRGB channels of a `#rgb`, `#rrggbb` or `rgb(r, g, b)` colour; null for any other form (or one with alpha). */
export function rgbOf(color: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex !== undefined) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgb\(\s*(\d{1,3})\s*,?\s*(\d{1,3})\s*,?\s*(\d{1,3})\s*\)$/i.exec(color);
  if (rgb === null) return null;
  const channels = rgb.slice(1, 4).map(Number) as [number, number, number];
  return channels.every((c) => c <= 255) ? channels : null;
}

/** WCAG 2 relative luminance, or null for a colour we cannot read. */
export function luminance(color: string): number | null {
  const rgb = rgbOf(color);
  if (rgb === null) return null;
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, or null when either cannot be read. */
export function contrast(a: string, b: string): number | null {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
