/**
 * What a recognized layer pools, learns and tracks, from its resolved arguments: layout letters
 * for the input it expects, the engine's name for the grouping (`Pooling['kind']`), γ/β shapes
 * and the running statistics with their momentum convention.
 */
import type { LayerSpec } from './catalog';
import { isSymbolicElement } from './scope';
import type { LayerArgument, LayerNote, LearnableParameter, PoolingSummary, PyValue, ResolvedValue, Size, TrackedStatistics } from './types';

export interface Description {
  readonly pooling?: PoolingSummary;
  readonly learnable: readonly LearnableParameter[];
  readonly tracked?: TrackedStatistics;
  readonly notes: readonly LayerNote[];
}

type Arguments = ReadonlyMap<string, LayerArgument>;

/** A size from an argument: its number when known, else the expression (or name) it came from. */
export function sizeOf(value: ResolvedValue | undefined, fallback: string): Size {
  if (!value) return { text: fallback };
  if (typeof value.value === 'number' && Number.isInteger(value.value)) return { value: value.value, text: value.via ?? value.text };
  return { text: value.via ?? value.text };
}

/** `normalized_shape` as sizes: an int is one dim, a tuple/list is several; unknown is one symbolic dim. */
function shapeOf(value: ResolvedValue | undefined, fallback: string): Size[] {
  if (value && Array.isArray(value.value)) {
    const items = value.value as readonly PyValue[];
    return items.map((item, index) => {
      if (typeof item === 'number' && Number.isInteger(item)) return { value: item, text: String(item) };
      return { text: isSymbolicElement(item) ? item.symbol : `${value.text}[${index}]` };
    });
  }
  return [sizeOf(value, fallback)];
}

function countOf(shape: readonly Size[]): number | undefined {
  return shape.every((size) => size.value !== undefined) ? shape.reduce((product, size) => product * (size.value as number), 1) : undefined;
}

function learnable(name: 'weight' | 'bias', shape: readonly Size[], given?: LayerArgument): LearnableParameter {
  const count = countOf(shape);
  const unlessNone = given && given.value === undefined ? given.text : undefined;
  return { name, symbol: name === 'weight' ? 'γ' : 'β', shape, ...(count !== undefined && { count }), ...(unlessNone && { unlessNone }) };
}

/** True, False or unknown (undefined) for a boolean argument. */
function flag(args: Arguments, name: string): boolean | undefined {
  const value = args.get(name)?.value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return undefined;
}

/** True when a functional argument (weight, bias, running_mean) is given and not None. */
function given(args: Arguments, name: string): boolean | undefined {
  const argument = args.get(name);
  if (!argument) return undefined;
  if (argument.value === null) return false;
  return argument.isDefault ? false : true;
}

const SPATIAL: Record<1 | 2 | 3, readonly string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** Letters for a normalized_shape of k dims: D; H, W; C, H, W; else D1…Dk. */
function trailingLetters(k: number): string[] {
  if (k === 1) return ['D'];
  if (k === 2) return ['H', 'W'];
  if (k === 3) return ['C', 'H', 'W'];
  return Array.from({ length: k }, (_, i) => `D${i + 1}`);
}

function sizesByLetter(letters: readonly string[], shape: readonly Size[]): Record<string, Size> {
  return Object.fromEntries(letters.map((letter, index) => [letter, shape[index]]));
}

/** Keras's `axis` as a layout: -1 (the default) is channels-last. */
function kerasLayout(args: Arguments): { layout: string[]; channel: string; channelsLast: boolean } {
  const axis = args.get('axis')?.value;
  if (axis === 1) return { layout: ['N', 'C', 'H', 'W'], channel: 'C', channelsLast: false };
  if (axis === -1 || axis === 3 || axis === undefined) return { layout: ['N', 'H', 'W', 'C'], channel: 'C', channelsLast: true };
  return { layout: ['N', '…'], channel: `axis ${JSON.stringify(axis)}`, channelsLast: false };
}

export function describe(spec: LayerSpec, args: Arguments): Description {
  const notes: LayerNote[] = [];
  if (spec.lazy) notes.push('lazyFeatures');
  if (spec.framework === 'torch') return describeTorch(spec, args, notes);
  return describeKeras(spec, args, notes);
}

