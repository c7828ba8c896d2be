/**
 * What the model-code analyzer reports about one Python file: plain data, no `vscode`. Offsets
 * are UTF-16 indices into the analysed text (what `TextDocument.positionAt` takes).
 */
import type { OpName, Pooling } from '../engine';

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** A shape known statically, e.g. `torch.ones(768)` seen through `self.weight`. */
export interface TensorValue {
  readonly tensorShape: readonly PyValue[];
}

/** A reference to something callable: a dotted import path, or a class defined in the file. */
export interface Reference {
  readonly ref: string;
  /** `functools.partial(ref, …)`: the arguments it binds (the analyzer's own, opaque record). */
  readonly partial?: unknown;
}

/** Inside a tuple or shape only: an element that exists but whose value is not known, named by its expression. */
export interface SymbolicElement {
  readonly symbol: string;
}

export type PyValue = number | boolean | string | null | readonly PyValue[] | TensorValue | Reference | SymbolicElement;

/**
 * Where a value came from, from most to least certain. Only `literal` and `constant` are taken
 * as proof by the diagnostics: a dataclass field's default, a `self.x = …` assignment and a
 * parameter's default can all be overridden or changed.
 */
export type ValueSource = 'literal' | 'constant' | 'frameworkDefault' | 'classAttribute' | 'instanceAttribute' | 'parameterDefault' | 'symbolic';

export interface ResolvedValue {
  /** Undefined when the value cannot be known from the file (then `source` is `symbolic`). */
  readonly value?: PyValue;
  readonly source: ValueSource;
  /** The expression as written, e.g. `config.n_embd`, `C`, `2 * dim`. */
  readonly text: string;
  /** The name the value was found through, when not a plain literal: `C`, `config.n_embd`, `GPTConfig.n_embd`. */
  readonly via?: string;
}

export interface LayerArgument extends ResolvedValue {
  /** The framework's parameter name, e.g. `num_features`, `eps`. */
  readonly name: string;
  /** Where the argument is written; absent when the framework's default applies. */
  readonly range?: TextRange;
  /** True when the call did not give it and the framework's default is shown. */
  readonly isDefault: boolean;
}

export type Framework = 'torch' | 'keras';

/** `module`: nn.BatchNorm2d(…); `functional`: F.layer_norm(…); `custom`: a class of the file whose forward calls one. */
export type LayerForm = 'module' | 'functional' | 'custom';

/** A size in the description: a number when known, otherwise the expression it comes from. */
export interface Size {
  readonly value?: number;
  readonly text: string;
}

/**
 * What the layer pools, in layout letters of the input it expects. The engine's vocabulary
 * (`Pooling['kind']`) says which grouping it is; the letters say it for the user's tensor.
 */
export interface PoolingSummary {
  readonly kind: Pooling['kind'] | 'localWindow';
  /** The input layout, e.g. ['N', 'C', 'H', 'W'], ['N', 'H', 'W', 'C'], ['…', 'D']. */
  readonly layout: readonly string[];
  /** Axes that get their own statistics, e.g. ['C'] for BatchNorm, ['N'] for LayerNorm, ['N', 'G'] for GroupNorm. */
  readonly per: readonly string[];
  /** Axes pooled into each statistic, e.g. ['N', 'H', 'W']. */
  readonly over: readonly string[];
  /** Known sizes by letter, e.g. { C: 256, D: 768 }. */
  readonly sizes: Readonly<Record<string, Size>>;
  /** GroupNorm: the number of groups and channels per group. */
  readonly groups?: Size;
  readonly channelsPerGroup?: Size;
}

export interface LearnableParameter {
  /** `weight` (γ) or `bias` (β). */
  readonly name: 'weight' | 'bias';
  readonly symbol: 'γ' | 'β';
  readonly shape: readonly Size[];
  /** Element count when every size is known. */
  readonly count?: number;
  /** A functional call's weight/bias given by an expression that may be None: that expression. */
  readonly unlessNone?: string;
}

export interface TrackedStatistics {
  readonly shape: readonly Size[];
  /** The momentum argument as resolved; its meaning depends on `convention`. */
  readonly momentum?: ResolvedValue;
  /**
   * `torch`: running = (1 − momentum)·running + momentum·batch (0.1 = 10 % new);
   * `keras`: running = momentum·running + (1 − momentum)·batch (0.99 = 1 % new).
   */
  readonly convention: Framework;
}

/** Facts the hover adds in a sentence each; the host words them. */
export type LayerNote =
  | 'epsFromDtype'
  | 'kerasMomentumConvention'
  | 'lazyFeatures'
  | 'functionalNoState'
  | 'batchStatisticsInTraining'
  | 'instanceNormNoAffineByDefault'
  | 'instanceNormUsesInputStats'
  | 'channelsLast'
  | 'rmsNoCentring'
  | 'notL2'
  | 'softmaxDimImplicit'
  | 'nameOnly'
  | 'viaParameter';

export interface Layer {
  /** The canonical name: `BatchNorm2d`, `layer_norm`, `BatchNormalization`, or the custom class's name. */
  readonly kind: string;
  readonly framework: Framework;
  readonly form: LayerForm;
  /** The engine op that computes it; undefined for LocalResponseNorm (named, not explained). */
  readonly op?: OpName;
  /** The whole call, `nn.GroupNorm(32, 256)`. */
  readonly range: TextRange;
  /** The callee as written, `nn.GroupNorm`. */
  readonly callee: string;
  readonly calleeRange: TextRange;
  /** When the callee is a variable that holds the class, e.g. torchvision's `norm_layer`: its name. */
  readonly through?: string;
  /** Every argument of the framework's signature that matters here, given or defaulted. */
  readonly arguments: readonly LayerArgument[];
  readonly pooling?: PoolingSummary;
  readonly learnable: readonly LearnableParameter[];
  readonly tracked?: TrackedStatistics;
  readonly notes: readonly LayerNote[];
  /** For a custom class: the functional call in its `forward` that does the work, analysed for this construction. */
  readonly inner?: Layer;
  /** For a custom class: where it is defined. */
  readonly definitionRange?: TextRange;
}

export type ProblemCode = 'groupNormIndivisible' | 'featureMismatch' | 'batchNormSingleSample';

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export interface QuickFix {
  /** English title; `titleArgs` fill the host's localized template for `code`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: 'error' | 'warning';
  readonly range: TextRange;
  /** English message; `args` fill the host's localized template for `code` (in order). */
  readonly message: string;
  readonly args: readonly string[];
  /** Where the other half of the disagreement is written (the Conv2d's out_channels). */
  readonly related?: { readonly range: TextRange; readonly message: string };
  readonly fix?: QuickFix;
}

export interface ModelAnalysis {
  /** In source order. */
  readonly layers: readonly Layer[];
  readonly problems: readonly Problem[];
}
