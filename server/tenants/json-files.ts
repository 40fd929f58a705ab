// Reading a folder of JSON configuration files (tenants/, themes/): sorted,
// each parsed with the position of any syntax error, problems per file.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileIssue } from './errors.ts';
import { parseJsonText } from './json-text.ts';

export interface JsonFile {
  /** `dir` joined with the file's name, as messages show it. */
  file: string;
  /** The name without `.json`. */
  name: string;
  value: unknown;
}

/** Every `*.json` in `dir` but those `skip` names, sorted by name; files that cannot be read or parsed become issues. */
export async function readJsonFiles(dir: string, skip: (name: string) => boolean = () => false): Promise<{ files: JsonFile[]; issues: FileIssue[] }> {
  const files: JsonFile[] = [];
  const issues: FileIssue[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.') && !skip(name)).sort();
  } catch (error) {
    issues.push({ file: dir, path: '', message: `cannot read this folder (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
    return { files, issues };
  }
  for (const name of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      issues.push({ file, path: '', message: `cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    const json = parseJsonText(text);
    if (!json.ok) {
      issues.push({ file, path: '', message: `is not valid JSON: ${json.message} at line ${json.line}, column ${json.column}`, line: json.line, column: json.column });
      continue;
    }
    issues.push(...json.duplicateKeys.map((issue) => ({ ...issue, file })));
    if (json.duplicateKeys.length === 0) files.push({ file, name: name.slice(0, -'.json'.length), value: json.value });
  }
  return { files, issues };
}
