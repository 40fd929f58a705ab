/**
 * Collapses runs of whitespace in the static text of html`…` templates to one
 * space (what HTML rendering makes of them anyway; the widget has no <pre> or
 * <textarea> content in templates). Scans the code, following `${…}`
 * expressions, strings, comments and nested templates.
 */
export function collapseHtmlTemplates(code) {
  let out = '';
  let i = 0;
  const copyUntilTemplate = (stopAtBrace) => {
    let depth = 0;
    while (i < code.length) {
      const c = code[i];
      const next = code[i + 1];
      if (c === '/' && next === '/') {
        const end = code.indexOf('\n', i);
        const stop = end === -1 ? code.length : end;
        out += code.slice(i, stop);
        i = stop;
      } else if (c === '/' && next === '*') {
        const stop = code.indexOf('*/', i + 2) + 2;
        out += code.slice(i, stop);
        i = stop;
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
        out += code.slice(i, j + 1);
        i = j + 1;
      } else if (c === '`') {
        const isHtml = /\bhtml\s*$/.test(code.slice(Math.max(0, i - 12), i));
        out += '`';
        i += 1;
        template(isHtml);
      } else if (stopAtBrace && c === '{') {
        depth += 1;
        out += c;
        i += 1;
      } else if (stopAtBrace && c === '}') {
        if (depth === 0) return;
        depth -= 1;
        out += c;
        i += 1;
      } else {
        out += c;
        i += 1;
      }
    }
  };
  const template = (isHtml) => {
    let text = '';
    const flush = () => {
      out += isHtml ? text.replace(/\s+/g, ' ') : text;
      text = '';
    };
    while (i < code.length) {
      const c = code[i];
      if (c === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        flush();
        out += '`';
        i += 1;
        return;
      } else if (c === '$' && code[i + 1] === '{') {
        flush();
        out += '${';
        i += 2;
        copyUntilTemplate(true);
        out += '}';
        i += 1;
      } else {
        text += c;
        i += 1;
      }
    }
    flush();
  };
  copyUntilTemplate(false);
  return out;
}
