// Tenants' own email templates, rendered in a sandbox (issue #6): a private
// Handlebars instance per template, strict (a misspelt name throws), no
// prototype access, no partials or decorators, only the block helpers if,
// unless, each and with, no unescaped output in HTML, and limits on the
// source's size, the work a render may do (block steps and wall time) and
// the output's size. A template that breaks any of them throws
// TemplateSandboxError; the caller falls back to the default template.
import Handlebars from 'handlebars';

export type TemplatePart = 'subject' | 'text' | 'html';

export const SOURCE_LIMITS: Record<TemplatePart, number> = { subject: 500, text: 20_000, html: 100_000 };
const OUTPUT_LIMITS: Record<TemplatePart, number> = { subject: 300, text: 100_000, html: 500_000 };

export interface RenderLimits {
  /** Block steps (each iteration, each if/unless/with) one render may take. */
  maxSteps: number;
  /** Wall time one render may take. */
  maxMs: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = Object.freeze({ maxSteps: 5_000, maxMs: 50 });

export class TemplateSandboxError extends Error {
  override name = 'TemplateSandboxError';
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

interface Node {
  type: string;
  [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** Why the template's syntax tree is not allowed, or null. */
function checkTree(node: unknown, part: TemplatePart): string | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const problem = checkTree(child, part);
      if (problem) return problem;
    }
    return null;
  }
  if (!isNode(node)) return null;
  const line = (node.loc as { start?: { line?: number } } | undefined)?.start?.line;
  const at = line === undefined ? '' : ` (line ${line})`;
  switch (node.type) {
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return `partials are not available${at}`;
    case 'Decorator':
    case 'DecoratorBlock':
      return `decorators are not available${at}`;
    case 'MustacheStatement': {
      if (part === 'html' && node.escaped === false) return `unescaped output ({{{…}}} or {{&…}}) is not allowed in HTML${at}`;
      const params = node.params as unknown[];
      if (params.length > 0 || (node.hash as { pairs?: unknown[] } | undefined)?.pairs?.length) return `helpers are not available in {{…}}${at}`;
      break;
    }
    case 'SubExpression':
      return `helpers are not available${at}`;
    case 'BlockStatement': {
      const name = (node.path as { original?: unknown }).original;
      if (typeof name !== 'string' || !BLOCK_HELPERS.has(name)) return `the block helper ${String(name)} is not available (only if, unless, each, with)${at}`;
      break;
    }
    case 'PathExpression': {
      const parts = node.parts as string[];
      const bad = parts.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
      if (bad !== undefined) return `"${bad}" cannot be read${at}`;
      break;
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'strip' || key === 'openStrip' || key === 'closeStrip' || key === 'inverseStrip') continue;
    const problem = checkTree(value, part);
    if (problem) return problem;
  }
  return null;
}

const compileOptions = (part: TemplatePart): CompileOptions => ({
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { if: true, unless: true, each: true, with: true, log: false, lookup: false },
  noEscape: part !== 'html',
  preventIndent: true,
});

/** Why `source` cannot be a template of this part (syntax, size, what it uses), or null when it can. */
export function checkTemplate(source: string, part: TemplatePart): string | null {
  if (source.length > SOURCE_LIMITS[part]) return `is longer than ${SOURCE_LIMITS[part]} characters`;
  let tree: unknown;
  try {
    tree = Handlebars.parse(source);
  } catch (error) {
    return `is not a valid template: ${firstLine((error as Error).message)}`;
  }
  const problem = checkTree(tree, part);
  if (problem) return problem;
  try {
    Handlebars.precompile(source, compileOptions(part));
  } catch (error) {
    return `is not a valid template: ${firstLine((error as Error).message)}`;
  }
  return null;
}

/** Handlebars' message on one line (its parse errors draw a caret under the source). */
function firstLine(message: string): string {
  return message.replace(/:?\s*\n[\s\S]*?\n-*\^\n/, ': ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

interface Budget {
  steps: number;
  deadline: number;
  limits: RenderLimits;
}

// Rendering is synchronous, so the budget of the render under way is simply the current one.
let budget: Budget | null = null;

function tick(): void {
  if (budget === null) return;
  budget.steps += 1;
  if (budget.steps > budget.limits.maxSteps) throw new TemplateSandboxError(`took more than ${budget.limits.maxSteps} block steps`);
  if (performance.now() > budget.deadline) throw new TemplateSandboxError(`took longer than ${budget.limits.maxMs} ms`);
}

/** A private Handlebars whose block helpers count against the budget. */
function sandboxedHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  for (const name of ['log', 'lookup']) hb.unregisterHelper(name);
  for (const name of BLOCK_HELPERS) {
    const original = hb.helpers[name] as Handlebars.HelperDelegate;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      tick();
      const options = args[args.length - 1] as Handlebars.HelperOptions;
      const { fn, inverse } = options;
      const counted = (inner: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate =>
        function (this: unknown, context: unknown, opts?: Handlebars.RuntimeOptions) {
          tick();
          return inner.call(this, context, opts);
        } as Handlebars.TemplateDelegate;
      const wrapped = { ...options, fn: counted(fn), inverse: counted(inverse) };
      return (original as (...all: unknown[]) => unknown).apply(this, [...args.slice(0, -1), wrapped]);
    });
  }
  return hb;
}

export interface SandboxedTemplate {
  /** Renders with `data`; throws TemplateSandboxError (or Handlebars' own error, e.g. a missing name in strict mode). */
  render(data: Record<string, unknown>, limits?: RenderLimits): string;
}

/** Compiles a tenant's template after checking it; throws TemplateSandboxError when it may not be used. */
export function compileSandboxed(source: string, part: TemplatePart): SandboxedTemplate {
  const problem = checkTemplate(source, part);
  if (problem) throw new TemplateSandboxError(problem);
  const hb = sandboxedHandlebars();
  const template = hb.compile(source, compileOptions(part));
  return {
    render(data, limits = DEFAULT_RENDER_LIMITS) {
      budget = { steps: 0, deadline: performance.now() + limits.maxMs, limits };
      let output: string;
      try {
        output = template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, partials: {}, decorators: {} });
      } finally {
        budget = null;
      }
      if (output.length > OUTPUT_LIMITS[part]) throw new TemplateSandboxError(`rendered more than ${OUTPUT_LIMITS[part]} characters`);
      return output;
    },
  };
}
