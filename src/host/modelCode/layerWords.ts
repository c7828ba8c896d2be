import * as vscode from 'vscode';
import type { Layer, LayerArgument, LayerNote, LearnableParameter, PoolingSummary, Problem, Size, TrackedStatistics } from '../../core/analyzer';

/** Layout letters as a tuple: (N, C, H, W). */
const tuple = (letters: readonly string[]): string => `(${letters.join(', ')})`;

const sizeText = (size: Size): string => (size.value !== undefined ? (size.text === String(size.value) ? String(size.value) : `${size.text} = ${size.value}`) : size.text);

/** "C = 256" or "C = in_channels" for each known letter. */
function sizesText(pooling: PoolingSummary): string {
  const entries = Object.entries(pooling.sizes).filter(([letter]) => letter !== 'G');
  return entries.map(([letter, size]) => `${letter} = ${size.value ?? size.text}`).join(', ');
}

/** One sentence: what the layer pools, for the input it expects, with the user's numbers. */
export function poolingSentence(layer: Layer): string {
  const pooling = layer.pooling;
  if (!pooling) return '';
  const input = tuple(pooling.layout);
  const sizes = sizesText(pooling);
  const withSizes = sizes ? ` (${sizes})` : '';
  switch (pooling.kind) {
    case 'channels':
      return vscode.l10n.t('Per channel, over {0} of an {1} input{2}: one mean and variance for each of the channels, shared by the whole batch.', tuple(pooling.over), input, withSizes);
    case 'runningStatistics':
      return vscode.l10n.t('Nothing is pooled: each channel of an {0} input is normalized with its running mean and variance{1}.', input, withSizes);
    case 'trailing': {
      const last = pooling.over.map((letter) => pooling.sizes[letter]).filter((size): size is Size => size !== undefined);
      const dims = last.length > 0 ? last.map((size) => size.value ?? size.text).join(' × ') : pooling.over.join(' × ');
      return pooling.over.length === 1
        ? vscode.l10n.t('Per sample (per token), over the last dim {0} of size {1}: one statistic for each position of {2}.', pooling.over[0], String(dims), input)
        : vscode.l10n.t('Per sample, over its last {0} dims {1} of sizes {2}: one statistic for each sample of {3}.', pooling.over.length, tuple(pooling.over), String(dims), input);
    }
    case 'instances':
      return vscode.l10n.t('Per sample and channel, over {0} of an {1} input{2}: one statistic for each (sample, channel) pair.', tuple(pooling.over), input, withSizes);
    case 'groups': {
      const groups = pooling.groups ? String(pooling.groups.value ?? pooling.groups.text) : 'G';
      const perGroup = pooling.channelsPerGroup ? String(pooling.channelsPerGroup.value ?? pooling.channelsPerGroup.text) : 'C/G';
      const spatial = pooling.over.filter((letter) => letter !== 'C/G');
      return vscode.l10n.t('Per sample, over {0} channels × {1} per group, {2} groups, of an {3} input{4}.', perGroup, tuple(spatial), groups, input, withSizes);
    }
    case 'axis':
      return layer.op === 'softmax'
        ? vscode.l10n.t('Each slice along {0} becomes probabilities that sum to 1.', pooling.over.join(', '))
        : vscode.l10n.t('Each vector along {0} is divided by its Euclidean (L2) norm.', pooling.over.join(', '));
    case 'localWindow':
      return vscode.l10n.t('Each value is divided by a power of the sum of squares over its neighbouring channels (a window of {0}).', sizeText(pooling.sizes.size ?? { text: 'size' }));
    case 'whole':
      return '';
    default: {
      const never: never = pooling.kind;
      return never;
    }
  }
}

function learnableText(parameter: LearnableParameter): string {
  const shape = tuple(parameter.shape.map(sizeText));
  const count = parameter.count !== undefined ? vscode.l10n.t(', {0} values', parameter.count.toLocaleString()) : '';
  const unless = parameter.unlessNone ? vscode.l10n.t(' (unless {0} is None)', parameter.unlessNone) : '';
  return `${parameter.symbol} \`${parameter.name}\` ${shape}${count}${unless}`;
}

export function learnableSentence(layer: Layer): string {
  if (layer.learnable.length === 0) return vscode.l10n.t('Learns nothing: no γ (weight) or β (bias).');
  return vscode.l10n.t('Learns {0}.', layer.learnable.map(learnableText).join(vscode.l10n.t(' and ')));
}

function momentumText(tracked: TrackedStatistics): string {
  const value = tracked.momentum?.value;
  const shown = typeof value === 'number' ? String(value) : (tracked.momentum?.text ?? '?');
  if (tracked.convention === 'keras') {
    return vscode.l10n.t(
      'momentum = {0} in Keras\'s convention: moving = momentum · moving + (1 − momentum) · batch, so 0.99 keeps 99 % of the old value. PyTorch\'s momentum means the opposite: its 0.1 takes 10 % of the new batch (Keras 0.99 ≈ PyTorch 0.01).',
      shown,
    );
  }
  return vscode.l10n.t('momentum = {0} in PyTorch\'s convention: running = (1 − momentum) · running + momentum · batch (0.1 takes 10 % of each new batch; Keras writes the same as 0.9).', shown);
}

