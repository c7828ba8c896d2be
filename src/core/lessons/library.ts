import type { LessonFile, LessonLanguage } from './languages';
import { parseLesson, type Diagnostic, type Lesson } from './parse';

/** A lesson ready to show, in the learner's language when that version loads, else in English. */
export interface LibraryLesson {
  readonly kind: 'lesson';
  readonly lesson: Lesson;
  readonly language: LessonLanguage;
  /** Problems in the file shown (its broken blocks are replaced by error boxes in the panel). */
  readonly diagnostics: readonly Diagnostic[];
}

/** A file that could not be read as a lesson at all; listed so the author sees why. */
export interface BrokenLesson {
  readonly kind: 'broken';
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export type LibraryEntry = LibraryLesson | BrokenLesson;

export interface Library {
  /** Lessons by `order`, then broken files by name. */
  readonly entries: readonly LibraryEntry[];
  readonly lessons: readonly LibraryLesson[];
}

/**
 * Picks, lesson by lesson, the version in `language` and falls back to English when that
 * version is missing or its front matter is broken. A file no language can show becomes a
 * `broken` entry, and every other lesson still works.
 */
export function buildLibrary(files: readonly LessonFile[], language: LessonLanguage): Library {
  const chosen = new Map<string, LibraryLesson>();
  const broken: BrokenLesson[] = [];
  const parsed = files
    .filter((file) => file.language === 'en' || file.language === language)
    .map((file) => ({ source: file, result: parseLesson(file.file, file.text) }));
  const preferred = (candidate: LessonLanguage) => (candidate === language ? 1 : 0);
  for (const { source, result } of parsed) {
    if (!result.lesson) {
      // A broken translation is not listed when the English lesson of the same file name works.
      broken.push({ kind: 'broken', file: source.file, diagnostics: result.diagnostics });
      continue;
    }
    const entry: LibraryLesson = { kind: 'lesson', lesson: result.lesson, language: source.language, diagnostics: result.diagnostics };
    const current = chosen.get(result.lesson.id);
    if (!current || preferred(source.language) > preferred(current.language)) chosen.set(result.lesson.id, entry);
  }
  const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);
  const shownNames = new Set([...chosen.values()].map((entry) => baseName(entry.lesson.file)));
  const unresolved = broken.filter((entry) => !shownNames.has(baseName(entry.file))).sort((a, b) => a.file.localeCompare(b.file));
  const lessons = [...chosen.values()].sort((a, b) => a.lesson.order - b.lesson.order || a.lesson.id.localeCompare(b.lesson.id));
  return { entries: [...lessons, ...unresolved], lessons };
}
