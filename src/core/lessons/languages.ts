/** The languages the course is written in, and a lesson file as read from `lessons/<language>/`: shared by the checker, the library and the host. */
export const LESSON_LANGUAGES = ['en', 'zh-cn'] as const;
export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

export interface LessonFile {
  readonly language: LessonLanguage;
  /** As it should appear in messages, e.g. `lessons/en/03-layer-norm.md`. */
  readonly file: string;
  readonly text: string;
}

/** The lesson language for VS Code's display language: Simplified Chinese for zh-cn/zh-hans, else English. */
export function lessonLanguage(displayLanguage: string): LessonLanguage {
  const language = displayLanguage.toLowerCase();
  return language === 'zh-cn' || language === 'zh-hans' ? 'zh-cn' : 'en';
}

/**
 * The language lessons are shown in: the `normalizationLab.lessonLanguage` setting when it names
 * one, else (`auto`, missing, or a value the schema does not allow) VS Code's display language.
 */
export function chooseLessonLanguage(setting: unknown, displayLanguage: string): LessonLanguage {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return lessonLanguage(displayLanguage);
}
