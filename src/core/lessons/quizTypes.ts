/** The quiz types of the lesson format; a module of its own so the pages can name them without the lesson schemas. */
export const QUIZ_TYPES = ['single', 'multi', 'numeric', 'axes', 'order', 'short'] as const;
export type QuizType = (typeof QUIZ_TYPES)[number];
