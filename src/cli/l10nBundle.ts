// `npm run l10n`: exports every `vscode.l10n.t('…')` / `l10n.t('…')` literal in src/host with
// @vscode/l10n-dev and adds the new ones to l10n/bundle.l10n.json. Strings the host translates
// without a literal (the core's message templates, the op table) stay in the bundle as they are.
// Then lists the strings l10n/bundle.l10n.zh-cn.json does not translate yet; exit 1 while any is missing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(__dirname, '../..');

function* typeScriptFiles(folder: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

/** The English bundle l10n-dev exports from the host's sources: message → message. */
export async function exportHostStrings(): Promise<Record<string, string>> {
  const files = [...typeScriptFiles(path.join(root, 'src', 'host'))].map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: '.ts' }));
  const exported = await getL10nJson(files);
  return Object.fromEntries(Object.entries(exported).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]));
}

const readBundle = (file: string) => JSON.parse(fs.readFileSync(path.join(root, 'l10n', file), 'utf8')) as Record<string, string>;
const writeBundle = (file: string, bundle: Record<string, string>) => fs.writeFileSync(path.join(root, 'l10n', file), `${JSON.stringify(bundle, null, 2)}\n`);

async function main(): Promise<number> {
  const exported = await exportHostStrings();
  const english = readBundle('bundle.l10n.json');
  const added = Object.keys(exported).filter((key) => !(key in english));
  writeBundle('bundle.l10n.json', { ...english, ...Object.fromEntries(added.map((key) => [key, exported[key]!])) });
  console.log(`l10n: ${Object.keys(exported).length} strings in src/host, ${added.length} new in l10n/bundle.l10n.json`);
  for (const key of added) console.log(`  added: ${key}`);
  const chinese = readBundle('bundle.l10n.zh-cn.json');
  const untranslated = Object.keys({ ...english, ...exported }).filter((key) => typeof chinese[key] !== 'string' || chinese[key]!.trim() === '');
  for (const key of untranslated) console.log(`  needs Chinese in l10n/bundle.l10n.zh-cn.json: ${key}`);
  return untranslated.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