export function trackedSentence(layer: Layer): string | undefined {
  const tracked = layer.tracked;
  if (!tracked) return undefined;
  const shape = tuple(tracked.shape.map(sizeText));
  return vscode.l10n.t('Tracks a running mean and variance {0}, updated in training and used instead of the batch in eval mode; {1}', shape, momentumText(tracked));
}

const NOTES: Record<LayerNote, () => string> = {
  epsFromDtype: () => vscode.l10n.t('eps=None: PyTorch then uses torch.finfo(dtype).eps of the input (1.19e-07 for float32, 2.22e-16 for float64).'),
  kerasMomentumConvention: () => vscode.l10n.t('Moving between Keras and PyTorch: convert momentum as 1 − momentum, and epsilon (Keras 1e-3) is not PyTorch\'s eps (1e-5).'),
  lazyFeatures: () => vscode.l10n.t('Lazy: the number of channels is taken from the first input.'),
  functionalNoState: () => vscode.l10n.t('A function call: it owns no parameters or running statistics; weight and bias are whatever is passed in.'),
  batchStatisticsInTraining: () => vscode.l10n.t('In training mode the statistics come from the current batch, so each sample\'s output depends on the others; call .eval() for inference.'),
  instanceNormNoAffineByDefault: () => vscode.l10n.t('InstanceNorm has no γ/β unless affine=True (BatchNorm\'s default is the opposite).'),
  instanceNormUsesInputStats: () => vscode.l10n.t('With track_running_stats=True, eval mode uses the running statistics instead of each instance\'s own.'),
  channelsLast: () => vscode.l10n.t('Keras is channels-last: the channel axis is the last one (axis=-1), where PyTorch puts it at dim 1.'),
  rmsNoCentring: () => vscode.l10n.t('No mean is subtracted: it divides by the root mean square only, and has no β.'),
  notL2: () => vscode.l10n.t('p is not 2: this is not the L2 normalization the explorer shows.'),
  softmaxDimImplicit: () => vscode.l10n.t('No dim given: PyTorch picks one implicitly and warns; pass dim explicitly.'),
  nameOnly: () => vscode.l10n.t('Local response normalization is recognized by name only; the lessons do not cover it.'),
  viaParameter: () => vscode.l10n.t('Reached through a parameter or attribute that defaults to this class: a caller may pass another norm.'),
};

export const noteSentence = (note: LayerNote): string => NOTES[note]();

function sourceText(argument: LayerArgument): string {
  switch (argument.source) {
    case 'literal':
      return '';
    case 'constant':
      return vscode.l10n.t('module constant {0}', argument.via ?? argument.text);
    case 'frameworkDefault':
      return vscode.l10n.t('default');
    case 'classAttribute':
      return vscode.l10n.t('class attribute default {0}', argument.via ?? argument.text);
    case 'instanceAttribute':
      return vscode.l10n.t('set as {0} in the class', argument.via ?? argument.text);
    case 'parameterDefault':
      return vscode.l10n.t('default of parameter {0}', argument.via ?? argument.text);
    case 'symbolic':
      return vscode.l10n.t('not known statically');
    default: {
      const never: never = argument.source;
      return never;
    }
  }
}

function pythonValue(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `(${value.map(pythonValue).join(', ')}${value.length === 1 ? ',' : ''})`;
  if (typeof value === 'object' && value !== null) {
    if ('symbol' in value) return String((value as { symbol: string }).symbol);
    if ('tensorShape' in value) return vscode.l10n.t('a tensor of shape {0}', pythonValue((value as { tensorShape: unknown[] }).tensorShape));
    if ('ref' in value) return String((value as { ref: string }).ref);
  }
  return String(value);
}

/** One row per argument: name, value, where the value came from. */
export function argumentRows(layer: Layer): [string, string, string][] {
  return layer.arguments.map((argument) => {
    const value = argument.value === undefined ? argument.text : pythonValue(argument.value);
    const shown = argument.value !== undefined && argument.text !== value && !argument.isDefault && argument.source !== 'literal' ? `${value} (\`${argument.text}\`)` : value;
    return [argument.name, shown, sourceText(argument)];
  });
}

/** The diagnostic message in the display language. */
export function problemMessage(problem: Problem): string {
  const [a, b, c, d, e, f, g, unit] = problem.args;
  switch (problem.code) {
    case 'groupNormIndivisible':
      return vscode.l10n.t('{0}: {1} groups do not divide {2} channels; use a number of groups that divides {2} (for example {3}).', a, b, c, d);
    case 'featureMismatch':
      return unit === 'features'
        ? vscode.l10n.t('{0} expects {1} features, but the {2} before it outputs {3} ({4}); set {5} to {6}.', a, b, c, d, e, f, g)
        : vscode.l10n.t('{0} expects {1} channels, but the {2} before it outputs {3} ({4}); set {5} to {6}.', a, b, c, d, e, f, g);
    case 'batchNormSingleSample':
      return vscode.l10n.t(
        '{0} is in training mode and this input has one value per channel: PyTorch raises "Expected more than 1 value per channel when training". Use a batch of at least 2, or call .eval() first.',
        a,
      );
    default: {
      const never: never = problem.code;
      return never;
    }
  }
}

export function fixTitle(problem: Problem): string {
  const [, , , , , parameter, value] = problem.args;
  return problem.code === 'featureMismatch' ? vscode.l10n.t('Set {0} to {1}', parameter, value) : problem.fix?.title ?? '';
}
