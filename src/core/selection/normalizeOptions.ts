/**
 * What Normalize Selection asks for and accepts, decided without `vscode`: the argument object,
 * the questions each op needs for a given shape, and their defaults.
 */
import { isOpName, OPERATIONS, type OpName } from '../engine';
import type { CoreMessage } from './messages';
import { isRecord } from '../guards';

export const OUTPUT_MODES = ['panel', 'replace', 'insertBelow', 'clipboard'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export function isOutputMode(value: unknown): value is OutputMode {
  return typeof value === 'string' && (OUTPUT_MODES as readonly string[]).includes(value);
}

/** `{ op, params, output }` as given to the command by a keybinding, a task or a test. */
export interface NormalizeArguments {
  readonly op?: OpName;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly output?: OutputMode;
}

export type ArgumentsCheck = { readonly ok: true; readonly args: NormalizeArguments | undefined } | { readonly ok: false; readonly message: CoreMessage };

/**
 * Checks the command's first argument. From the editor context menu VS Code passes the document's
 * URI, which is not an argument object: anything without `op`, `params` or `output` means "ask".
 */
export function checkNormalizeArguments(value: unknown): ArgumentsCheck {
  if (!isRecord(value) || !('op' in value || 'params' in value || 'output' in value)) return { ok: true, args: undefined };
  const { op, params, output } = value;
  if (op !== undefined && !isOpName(op)) {
    return { ok: false, message: { template: 'unknown op {0}; expected one of {1}', args: [JSON.stringify(op), Object.keys(OPERATIONS).join(', ')] } };
  }
  if (params !== undefined && !isRecord(params)) {
    return { ok: false, message: { template: '"params" must be an object such as {0}', args: ['{ "normalized_shape": [3] }'] } };
  }
  if (params !== undefined && op === undefined) {
    return { ok: false, message: { template: '"params" needs "op" too: params differ between operations', args: [] } };
  }
  if (op !== undefined && params !== undefined) {
    const accepted = OPERATIONS[op].params;
    const unknown = Object.keys(params).find((key) => !accepted.includes(key));
    if (unknown !== undefined) {
      return { ok: false, message: { template: '{0} has no parameter "{1}"; it accepts {2}', args: [op, unknown, accepted.join(', ')] } };
    }
  }
  if (output !== undefined && !isOutputMode(output)) {
    return { ok: false, message: { template: 'unknown output {0}; expected one of {1}', args: [JSON.stringify(output), OUTPUT_MODES.join(', ')] } };
  }
  return {
    ok: true,
    args: {
      ...(op !== undefined ? { op } : {}),
      ...(params !== undefined ? { params } : {}),
      ...(output !== undefined ? { output } : {}),
    },
  };
}

/** One thing the user is asked after choosing an op, with the choices that fit the shape. */
export type ParamQuestion =
  | { readonly name: 'normalized_shape'; readonly choices: readonly (readonly number[])[]; readonly defaultValue: readonly number[] }
  | { readonly name: 'num_groups'; readonly choices: readonly number[]; readonly defaultValue: number }
  | { readonly name: 'dim'; readonly choices: readonly number[]; readonly defaultValue: number }
  | { readonly name: 'axis'; readonly choices: readonly (number | null)[]; readonly defaultValue: number | null }
  | { readonly name: 'training'; readonly choices: readonly boolean[]; readonly defaultValue: boolean }
  | { readonly name: 'ddof'; readonly choices: readonly number[]; readonly defaultValue: number }
  | { readonly name: 'eps'; readonly defaultValue: number };

export interface OptionSettings {
  /** `normalizationLab.normalize.defaultEps`. */
  readonly defaultEps: number;
}

function divisors(value: number): number[] {
  const found: number[] = [];
  for (let candidate = 1; candidate <= value; candidate++) if (value % candidate === 0) found.push(candidate);
  return found;
}

/**
 * The questions for `op` on an input of `shape`, defaults first: LayerNorm and RMSNorm over the
 * last axis, softmax and L2 along the last axis, min-max and z-score per column of a 2-D
 * selection (rows are samples, as BatchNorm treats them), GroupNorm with the smallest group
 * count above 1 that divides the channels.
 */
export function paramQuestions(op: OpName, shape: readonly number[], settings: OptionSettings): ParamQuestion[] {
  const rank = shape.length;
  const axes = Array.from({ length: rank }, (_, axis) => axis - rank);
  const questions: ParamQuestion[] = [];
  switch (op) {
    case 'batch_norm':
      questions.push({ name: 'training', choices: [true, false], defaultValue: true });
      break;
    case 'layer_norm':
    case 'rms_norm': {
      const choices = Array.from({ length: rank }, (_, count) => shape.slice(rank - count - 1));
      questions.push({ name: 'normalized_shape', choices, defaultValue: choices[0] ?? [] });
      break;
    }
    case 'group_norm': {
      const channels = shape[1] ?? 0;
      const choices = channels > 0 ? divisors(channels) : [1];
      questions.push({ name: 'num_groups', choices, defaultValue: choices.find((groups) => groups > 1 && groups < channels) ?? choices[0]! });
      break;
    }
    case 'l2_normalize':
    case 'softmax':
      questions.push({ name: 'dim', choices: axes.length ? axes : [-1], defaultValue: -1 });
      break;
    case 'min_max':
    case 'z_score':
      questions.push({ name: 'axis', choices: [null, ...Array.from({ length: rank }, (_, axis) => axis)], defaultValue: rank >= 2 ? 0 : null });
      if (op === 'z_score') questions.push({ name: 'ddof', choices: [0, 1], defaultValue: 0 });
      break;
    case 'instance_norm':
      break;
  }
  if (OPERATIONS[op].params.includes('eps') && op !== 'l2_normalize') {
    questions.push({ name: 'eps', defaultValue: op === 'rms_norm' ? 1e-6 : settings.defaultEps });
  }
  return questions;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a remembered answer is still a valid choice for this shape. */
export function isValidAnswer(question: ParamQuestion, value: unknown): boolean {
  if (question.name === 'eps') return typeof value === 'number' && Number.isFinite(value) && value >= 0;
  return (question.choices as readonly unknown[]).some((choice) => sameValue(choice, value));
}

/** The defaults for every question, with remembered answers where they still fit. */
export function defaultParams(questions: readonly ParamQuestion[], remembered: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const question of questions) {
    const previous = remembered[question.name];
    params[question.name] = previous !== undefined && isValidAnswer(question, previous) ? previous : question.defaultValue;
  }
  return params;
}

/**
 * Fills what the engine needs but the user was not asked: BatchNorm in eval mode without running
 * statistics uses those of a freshly initialised layer (mean 0, variance 1), as PyTorch does.
 */
export function completeParams(op: OpName, shape: readonly number[], params: Readonly<Record<string, unknown>>): { params: Record<string, unknown>; notes: CoreMessage[] } {
  const complete: Record<string, unknown> = { ...params };
  const notes: CoreMessage[] = [];
  if (op === 'batch_norm' && params.training === false && params.running_mean === undefined && params.running_var === undefined && shape.length >= 2) {
    const channels = shape[1]!;
    complete.running_mean = new Array<number>(channels).fill(0);
    complete.running_var = new Array<number>(channels).fill(1);
    notes.push({ template: 'eval mode uses the running statistics of a new layer (running_mean = 0, running_var = 1), so the output is x / sqrt(1 + eps)', args: [] });
  }
  return { params: complete, notes };
}

/** `normalized_shape=[3], eps=1e-05` */
export function describeParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (Array.isArray(value)) return `${name}=[${value.length > 8 ? `${value.slice(0, 8).join(', ')}, …` : value.join(', ')}]`;
      if (value === null) return `${name}=None`;
      return `${name}=${String(value)}`;
    })
    .join(', ');
}
