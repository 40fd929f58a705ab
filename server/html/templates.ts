// Handlebars for the server-rendered pages: a private instance per folder of
// templates, so no other code's helpers or partials can reach them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

// strict: a misspelt name in a template throws instead of printing nothing;
// knownHelpersOnly: templates can call nothing but the built-in block helpers.
const compileOptions: CompileOptions = { strict: true, knownHelpersOnly: true, knownHelpers: { if: true, each: true } };

/**
 * Compiles `<dir>/<name>.hbs` files with one private Handlebars instance; `partials` are registered first.
 * `noEscape` is for plain-text output (the text part of an email), where HTML escaping would garble the text.
 */
export function templatesIn(dir: string, partials: readonly string[], options: { noEscape?: boolean } = {}): (name: string) => Handlebars.TemplateDelegate {
  const handlebars = Handlebars.create();
  const compile = (name: string): Handlebars.TemplateDelegate => {
    const source = readFileSync(join(dir, `${name}.hbs`), 'utf8');
    handlebars.parse(source); // a syntax error fails the import, not the first visitor
    return handlebars.compile(source, options.noEscape ? { ...compileOptions, noEscape: true } : compileOptions);
  };
  for (const partial of partials) handlebars.registerPartial(partial, compile(partial));
  return compile;
}
