import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseLabConfig } from '../../../src/core/labs/labConfig';

const lessonsRoot = path.resolve(__dirname, '../../../lessons');

/** Every ```lab block of every lesson, with where it is. */
function labBlocks(): { where: string; yaml: string }[] {
  const blocks: { where: string; yaml: string }[] = [];
  for (const language of fs.readdirSync(lessonsRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const folder = path.join(lessonsRoot, language.name);
    for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(folder, file), 'utf8');
      for (const match of text.matchAll(/^```lab\n([\s\S]*?)^```/gm)) {
        const line = text.slice(0, match.index).split('\n').length;
        blocks.push({ where: `${language.name}/${file}:${line}`, yaml: match[1] });
      }
    }
  }
  return blocks;
}

describe('the lessons’ lab blocks', () => {
  it('finds lab blocks in the lessons', () => {
    expect(labBlocks().length).toBeGreaterThan(0);
  });

  it('every lab block is one the labs accept', () => {
    const rejected = labBlocks()
      .map(({ where, yaml }) => ({ where, parsed: parseLabConfig(parse(yaml)) }))
      .filter(({ parsed }) => !parsed.ok)
      .map(({ where, parsed }) => `${where}: ${parsed.ok ? '' : parsed.error}`);
    expect(rejected).toEqual([]);
  });
});
