/**
 * The layers the analyzer recognizes, with their frameworks' signatures and defaults
 * (PyTorch 2.x `torch.nn`, `torch.nn.functional`; Keras 3 / tf.keras `keras.layers`), and the
 * neighbours it looks through in a Sequential stack. Which engine op each one is comes from the
 * engine's op names; what they pool is worked out in `describe.ts`.
 */
import type { OpName } from '../engine';
import type { Framework, PyValue } from './types';

/** A parameter with a default; `required` when the framework has none. */
export interface ParameterSpec {
  readonly name: string;
  readonly default?: PyValue;
  readonly required?: boolean;
  /** Keyword-only (after `*` in the framework's signature). */
  readonly keywordOnly?: boolean;
}

export type Family = 'batch' | 'layer' | 'group' | 'instance' | 'rms' | 'localResponse' | 'l2' | 'softmax';

export interface LayerSpec {
  readonly name: string;
  readonly framework: Framework;
  readonly form: 'module' | 'functional';
  readonly family: Family;
  readonly op?: OpName;
  /** Spatial rank for BatchNorm*d / InstanceNorm*d (1d: L or none, 2d: H, W, 3d: D, H, W). */
  readonly spatialRank?: 1 | 2 | 3;
  readonly lazy?: boolean;
  readonly parameters: readonly ParameterSpec[];
}

const required = (name: string): ParameterSpec => ({ name, required: true });
const p = (name: string, value: PyValue): ParameterSpec => ({ name, default: value });
const kw = (name: string, value: PyValue): ParameterSpec => ({ name, default: value, keywordOnly: true });

const batchNormParameters = [required('num_features'), p('eps', 1e-5), p('momentum', 0.1), p('affine', true), p('track_running_stats', true)];
const lazyBatchNormParameters = [p('eps', 1e-5), p('momentum', 0.1), p('affine', true), p('track_running_stats', true)];
const instanceNormParameters = [required('num_features'), p('eps', 1e-5), p('momentum', 0.1), p('affine', false), p('track_running_stats', false)];
const lazyInstanceNormParameters = [p('eps', 1e-5), p('momentum', 0.1), p('affine', false), p('track_running_stats', false)];

function torchModule(name: string, family: Family, op: OpName | undefined, parameters: readonly ParameterSpec[], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { name, framework: 'torch', form: 'module', family, ...(op && { op }), parameters, ...extra };
}

function torchFunctional(name: string, family: Family, op: OpName, parameters: readonly ParameterSpec[]): LayerSpec {
  return { name, framework: 'torch', form: 'functional', family, op, parameters };
}

function kerasLayer(name: string, family: Family, op: OpName, parameters: readonly ParameterSpec[]): LayerSpec {
  return { name, framework: 'keras', form: 'module', family, op, parameters };
}

const TORCH_MODULE_LIST: readonly LayerSpec[] = [
  ...([1, 2, 3] as const).flatMap((rank) => [
    torchModule(`BatchNorm${rank}d`, 'batch', 'batch_norm', batchNormParameters, { spatialRank: rank }),
    torchModule(`LazyBatchNorm${rank}d`, 'batch', 'batch_norm', lazyBatchNormParameters, { spatialRank: rank, lazy: true }),
    torchModule(`InstanceNorm${rank}d`, 'instance', 'instance_norm', instanceNormParameters, { spatialRank: rank }),
    torchModule(`LazyInstanceNorm${rank}d`, 'instance', 'instance_norm', lazyInstanceNormParameters, { spatialRank: rank, lazy: true }),
  ]),
  torchModule('SyncBatchNorm', 'batch', 'batch_norm', [...batchNormParameters, p('process_group', null)], { spatialRank: 2 }),
  torchModule('LayerNorm', 'layer', 'layer_norm', [required('normalized_shape'), p('eps', 1e-5), p('elementwise_affine', true), p('bias', true)]),
  torchModule('GroupNorm', 'group', 'group_norm', [required('num_groups'), required('num_channels'), p('eps', 1e-5), p('affine', true)]),
  torchModule('RMSNorm', 'rms', 'rms_norm', [required('normalized_shape'), p('eps', null), p('elementwise_affine', true)]),
  torchModule('LocalResponseNorm', 'localResponse', undefined, [required('size'), p('alpha', 1e-4), p('beta', 0.75), p('k', 1.0)]),
];

