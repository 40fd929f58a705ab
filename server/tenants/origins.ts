// Allowed embed origins. A browser's `Origin` header is scheme, host and
// port, lowercase, with IDN hosts in punycode and no default port; a tenant's
// list is normalised the same way so that one string comparison decides.

export type OriginCheck = { ok: true; origin: string } | { ok: false; message: string };

const SHAPE = /^(https?):\/\/([^/?#]+)\/?$/i;

/** `HTTPS://Shop.Example.com:443/` → `https://shop.example.com`; refuses paths, queries, credentials and wildcards. */
export function normaliseOrigin(input: string): OriginCheck {
  const value = input.trim();
  const shape = SHAPE.exec(value);
  if (!shape) {
    return /^https?:\/\//i.test(value)
      ? { ok: false, message: 'must be an origin only: no path, query or fragment (like https://www.example.com)' }
      : { ok: false, message: 'must start with https:// or http:// (like https://www.example.com)' };
  }
  const host = shape[2] ?? '';
  if (host.includes('@')) return { ok: false, message: 'must not contain a user name or password' };
  if (host.includes('*')) return { ok: false, message: 'must not contain wildcards: list each origin' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `"${host}" is not a valid host (and port)` };
  }
  return { ok: true, origin: url.origin };
}
