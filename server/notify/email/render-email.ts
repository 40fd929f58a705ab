// An email's content: the default layout (HTML and text parts) from its view,
// or the tenant's own template rendered in the sandbox, falling back to the
// default — whole — when any part of the override fails.
import { join } from 'node:path';
import { templatesIn } from '../../html/templates.ts';
import type { EmailView } from './email-view.ts';
import { compileSandboxed, DEFAULT_RENDER_LIMITS, type RenderLimits, type TemplatePart } from './sandbox.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** A tenant's own template for one email; any part left out comes from the default. */
export interface EmailOverride {
  subject?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
}

const dir = join(import.meta.dirname, 'templates');
const htmlLayout = templatesIn(dir, [])('layout.html');
const textLayout = templatesIn(dir, [], { noEscape: true })('layout.text');

function tidyText(text: string): string {
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The default email for a view. */
export function renderDefault(view: EmailView): EmailContent {
  return { subject: oneLine(view.subject), text: tidyText(textLayout(view)), html: htmlLayout(view) };
}

export interface OverrideResult {
  content: EmailContent;
  /** Set when the override could not be used (and the default was): which part, and why. */
  failure: { part: TemplatePart; error: string } | null;
}

/** The tenant's override rendered with `context`; on any failure, the default email and the reason. */
export function renderWithOverride(view: EmailView, override: EmailOverride | undefined, context: Record<string, unknown>, limits: RenderLimits = DEFAULT_RENDER_LIMITS): OverrideResult {
  const fallback = renderDefault(view);
  if (!override || (override.subject === undefined && override.text === undefined && override.html === undefined)) return { content: fallback, failure: null };
  const content = { ...fallback };
  for (const part of ['subject', 'text', 'html'] as const) {
    const source = override[part];
    if (source === undefined) continue;
    try {
      const rendered = compileSandboxed(source, part).render(context, limits);
      if (part === 'subject') {
        content.subject = oneLine(rendered);
        if (content.subject === '') throw new Error('rendered an empty subject');
      } else {
        content[part] = part === 'text' ? tidyText(rendered) : rendered;
      }
    } catch (error) {
      const message = (error as Error).message.replace(' in [object Object]', '').replace(/\s+/g, ' ').slice(0, 300);
      return { content: fallback, failure: { part, error: message } };
    }
  }
  return { content, failure: null };
}
