import * as fs from 'node:fs';
import * as path from 'node:path';
import { LESSON_LANGUAGES as LANGUAGES, type LessonFile } from '../../../src/core/lessons/languages';

/** The real lessons of the course, as `lessons:check` reads them. */
export function readLessonFiles(): LessonFile[] {
  const root = path.resolve(__dirname, '../../../lessons');
  return LANGUAGES.flatMap((language) =>
    fs
      .readdirSync(path.join(root, language))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => ({ language, file: `lessons/${language}/${name}`, text: fs.readFileSync(path.join(root, language, name), 'utf8') })),
  );
}
