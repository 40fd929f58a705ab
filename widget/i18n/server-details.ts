// The server's 422 `details` (`{ path, message }`, api.md's error shape) in the
// widget's language. The server writes its messages in English and gives no
// per-detail code, so the paths, and the wording of the bounds it sends today
// (server/pricing/field-values.ts, server/pricing/zod-issues.ts), are matched
// here. A field's other problems (not a number, off the step, not an option)
// all read "This value is not allowed."; anything else is shown as the server
// wrote it.
import type { ErrorDetail } from '../internal/api-client.ts';
import { format, M, type Messages } from './messages.ts';

/** The visitor's words for one detail, in `m`'s language; numbers formatted for `locale`. */
export function detailText({ path, message }: ErrorDetail, m: Messages, locale: string): string {
  if (path === 'consent' || message.startsWith('is required')) return m[M.required];
  if (path === 'contact.email') return m[M.badEmail];
  if (path === 'contact.phone') return m[M.badPhone];
  // "must be at least 1", "must be at most 30 m²", "must be at most 200 characters long"
  const bound = /^must be at (least|most) (-?[\d.]+)(.*)/.exec(message);
  if (bound) {
    const n = new Intl.NumberFormat(locale).format(Number(bound[2]));
    const rest = bound[3]!;
    return rest.startsWith(' char') ? format(m[M.long], n) : format(bound[1] === 'least' ? m[M.min] : m[M.max], n + rest);
  }
  return path.startsWith('fields.') ? m[M.invalid] : message;
}