const TORCH_FUNCTIONAL_LIST: readonly LayerSpec[] = [
  torchFunctional('batch_norm', 'batch', 'batch_norm', [
    required('input'),
    required('running_mean'),
    required('running_var'),
    p('weight', null),
    p('bias', null),
    p('training', false),
    p('momentum', 0.1),
    p('eps', 1e-5),
  ]),
  torchFunctional('layer_norm', 'layer', 'layer_norm', [required('input'), required('normalized_shape'), p('weight', null), p('bias', null), p('eps', 1e-5)]),
  torchFunctional('group_norm', 'group', 'group_norm', [required('input'), required('num_groups'), p('weight', null), p('bias', null), p('eps', 1e-5)]),
  torchFunctional('instance_norm', 'instance', 'instance_norm', [
    required('input'),
    p('running_mean', null),
    p('running_var', null),
    p('weight', null),
    p('bias', null),
    p('use_input_stats', true),
    p('momentum', 0.1),
    p('eps', 1e-5),
  ]),
  torchFunctional('rms_norm', 'rms', 'rms_norm', [required('input'), required('normalized_shape'), p('weight', null), p('eps', null)]),
  torchFunctional('normalize', 'l2', 'l2_normalize', [required('input'), p('p', 2.0), p('dim', 1), p('eps', 1e-12)]),
  torchFunctional('softmax', 'softmax', 'softmax', [required('input'), p('dim', null)]),
];

const kerasCommon = [p('epsilon', 1e-3), p('center', true), p('scale', true)];

const KERAS_LAYER_LIST: readonly LayerSpec[] = [
  kerasLayer('BatchNormalization', 'batch', 'batch_norm', [p('axis', -1), p('momentum', 0.99), ...kerasCommon]),
  kerasLayer('LayerNormalization', 'layer', 'layer_norm', [p('axis', -1), ...kerasCommon, kw('rms_scaling', false)]),
  kerasLayer('GroupNormalization', 'group', 'group_norm', [p('groups', 32), p('axis', -1), ...kerasCommon]),
  kerasLayer('UnitNormalization', 'l2', 'l2_normalize', [p('axis', -1)]),
  kerasLayer('RMSNormalization', 'rms', 'rms_norm', [p('axis', -1), p('epsilon', 1e-6)]),
];

const byName = (list: readonly LayerSpec[]) => new Map(list.map((spec) => [spec.name, spec]));
const TORCH_MODULES = byName(TORCH_MODULE_LIST);
const TORCH_FUNCTIONAL = byName(TORCH_FUNCTIONAL_LIST);
const KERAS_LAYERS = byName(KERAS_LAYER_LIST);

/** Every recognized layer, for documentation and tests. */
export const RECOGNIZED_LAYERS: readonly LayerSpec[] = [...TORCH_MODULE_LIST, ...TORCH_FUNCTIONAL_LIST, ...KERAS_LAYER_LIST];

/** Splits a dotted path: 'torch.nn.modules.batchnorm.BatchNorm2d' → ['torch', …]. */
function lastPart(path: string): [string, string] {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? ['', path] : [path.slice(0, dot), path.slice(dot + 1)];
}

function isTorchModuleNamespace(namespace: string): boolean {
  return namespace === 'torch.nn' || namespace.startsWith('torch.nn.modules');
}

function isTorchFunctionalNamespace(namespace: string): boolean {
  return namespace === 'torch.nn.functional';
}

/** keras.layers, tensorflow.keras.layers, tf_keras.layers, keras.src.layers…, keras.layers.normalization… */
function isKerasLayersNamespace(namespace: string): boolean {
  const parts = namespace.split('.');
  const at = parts.indexOf('layers');
  if (at < 0) return false;
  const root = parts.slice(0, at);
  return root.includes('keras') || root.includes('tf_keras');
}

/** The layer spec for a fully qualified callee, e.g. 'torch.nn.GroupNorm' or 'tensorflow.keras.layers.BatchNormalization'. */
export function layerSpecFor(qualified: string): LayerSpec | undefined {
  const [namespace, name] = lastPart(qualified);
  if (isTorchModuleNamespace(namespace)) return TORCH_MODULES.get(name);
  if (isTorchFunctionalNamespace(namespace)) return TORCH_FUNCTIONAL.get(name);
  if (isKerasLayersNamespace(namespace)) return KERAS_LAYERS.get(name);
  return undefined;
}

/** What a layer in a Sequential stack does to the feature (channel) count the next norm sees. */
export type ChainRole =
  | { readonly role: 'produces'; readonly parameter: string; readonly position: number; readonly kind: 'conv' | 'linear' }
  | { readonly role: 'passes' }
  | { readonly role: 'unknown' };

const TORCH_PRODUCERS: Record<string, ChainRole> = {};
for (const rank of [1, 2, 3]) {
  TORCH_PRODUCERS[`Conv${rank}d`] = { role: 'produces', parameter: 'out_channels', position: 1, kind: 'conv' };
  TORCH_PRODUCERS[`ConvTranspose${rank}d`] = { role: 'produces', parameter: 'out_channels', position: 1, kind: 'conv' };
  TORCH_PRODUCERS[`LazyConv${rank}d`] = { role: 'produces', parameter: 'out_channels', position: 0, kind: 'conv' };
  TORCH_PRODUCERS[`LazyConvTranspose${rank}d`] = { role: 'produces', parameter: 'out_channels', position: 0, kind: 'conv' };
}
TORCH_PRODUCERS.Linear = { role: 'produces', parameter: 'out_features', position: 1, kind: 'linear' };
TORCH_PRODUCERS.LazyLinear = { role: 'produces', parameter: 'out_features', position: 0, kind: 'linear' };
TORCH_PRODUCERS.Bilinear = { role: 'produces', parameter: 'out_features', position: 2, kind: 'linear' };
TORCH_PRODUCERS.Embedding = { role: 'produces', parameter: 'embedding_dim', position: 1, kind: 'linear' };

