/**
 * The commands a lesson may link to, as `[text](command:<id>)` without arguments. Lesson HTML is
 * not trusted with command URIs: the page posts the id, checked against this list on arrival, and
 * the host runs it (the webview itself never enables command URIs). A module of its own, so the
 * message schemas and the pages check it without loading markdown-it.
 */
export const LESSON_COMMANDS = ['normalizationLab.openExampleModel'] as const;
export type LessonCommand = (typeof LESSON_COMMANDS)[number];

export function isLessonCommand(value: unknown): value is LessonCommand {
  return typeof value === 'string' && (LESSON_COMMANDS as readonly string[]).includes(value);
}

/** The allow-listed command a `command:` link names, or undefined for any other URL. */
export function lessonCommandOf(url: string): LessonCommand | undefined {
  const id = url.startsWith('command:') ? url.slice('command:'.length) : undefined;
  return isLessonCommand(id) ? id : undefined;
}

