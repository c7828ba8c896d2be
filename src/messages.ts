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

export type ResultAction = 'replace' | 'insertBelow' | 'copy';

/** One pooled group's statistics, as the engine reports them (absent when the op does not compute one). */
export interface ResultGroupView {
  readonly index: number;
  readonly count: number;
  readonly mean?: number;
  readonly std?: number;
  readonly rstd?: number;
  readonly min?: number;
  readonly max?: number;
}

/** The tensor as rows × columns (last axis = columns), cut to what fits on screen; `groups[i]` is the group of cell i. */
export interface ResultGridView {
  readonly rows: number;
  readonly columns: number;
  readonly totalRows: number;
  readonly totalColumns: number;
  readonly groups: readonly number[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Every word the page writes, localized by the host. */
export interface ResultLabels {
  readonly input: string;
  readonly output: string;
  readonly shape: string;
  readonly notation: string;
  readonly params: string;
  readonly pooling: string;
  readonly groups: string;
  readonly group: string;
  readonly count: string;
  readonly mean: string;
  readonly std: string;
  readonly rstd: string;
  readonly min: string;
  readonly max: string;
  readonly grid: string;
  readonly gridCell: string;
  readonly replace: string;
  readonly insertBelow: string;
  readonly copy: string;
  readonly truncated: string;
  readonly moreGroups: string;
  readonly editUnavailable: string;
  readonly notes: string;
}

export interface ResultView {
  readonly title: string;
  readonly pooling: string;
  readonly params: string;
  readonly shape: readonly number[];
  readonly notation: string;
  readonly count: number;
  readonly groupCount: number;
  /** Input and output in the selection's notation, cut to a readable length when `truncated`. */
  readonly input: string;
  readonly output: string;
  readonly truncated: boolean;
  readonly groups: readonly ResultGroupView[];
  readonly grid: ResultGridView;
  readonly notes: readonly string[];
  /** False after a reload: the selection the result came from is gone, only Copy still works. */
  readonly canEdit: boolean;
  readonly labels: ResultLabels;
}

export type ResultPageToHost = { readonly type: 'ready' } | { readonly type: 'apply'; readonly action: ResultAction };

export type HostToResultPage =
  | { readonly type: 'showResult'; readonly view: ResultView }
  | { readonly type: 'actionDone'; readonly action: ResultAction; readonly ok: boolean; readonly message: string };

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

const RESULT_ACTIONS: readonly ResultAction[] = ['replace', 'insertBelow', 'copy'];
const isResultAction = (value: unknown): value is ResultAction => RESULT_ACTIONS.includes(value as ResultAction);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';
const isTexts = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const isOptionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

export function parseResultPageMessage(value: unknown): ResultPageToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'apply':
      return isResultAction(value.action) ? { type: 'apply', action: value.action } : undefined;
    default:
      return undefined;
  }
}

function isResultGroupView(value: unknown): value is ResultGroupView {
  return (
    isRecord(value) &&
    isCount(value.index) &&
    isCount(value.count) &&
    isOptionalNumber(value.mean) &&
    isOptionalNumber(value.std) &&
    isOptionalNumber(value.rstd) &&
    isOptionalNumber(value.min) &&
    isOptionalNumber(value.max)
  );
}

function isResultGridView(value: unknown): value is ResultGridView {
  if (!isRecord(value) || !isCount(value.rows) || !isCount(value.columns) || !isCount(value.totalRows) || !isCount(value.totalColumns)) return false;
  const cells = value.rows * value.columns;
  return (
    Array.isArray(value.groups) &&
    value.groups.length === cells &&
    value.groups.every(isCount) &&
    isTexts(value.inputs) &&
    value.inputs.length === cells &&
    isTexts(value.outputs) &&
    value.outputs.length === cells
  );
}

/** A whole result view: from the host, or from the page's saved state after a reload. */
export function parseResultView(value: unknown): ResultView | undefined {
  if (!isRecord(value)) return undefined;
  const labels = value.labels;
  const ok =
    isText(value.title) &&
    isText(value.pooling) &&
    isText(value.params) &&
    Array.isArray(value.shape) &&
    value.shape.every(isCount) &&
    isText(value.notation) &&
    isCount(value.count) &&
    isCount(value.groupCount) &&
    isText(value.input) &&
    isText(value.output) &&
    typeof value.truncated === 'boolean' &&
    Array.isArray(value.groups) &&
    value.groups.every(isResultGroupView) &&
    isResultGridView(value.grid) &&
    isTexts(value.notes) &&
    typeof value.canEdit === 'boolean' &&
    isRecord(labels) &&
    Object.values(labels).every(isText);
  return ok ? (value as unknown as ResultView) : undefined;
}

export function parseHostToResultPage(value: unknown): HostToResultPage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'showResult': {
      const view = parseResultView(value.view);
      return view ? { type: 'showResult', view } : undefined;
    }
    case 'actionDone':
      return isResultAction(value.action) && typeof value.ok === 'boolean' && isText(value.message)
        ? { type: 'actionDone', action: value.action, ok: value.ok, message: value.message }
        : undefined;
    default:
      return undefined;
  }
}