/** Layers that keep the channel (feature) count: activations, dropout, pooling, padding, upsampling. */
const TORCH_PASS_THROUGH = new Set([
  'ReLU', 'ReLU6', 'LeakyReLU', 'PReLU', 'RReLU', 'ELU', 'SELU', 'CELU', 'GELU', 'SiLU', 'Mish', 'Hardswish', 'Hardsigmoid',
  'Hardtanh', 'Sigmoid', 'LogSigmoid', 'Tanh', 'Tanhshrink', 'Softplus', 'Softsign', 'Softshrink', 'Hardshrink', 'Threshold', 'Identity',
  'Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout',
  'MaxPool1d', 'MaxPool2d', 'MaxPool3d', 'AvgPool1d', 'AvgPool2d', 'AvgPool3d', 'LPPool1d', 'LPPool2d', 'LPPool3d',
  'AdaptiveAvgPool1d', 'AdaptiveAvgPool2d', 'AdaptiveAvgPool3d', 'AdaptiveMaxPool1d', 'AdaptiveMaxPool2d', 'AdaptiveMaxPool3d',
  'Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d',
  'ZeroPad1d', 'ZeroPad2d', 'ZeroPad3d', 'ConstantPad1d', 'ConstantPad2d', 'ConstantPad3d',
  'ReflectionPad1d', 'ReflectionPad2d', 'ReflectionPad3d', 'ReplicationPad1d', 'ReplicationPad2d', 'ReplicationPad3d', 'CircularPad1d', 'CircularPad2d', 'CircularPad3d',
]);

const KERAS_PRODUCERS: Record<string, ChainRole> = {
  Dense: { role: 'produces', parameter: 'units', position: 0, kind: 'linear' },
  Conv1D: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  Conv2D: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  Conv3D: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  Conv1DTranspose: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  Conv2DTranspose: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  Conv3DTranspose: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  SeparableConv1D: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
  SeparableConv2D: { role: 'produces', parameter: 'filters', position: 0, kind: 'conv' },
};

const KERAS_PASS_THROUGH = new Set([
  'Activation', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'Softmax',
  'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'GaussianDropout', 'GaussianNoise', 'AlphaDropout',
  'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D',
  'MaxPool1D', 'MaxPool2D', 'MaxPool3D', 'AvgPool1D', 'AvgPool2D', 'AvgPool3D',
  'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalAveragePooling3D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalMaxPooling3D',
  'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D', 'UpSampling1D', 'UpSampling2D', 'UpSampling3D', 'Cropping1D', 'Cropping2D', 'Cropping3D',
]);

/** The role of a non-norm layer in a Sequential stack, by its qualified name. */
export function chainRoleFor(qualified: string): ChainRole {
  const [namespace, name] = lastPart(qualified);
  if (isTorchModuleNamespace(namespace)) {
    if (TORCH_PRODUCERS[name]) return TORCH_PRODUCERS[name];
    if (TORCH_PASS_THROUGH.has(name)) return { role: 'passes' };
  } else if (isKerasLayersNamespace(namespace)) {
    if (KERAS_PRODUCERS[name]) return KERAS_PRODUCERS[name];
    if (KERAS_PASS_THROUGH.has(name)) return { role: 'passes' };
  }
  return { role: 'unknown' };
}

/** `nn.Sequential(...)`, `nn.ModuleList([...])`, `keras.Sequential([...])`: containers whose literal order is the forward order. */
export function containerKind(qualified: string): 'torchSequential' | 'torchModuleList' | 'kerasSequential' | undefined {
  const [namespace, name] = lastPart(qualified);
  if (isTorchModuleNamespace(namespace)) {
    if (name === 'Sequential') return 'torchSequential';
    if (name === 'ModuleList') return 'torchModuleList';
  }
  if (name === 'Sequential' && (namespace === 'keras' || namespace.endsWith('.keras') || namespace.endsWith('keras.models') || namespace === 'tf_keras' || namespace.endsWith('.models'))) {
    return namespace.split('.').some((part) => part === 'keras' || part === 'tf_keras') ? 'kerasSequential' : undefined;
  }
  return undefined;
}

/** Functional norms a custom class may call in its forward (torch.nn.functional, or torch.* aliases). */
export function isFunctionalNorm(qualified: string): boolean {
  const spec = layerSpecFor(qualified);
  return spec !== undefined && spec.form === 'functional' && spec.family !== 'softmax' && spec.family !== 'l2';
}
