import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LessonFile, LessonLanguage } from '../../../src/core/lessons/languages';

export const fixtureRoot = path.resolve(__dirname, '../../fixtures/lessons');

/** The fixture lessons of one set (`valid`, `broken`), as `lessons:check` would read them. */
export function fixtureFiles(set: string): LessonFile[] {
  const files: LessonFile[] = [];
  for (const language of ['en', 'zh-cn'] as LessonLanguage[]) {
    const folder = path.join(fixtureRoot, set, language);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      files.push({ language, file: `${set}/${language}/${name}`, text: fs.readFileSync(path.join(folder, name), 'utf8') });
    }
  }
  return files;
}

export function fixtureText(relative: string): string {
  return fs.readFileSync(path.join(fixtureRoot, relative), 'utf8');
}

/** A lesson file around the given quiz YAML, so a test shows exactly the block it is about. */
export function lessonWithQuiz(yaml: string): string {
  return `---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n\n\`\`\`quiz\n${yaml}\n\`\`\`\n`;
}
