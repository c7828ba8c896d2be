/**
 * `npm run -s lessons:check [folder]`: validates every lesson of every language under
 * `folder` (default `lessons/`), prints each problem as `file:line: message`, then the totals.
 * Exits non-zero when there is any problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLessons, summarize } from '../core/course/check';
import { LESSON_LANGUAGES, type LessonFile } from '../core/lessons/languages';
import { formatDiagnostic } from '../core/lessons/parse';

function readLessonFiles(folder: string, base = process.cwd()): LessonFile[] {
  const files: LessonFile[] = [];
  for (const language of LESSON_LANGUAGES) {
    const directory = path.join(folder, language);
    if (!fs.existsSync(directory)) continue;
    for (const name of fs.readdirSync(directory).filter((entry) => entry.endsWith('.md')).sort()) {
      const full = path.join(directory, name);
      files.push({ language, file: path.relative(base, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  }
  return files;
}

function main(): void {
  const folder = path.resolve(process.argv[2] ?? 'lessons');
  const report = checkLessons(readLessonFiles(folder));
  for (const diagnostic of report.diagnostics) console.log(formatDiagnostic(diagnostic));
  console.log(summarize(report));
  process.exitCode = report.diagnostics.length > 0 ? 1 : 0;
}

main();
