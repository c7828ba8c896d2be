import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((match) => match[1]).sort();

function* hostSources(folder: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* hostSources(full);
    else if (entry.name.endsWith('.ts')) yield fs.readFileSync(full, 'utf8');
  }
}

/** The string literals passed straight to `vscode.l10n.t(...)` in the host code, or to its alias `t(...)` (the lesson page's labels). */
function literalMessages(): string[] {
  const messages = new Set<string>();
  for (const source of hostSources(path.join(root, 'src', 'host'))) {
    for (const match of source.matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(match[1]!.replace(/\\'/g, "'"));
  }
  return [...messages];
}

describe('translations', () => {
  const english = readJson('l10n/bundle.l10n.json');
  const chinese = readJson('l10n/bundle.l10n.zh-cn.json');

  it('every UI string the host passes to vscode.l10n.t is in the English bundle', () => {
    const messages = literalMessages();
    expect(messages.length).toBeGreaterThan(50);
    expect(messages.filter((message) => !(message in english))).toEqual([]);
  });

  it('the Chinese bundle translates every English string with the same placeholders', () => {
    const problems = Object.keys(english).flatMap((key) => {
      const translated = chinese[key];
      if (typeof translated !== 'string' || translated.trim() === '') return [`missing: ${key}`];
      return placeholders(translated).join() === placeholders(key).join() ? [] : [`placeholders differ: ${key}`];
    });
    expect(problems).toEqual([]);
  });

  it('the manifest strings exist in both languages, and every %key% in package.json is defined', () => {
    const nlsEnglish = readJson('package.nls.json');
    const nlsChinese = readJson('package.nls.zh-cn.json');
    expect(Object.keys(nlsChinese).sort()).toEqual(Object.keys(nlsEnglish).sort());
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((key) => !(key in nlsEnglish))).toEqual([]);
  });
});
