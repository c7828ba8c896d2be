/** The languages the course is written in, and a lesson file as read from `lessons/<language>/`: shared by the checker, the library and the host. */
export const LESSON_LANGUAGES = ['en', 'zh-cn'] as const;
export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

export interface LessonFile {
  readonly language: LessonLanguage;
  /** As it should appear in messages, e.g. `lessons/en/03-layer-norm.md`. */
  readonly file: string;
  readonly text: string;
}
