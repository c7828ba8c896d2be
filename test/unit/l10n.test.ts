import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportHostStrings } from '../../src/cli/l10nBundle';

const root = path.resolve(__dirname, '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((match) => match[1]).sort();

describe('translations', () => {
  const english = readJson('l10n/bundle.l10n.json');
  const chinese = readJson('l10n/bundle.l10n.zh-cn.json');

  it('the English bundle holds every string @vscode/l10n-dev exports from src/host (npm run l10n), as itself', async () => {
    const exported = await exportHostStrings();
    // The lesson page's labels (l10n.t on the lesson language's translator) and the notation names are among them.
    expect(exported).toMatchObject({ 'Check answer': 'Check answer', 'NumPy array': 'NumPy array', '{0} (dtype={1})': '{0} (dtype={1})' });
    expect(Object.keys(exported).length).toBeGreaterThan(100);
    expect(Object.keys(exported).filter((key) => english[key] !== exported[key])).toEqual([]);
  }, 60_000);

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
