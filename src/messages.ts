/**
 * Every message between the webview pages and the extension host, one union per direction
 * and page. Both sides import this file; everything that arrives is validated with the
 * `parse…` functions before it is used.
 */

// ---- Lesson page ------------------------------------------------------------------------

export type LessonPageToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'navigate'; readonly direction: 'previous' | 'next' };

export type HostToLessonPage = { readonly type: 'showLesson'; readonly title: string; readonly html: string };

// ---- Result page (Normalize Selection) ---------------------------------------------------

export type ResultPageToHost = { readonly type: 'ready' };

export type HostToResultPage = { readonly type: 'showResult'; readonly title: string };

// ---- Validation --------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseLessonPageMessage(value: unknown): LessonPageToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'navigate':
      return value.direction === 'previous' || value.direction === 'next'
        ? { type: 'navigate', direction: value.direction }
        : undefined;
    default:
      return undefined;
  }
}

export function parseResultPageMessage(value: unknown): ResultPageToHost | undefined {
  if (!isRecord(value)) return undefined;
  return value.type === 'ready' ? { type: 'ready' } : undefined;
}
