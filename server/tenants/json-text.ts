// JSON text → value, with what JSON.parse does not say: the line and column
// of a syntax error (V8 gives no position for some errors), and keys given
// twice in one object (JSON.parse silently keeps the last, so a tenant's
// second "services" would quietly replace the first).
import type { ErrorDetail } from '../errors.ts';
import { formatPath } from '../pricing/zod-issues.ts';

export type JsonText =
  | { ok: true; value: unknown; duplicateKeys: ErrorDetail[] }
  | { ok: false; line: number; column: number; message: string };

class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
/** Deeper nesting than any configuration needs; keeps the recursive scan far from the stack limit. */
const MAX_DEPTH = 200;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Parses JSON text (a leading byte-order mark is ignored). */
export function parseJsonText(source: string): JsonText {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const duplicateKeys: ErrorDetail[] = [];
  try {
    const scanner = new Scanner(text, duplicateKeys);
    scanner.document();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.offset).split('\n');
    return { ok: false, line: before.length, column: (before.at(-1) ?? '').length + 1, message: error.message };
  }
  return { ok: true, value: JSON.parse(text), duplicateKeys };
}

/** Walks the text by the JSON grammar (RFC 8259), throwing at the first error. */
class Scanner {
  private pos = 0;
  private readonly text: string;
  private readonly duplicates: ErrorDetail[];

  constructor(text: string, duplicates: ErrorDetail[]) {
    this.text = text;
    this.duplicates = duplicates;
  }

  document(): void {
    this.value([]);
    this.whitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
  }

  private value(path: PropertyKey[]): void {
    if (path.length > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    this.whitespace();
    const ch = this.text[this.pos];
    if (ch === '{') this.object(path);
    else if (ch === '[') this.array(path);
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.fail(`unexpected ${this.describe()}, expected a value`);
  }

  private object(path: PropertyKey[]): void {
    this.pos += 1;
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] !== '"') {
        const trailing = this.text[this.pos] === '}' && keys.size > 0 ? ' (a comma may not come before "}")' : '';
        this.fail(`unexpected ${this.describe()}, expected a property name in double quotes${trailing}`);
      }
      const key = JSON.parse(this.string()) as string;
      if (keys.has(key)) this.duplicates.push({ path: formatPath([...path, key]), message: 'is given more than once in this object' });
      keys.add(key);
      this.whitespace();
      if (this.text[this.pos] !== ':') this.fail(`unexpected ${this.describe()}, expected ":" after the property name`);
      this.pos += 1;
      this.value([...path, key]);
      this.whitespace();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === '}') return;
      if (next !== ',') this.fail(`unexpected ${this.describe(-1)}, expected "," or "}"`, -1);
    }
  }

  private array(path: PropertyKey[]): void {
    this.pos += 1;
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index++) {
      this.whitespace();
      if (this.text[this.pos] === ']') this.fail('unexpected "]", expected a value (a comma may not come before "]")');
      this.value([...path, index]);
      this.whitespace();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === ']') return;
      if (next !== ',') this.fail(`unexpected ${this.describe(-1)}, expected "," or "]"`, -1);
    }
  }

  /** Scans a string; answers its source text, quotes included. */
  private string(): string {
    const start = this.pos;
    this.pos += 1;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string', start - this.pos);
      if (ch === '"') {
        this.pos += 1;
        return this.text.slice(start, this.pos);
      }
      if (ch === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape: it needs 4 hex digits');
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !ESCAPES.has(escape)) this.fail('invalid escape in string');
        this.pos += 2;
        continue;
      }
      if (ch < ' ') this.fail('unescaped line break or control character in string');
      this.pos += 1;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('invalid number');
    this.pos += match[0].length;
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private whitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  private describe(shift = 0): string {
    const ch = this.text[this.pos + shift];
    return ch === undefined ? 'end of file' : JSON.stringify(ch);
  }

  private fail(message: string, shift = 0): never {
    throw new JsonSyntaxError(this.pos + shift, message);
  }
}