function describeTorch(spec: LayerSpec, args: Arguments, notes: LayerNote[]): Description {
  const functional = spec.form === 'functional';
  if (functional) notes.push('functionalNoState');
  switch (spec.family) {
    case 'batch': {
      const channels = functional ? { text: 'C' } : sizeOf(args.get('num_features'), 'C');
      const spatial = spec.spatialRank && !functional && spec.name !== 'SyncBatchNorm' ? SPATIAL[spec.spatialRank] : ['*'];
      const layout = ['N', 'C', ...spatial];
      const training = functional ? flag(args, 'training') : undefined;
      const sizes = { C: channels };
      const pooling: PoolingSummary =
        training === false
          ? { kind: 'runningStatistics', layout, per: ['C'], over: [], sizes }
          : { kind: 'channels', layout, per: ['C'], over: ['N', ...spatial], sizes };
      if (!functional) notes.push('batchStatisticsInTraining');
      const affine = functional ? undefined : flag(args, 'affine');
      const params = functional
        ? (['weight', 'bias'] as const).filter((name) => given(args, name)).map((name) => learnable(name, [channels], args.get(name)))
        : affine === false
          ? []
          : [learnable('weight', [channels]), learnable('bias', [channels])];
      const tracks = functional ? given(args, 'running_mean') !== false : flag(args, 'track_running_stats') !== false;
      const tracked: TrackedStatistics | undefined = tracks ? { shape: [channels], momentum: args.get('momentum'), convention: 'torch' } : undefined;
      return { pooling, learnable: params, ...(tracked && { tracked }), notes };
    }
    case 'layer':
    case 'rms': {
      const shape = shapeOf(args.get('normalized_shape'), 'D');
      const letters = trailingLetters(shape.length);
      const pooling: PoolingSummary = {
        kind: 'trailing',
        layout: shape.length === 3 ? ['N', ...letters] : ['N', '…', ...letters],
        per: shape.length === 3 ? ['N'] : ['N', '…'],
        over: letters,
        sizes: sizesByLetter(letters, shape),
      };
      if (spec.family === 'rms') notes.push('rmsNoCentring');
      const eps = args.get('eps');
      if (spec.family === 'rms' && eps && eps.value === null) notes.push('epsFromDtype');
      let params: LearnableParameter[];
      if (functional) params = (['weight', 'bias'] as const).filter((name) => (name === 'bias' ? spec.family === 'layer' : true) && given(args, name)).map((name) => learnable(name, shape, args.get(name)));
      else if (flag(args, 'elementwise_affine') === false) params = [];
      else params = spec.family === 'rms' || flag(args, 'bias') === false ? [learnable('weight', shape)] : [learnable('weight', shape), learnable('bias', shape)];
      return { pooling, learnable: params, notes };
    }
    case 'group': {
      const groups = sizeOf(args.get('num_groups'), 'G');
      const channels = functional ? { text: 'C' } : sizeOf(args.get('num_channels'), 'C');
      const perGroup: Size =
        groups.value !== undefined && channels.value !== undefined && groups.value > 0 && channels.value % groups.value === 0
          ? { value: channels.value / groups.value, text: `${channels.text}/${groups.text}` }
          : { text: `${channels.text}/${groups.text}` };
      const pooling: PoolingSummary = {
        kind: 'groups',
        layout: ['N', 'C', 'H', 'W'],
        per: ['N', 'G'],
        over: ['C/G', 'H', 'W'],
        sizes: { C: channels, G: groups },
        groups,
        channelsPerGroup: perGroup,
      };
      const params = functional
        ? (['weight', 'bias'] as const).filter((name) => given(args, name)).map((name) => learnable(name, [channels], args.get(name)))
        : flag(args, 'affine') === false
          ? []
          : [learnable('weight', [channels]), learnable('bias', [channels])];
      return { pooling, learnable: params, notes };
    }
    case 'instance': {
      const channels = functional ? { text: 'C' } : sizeOf(args.get('num_features'), 'C');
      const spatial = spec.spatialRank && !functional ? SPATIAL[spec.spatialRank] : ['*'];
      const useInputStats = functional ? flag(args, 'use_input_stats') : true;
      const layout = ['N', 'C', ...spatial];
      const pooling: PoolingSummary =
        useInputStats === false
          ? { kind: 'runningStatistics', layout, per: ['C'], over: [], sizes: { C: channels } }
          : { kind: 'instances', layout, per: ['N', 'C'], over: spatial, sizes: { C: channels } };
      const affine = functional ? undefined : flag(args, 'affine');
      if (!functional && affine !== true) notes.push('instanceNormNoAffineByDefault');
      const params = functional
        ? (['weight', 'bias'] as const).filter((name) => given(args, name)).map((name) => learnable(name, [channels], args.get(name)))
        : affine === true
          ? [learnable('weight', [channels]), learnable('bias', [channels])]
          : [];
      const tracks = functional ? given(args, 'running_mean') === true : flag(args, 'track_running_stats') === true;
      if (tracks) notes.push('instanceNormUsesInputStats');
      const tracked: TrackedStatistics | undefined = tracks ? { shape: [channels], momentum: args.get('momentum'), convention: 'torch' } : undefined;
      return { pooling, learnable: params, ...(tracked && { tracked }), notes };
    }
    case 'localResponse':
      notes.push('nameOnly');
      return { pooling: { kind: 'localWindow', layout: ['N', 'C', '*'], per: ['N', 'C', '*'], over: ['C±size/2'], sizes: { size: sizeOf(args.get('size'), 'size') } }, learnable: [], notes };
    case 'l2':
    case 'softmax': {
      const dim = args.get('dim');
      if (spec.family === 'l2' && args.get('p')?.value !== 2) notes.push('notL2');
      if (spec.family === 'softmax' && dim?.value === null) notes.push('softmaxDimImplicit');
      const dimText = dim?.value !== undefined && dim.value !== null ? String(dim.value) : (dim?.via ?? dim?.text ?? '?');
      return { pooling: { kind: 'axis', layout: ['…'], per: [], over: [`dim=${dimText}`], sizes: {} }, learnable: [], notes };
    }
    default:
      return { learnable: [], notes };
  }
}

function describeKeras(spec: LayerSpec, args: Arguments, notes: LayerNote[]): Description {
  const { layout, channel, channelsLast } = kerasLayout(args);
  if (channelsLast && (spec.family === 'batch' || spec.family === 'group')) notes.push('channelsLast');
  const center = flag(args, 'center') !== false;
  const scale = flag(args, 'scale') !== false;
  const channels: Size = { text: channel };
  const affine = (): LearnableParameter[] => [...(scale ? [learnable('weight', [channels])] : []), ...(center ? [learnable('bias', [channels])] : [])];
  switch (spec.family) {
    case 'batch': {
      notes.push('batchStatisticsInTraining', 'kerasMomentumConvention');
      const over = layout.filter((letter) => letter !== channel);
      return {
        pooling: { kind: 'channels', layout, per: [channel], over, sizes: {} },
        learnable: affine(),
        tracked: { shape: [channels], momentum: args.get('momentum'), convention: 'keras' },
        notes,
      };
    }
    case 'layer': {
      if (flag(args, 'rms_scaling') === true) notes.push('rmsNoCentring');
      const sequence = ['N', '…', channel];
      return { pooling: { kind: 'trailing', layout: sequence, per: ['N', '…'], over: [channel], sizes: {} }, learnable: affine(), notes };
    }
    case 'rms': {
      const sequence = ['N', '…', channel];
      notes.push('rmsNoCentring');
      return { pooling: { kind: 'trailing', layout: sequence, per: ['N', '…'], over: [channel], sizes: {} }, learnable: [learnable('weight', [channels])], notes };
    }
    case 'group': {
      const groups = sizeOf(args.get('groups'), 'G');
      const spatial = layout.filter((letter) => letter !== 'N' && letter !== channel);
      return {
        pooling: {
          kind: 'groups',
          layout,
          per: ['N', 'G'],
          over: [...spatial, 'C/G'],
          sizes: { G: groups },
          groups,
          channelsPerGroup: { text: `C/${groups.text}` },
        },
        learnable: affine(),
        notes,
      };
    }
    case 'l2': {
      const axis = args.get('axis');
      const axisText = axis?.value !== undefined ? JSON.stringify(axis.value) : (axis?.text ?? '-1');
      return { pooling: { kind: 'axis', layout: ['…'], per: [], over: [`axis=${axisText}`], sizes: {} }, learnable: [], notes };
    }
    default:
      return { learnable: [], notes };
  }
}
