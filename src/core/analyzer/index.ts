/**
 * The model-code analyzer: Python source in, the normalization layers it constructs or calls out
 * (with resolved arguments and what they pool), and the mistakes the code proves. Pure and
 * error-tolerant: a half-typed file is parsed by @lezer/python and analysed where it parses.
 */
import { type SyntaxNode, type Tree, TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';
import { containerKind, isFunctionalNorm, type LayerSpec, layerSpecFor, RECOGNIZED_LAYERS } from './catalog';
import { describe } from './describe';
import { findProblems, orderProblems, type ProblemLists } from './problems';
import { type Bindings, type ClassScope, type Dependencies, type FunctionScope, isReference, truthy, LOCAL_CLASS, type PartialArguments, Resolver, type ScopedArgument } from './scope';
import { runToEnd } from '../steps';
import { callArguments, childNamed, children, forEachNode } from './syntax';
import type { Layer, LayerArgument, LayerNote, ModelAnalysis, ResolvedValue, TextRange } from './types';

export type * from './types';
export { RECOGNIZED_LAYERS } from './catalog';
export { explorerPresetFor, lessonFor, type ExplorerPreset, type LessonTarget } from './links';

/** A recognized call, before it is described. */
export interface CallSite {
  readonly node: SyntaxNode;
  readonly spec: LayerSpec;
  readonly layer: Layer;
}

/** A Sequential / ModuleList literal, checked layer by layer. */
export interface ContainerSite {
  readonly node: SyntaxNode;
  readonly kind: NonNullable<ReturnType<typeof containerKind>>;
  readonly fn: FunctionScope | undefined;
}

/** An edit, in the terms of @lezer/common's `ChangedRange`: [fromA, toA) of the old text became [fromB, toB) of the new. */
export interface TextChange {
  readonly fromA: number;
  readonly toA: number;
  readonly fromB: number;
  readonly toB: number;
}

/**
 * What the parser reads: the text and one more line break. @lezer/python (1.1.19) reparsing a
 * text that does not end in a line break, with fragments of its own tree, nests the classes
 * wrongly (100 classes became 4); with a line break at the end it builds the same tree as a fresh
 * parse. Always one more, so offsets in the text are offsets in the input and every edit of the
 * text is the same edit of the input.
 */
const parserInput = (text: string): string => `${text}\n`;

/** Parses Python; with the previous tree and the edits since, reuses every unchanged part of it (fast enough to run per keystroke). */
export function parseModelCode(text: string, previous?: { readonly tree: Tree; readonly changes: readonly TextChange[] }): Tree {
  if (!previous) return parser.parse(parserInput(text));
  const fragments = TreeFragment.applyChanges(TreeFragment.addTree(previous.tree), previous.changes);
  return parser.parse(parserInput(text), fragments);
}

/** Parser steps between two yields of a stepwise analysis: 0.2 ms of parsing here on average, 2 ms at most. */
const PARSE_STEPS_PER_YIELD = 256;

/**
 * One document's analysis between edits: changes are folded into the previous tree's fragments
 * as they happen (cheap), the next analysis reparses only what they touched, and every top-level
 * statement whose text and module-level answers are unchanged keeps its previous analysis.
 *
 * `analyzeSteps` does the same work in small steps (a generator that yields between parser steps
 * and between top-level statements), so a host can pause between them and stay responsive while
 * a long file is analysed. Changes recorded while a parse is under way are folded in once that
 * parse is done, whether it finished or was abandoned (`return()`); they count from its first
 * step, which a host takes as it starts it. One analysis of a session runs at a time.
 */
export class IncrementalAnalysis {
  private fragments: readonly TreeFragment[] = [];
  private statements: StatementCache | undefined;
  private parsing = false;
  private readonly queued: (readonly TextChange[])[] = [];
  /** The tree of the last analysis. */
  tree: Tree | undefined;

  /** Records an edit; `changes` are sorted and in the coordinates of the text before (A) and after (B). */
  applyChanges(changes: readonly TextChange[]): void {
    if (this.parsing) this.queued.push(changes);
    else if (this.fragments.length > 0 && changes.length > 0) this.fragments = TreeFragment.applyChanges(this.fragments, changes);
  }

  analyze(text: string): ModelAnalysis {
    return runToEnd(this.analyzeSteps(text));
  }

  *analyzeSteps(text: string): Generator<void, ModelAnalysis, void> {
    let tree: Tree | null = null;
    this.parsing = true;
    try {
      const input = parserInput(text);
      tree = yield* parseInSteps(input, this.fragments);
      // Where the code does not parse, lezer's recovery can take another path from the previous
      // tree than from scratch, and the analysis would then depend on how the text was typed.
      // So a tree with errors in it is reparsed from scratch: half-typed code costs a full parse.
      if (this.fragments.length > 0 && hasErrors(tree)) {
        tree = null; // abandoned during this reparse, the old fragments stay, with the changes since
        tree = yield* parseInSteps(input, []);
      }
    } finally {
      this.parsing = false;
      if (tree) {
        this.tree = tree;
        this.fragments = TreeFragment.addTree(tree);
      }
      // Made while the text above was parsed: they apply to it (or, abandoned, to the old fragments, which the earlier changes already moved).
      for (const changes of this.queued.splice(0)) this.applyChanges(changes);
    }
    const { analysis, statements } = yield* analyzeStatements(text, tree, this.statements);
    this.statements = statements;
    return analysis;
  }
}

function* parseInSteps(input: string, fragments: readonly TreeFragment[]): Generator<void, Tree, void> {
  const parse = parser.startParse(input, fragments);
  for (let step = 1; ; step++) {
    const tree = parse.advance();
    if (tree) return tree;
    if (step % PARSE_STEPS_PER_YIELD === 0) yield;
  }
}

function hasErrors(tree: Tree): boolean {
  let found = false;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) found = true;
      return !found;
    },
  });
  return found;
}

/** Callee names worth resolving when written as `a.Name(…)`; any plain `name(…)` is resolved (it may be an alias). */
const MEMBER_CALLEES = new Set([...RECOGNIZED_LAYERS.map((spec) => spec.name), 'Sequential', 'ModuleList', 'partial']);

/** Analyses Python source; pass the tree from `parseModelCode` to reuse it. */
export function analyzeModelCode(text: string, tree: Tree = parseModelCode(text)): ModelAnalysis {
  return runToEnd(analyzeStatements(text, tree, undefined)).analysis;
}

/** What one top-level statement contributes, with the module-level answers it was analysed with. */
interface StatementAnalysis {
  readonly from: number;
  readonly to: number;
  readonly layers: readonly Layer[];
  readonly problems: ProblemLists;
  readonly dependencies: Dependencies;
}

/** A version's statement analyses by the statement's text. */
type StatementCache = Map<string, StatementAnalysis[]>;

/**
 * The analysis, statement by statement: a statement depends only on its own text and on what the
 * module answers about the names it asks for (imports, module assignments, classes), so one
 * whose text and answers are as in `previous` reuses that analysis, moved to where it is now.
 */
function* analyzeStatements(text: string, tree: Tree, previous: StatementCache | undefined): Generator<void, { analysis: ModelAnalysis; statements: StatementCache }, void> {
  const resolver = new Resolver(text, tree);
  const statements: StatementCache = new Map();
  const layers: Layer[] = [];
  const problems: ProblemLists[] = [];
  for (let statement = tree.topNode.firstChild; statement; statement = statement.nextSibling) {
    const source = text.slice(statement.from, statement.to);
    const earlier = previous?.get(source)?.find((candidate) => [...candidate.dependencies].every(([key, signature]) => resolver.signature(key, statement) === signature));
    const analysed = earlier ? moved(earlier, statement.from - earlier.from) : analyzeStatement(resolver, statement);
    const output = withinText(analysed, text.length);
    for (const layer of output.layers) layers.push(layer);
    problems.push(output.problems);
    const same = statements.get(source);
    if (same) same.push(analysed);
    else statements.set(source, [analysed]);
    yield;
  }
  return { analysis: { layers, problems: orderProblems(problems) }, statements };
}

function analyzeStatement(resolver: Resolver, statement: SyntaxNode): StatementAnalysis {
  const dependencies: Dependencies = new Map();
  resolver.recording = dependencies;
  resolver.recordingWithin = { from: statement.from, to: statement.to };
  try {
    const { text } = resolver;
    const customs = new Map<string, CustomNorm | null>();
    const sites: CallSite[] = [];
    const containers: ContainerSite[] = [];
    const layers: Layer[] = [];
    forEachNode(statement, (cursor) => {
      if (cursor.name !== 'CallExpression') return true;
      const node = cursor.node;
      const callee = node.firstChild;
      const argList = callee?.nextSibling;
      if (!callee || argList?.name !== 'ArgList') return true;
      if (callee.name === 'MemberExpression') {
        const property = callee.lastChild;
        if (property?.name !== 'PropertyName') return true;
        const name = text.slice(property.from, property.to);
        if (!MEMBER_CALLEES.has(name) && !resolver.classNamed(name)) return true;
      } else if (callee.name !== 'VariableName' || !resolver.isBound(text.slice(callee.from, callee.to))) return true;
      const fn = resolver.functionOf(node);
      const target = resolver.evaluate(callee, fn);
      if (!isReference(target.value)) return true;
      const ref = target.value.ref;
      // A class reached through a parameter (torchvision's `norm_layer`): a caller may pass another.
      const through = target.source === 'literal' || target.source === 'constant' ? undefined : resolver.textOf(callee);
      if (ref.startsWith(LOCAL_CLASS)) {
        const name = ref.slice(LOCAL_CLASS.length);
        if (!customs.has(name)) customs.set(name, findCustomNorm(resolver, name));
        const custom = customs.get(name);
        const layer = custom && customLayer(resolver, custom, node, fn);
        if (layer) layers.push(layer);
        return true;
      }
      const kind = containerKind(ref);
      if (kind) {
        containers.push({ node, kind, fn });
        return true;
      }
      const spec = layerSpecFor(ref);
      if (!spec) return true;
      const layer = buildLayer(resolver, spec, node, argList, fn, undefined, through, target.value.partial);
      layers.push(layer);
      sites.push({ node, spec, layer });
      return true;
    });
    return { from: statement.from, to: statement.to, layers, problems: findProblems(resolver, sites, containers), dependencies };
  } finally {
    resolver.recording = undefined;
  }
}

/**
 * A statement's analysis with `map` applied to every range in it (a layer's, its arguments', a
 * problem's fix). The results are plain data; a `partial`'s opaque record is kept as it is.
 */
function withRanges(analysis: StatementAnalysis, map: (range: TextRange) => TextRange): StatementAnalysis {
  const visit = (value: unknown, key?: string): unknown => {
    if (typeof value !== 'object' || value === null || key === 'partial') return value;
    if (Array.isArray(value)) return value.map((item) => visit(item));
    const record = value as Record<string, unknown>;
    if (typeof record.from === 'number' && typeof record.to === 'number' && Object.keys(record).length === 2) return map(record as unknown as TextRange);
    const copy: Record<string, unknown> = {};
    for (const name of Object.keys(record)) copy[name] = visit(record[name], name);
    return copy;
  };
  const { from, to } = map(analysis);
  return { from, to, layers: visit(analysis.layers) as Layer[], problems: visit(analysis.problems) as ProblemLists, dependencies: analysis.dependencies };
}

/** A statement's analysis moved by `delta`: every range inside the statement moves, ranges elsewhere (the class it constructs) stay. */
function moved(analysis: StatementAnalysis, delta: number): StatementAnalysis {
  if (delta === 0) return analysis;
  return withRanges(analysis, (range) => (range.from >= analysis.from && range.to <= analysis.to ? { from: range.from + delta, to: range.to + delta } : range));
}

/** Ranges that reach into the line break the parser reads after the text (an unclosed call at the end) end with the text. */
function withinText(analysis: StatementAnalysis, length: number): StatementAnalysis {
  if (analysis.to <= length) return analysis;
  return withRanges(analysis, (range) => (range.to <= length ? range : { from: Math.min(range.from, length), to: length }));
}

/** The layer whose call contains `offset` (the innermost when calls nest), for a hover. */
export function layerAt(analysis: ModelAnalysis, offset: number): Layer | undefined {
  let best: Layer | undefined;
  for (const layer of analysis.layers) {
    if (layer.range.from > offset) break;
    if (offset <= layer.range.to && (!best || layer.range.to - layer.range.from <= best.range.to - best.range.from)) best = layer;
  }
  return best;
}

/** Matches a call's arguments to the framework's signature; `*args` makes the rest unknown. */
export function bindArguments(resolver: Resolver, spec: LayerSpec, args: readonly ScopedArgument[]): Map<string, LayerArgument> {
  const bound = new Map<string, LayerArgument>();
  const positional = spec.parameters.filter((parameter) => !parameter.keywordOnly);
  let index = 0;
  let splatAt: ScopedArgument | undefined;
  for (const scoped of args) {
    const { arg } = scoped;
    if (arg.splat) {
      splatAt ??= scoped;
      continue;
    }
    const name = arg.keyword ?? (splatAt ? undefined : positional[index++]?.name);
    if (!name || !spec.parameters.some((parameter) => parameter.name === name)) continue;
    const resolved = resolver.evaluate(arg.value, scoped.fn, scoped.bindings);
    bound.set(name, { ...resolved, name, range: { from: arg.value.from, to: arg.value.to }, isDefault: false });
  }
  const ordered = new Map<string, LayerArgument>();
  for (const parameter of spec.parameters) {
    const given = bound.get(parameter.name);
    if (given) {
      ordered.set(parameter.name, given);
      continue;
    }
    if (splatAt || parameter.required) {
      const text = splatAt ? `${splatAt.arg.splat ?? ''}${resolver.textOf(splatAt.arg.value)}` : parameter.name;
      ordered.set(parameter.name, { source: 'symbolic', text, name: parameter.name, isDefault: false });
    } else {
      ordered.set(parameter.name, { value: parameter.default, source: 'frameworkDefault', text: pythonText(parameter.default), name: parameter.name, isDefault: true });
    }
  }
  return ordered;
}

function pythonText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

function buildLayer(
  resolver: Resolver,
  spec: LayerSpec,
  node: SyntaxNode,
  argList: SyntaxNode,
  fn: FunctionScope | undefined,
  bindings: Bindings | undefined,
  through: string | undefined,
  partial?: unknown,
): Layer {
  const callee = node.firstChild as SyntaxNode;
  const own = callArguments(argList, resolver.text).map((arg): ScopedArgument => ({ arg, fn, ...(bindings && { bindings }) }));
  const args = bindArguments(resolver, spec, [...((partial as PartialArguments | undefined)?.args ?? []), ...own]);
  const description = describe(spec, args);
  const notes: LayerNote[] = [...description.notes, ...(through ? (['viaParameter'] as const) : [])];
  let op = spec.op;
  if (spec.family === 'l2' && spec.framework === 'torch' && args.get('p')?.value !== 2) op = undefined;
  if (spec.name === 'LayerNormalization' && args.get('rms_scaling')?.value === true) op = 'rms_norm';
  return {
    kind: spec.name,
    framework: spec.framework,
    form: spec.form,
    ...(op && { op }),
    range: { from: node.from, to: node.to },
    callee: resolver.textOf(callee),
    calleeRange: { from: callee.from, to: callee.to },
    ...(through && { through }),
    arguments: [...args.values()].filter((argument) => argument.name !== 'input'),
    ...(description.pooling && { pooling: description.pooling }),
    learnable: description.learnable,
    ...(description.tracked && { tracked: description.tracked }),
    notes,
  };
}

/** A class of the file whose methods (forward first) call a functional norm, e.g. nanoGPT's LayerNorm. */
interface CustomNorm {
  readonly cls: ClassScope;
  readonly call: SyntaxNode;
  readonly method: FunctionScope;
  readonly spec: LayerSpec;
}

function findCustomNorm(resolver: Resolver, name: string): CustomNorm | null {
  const cls = resolver.classNamed(name);
  if (!cls) return null;
  const methods = [...cls.methods.values()].sort((a, b) => Number(b.name === 'forward') - Number(a.name === 'forward'));
  for (const method of methods) {
    if (method.name === '__init__') continue;
    let found: CustomNorm | null = null;
    forEachNode(method.node, (cursor) => {
      if (found) return false;
      if (cursor.name !== 'CallExpression') return true;
      const node = cursor.node;
      const callee = node.firstChild;
      if (!callee || callee.name !== 'MemberExpression') return true;
      const target = resolver.evaluate(callee, method);
      if (isReference(target.value) && isFunctionalNorm(target.value.ref)) found = { cls, call: node, method, spec: layerSpecFor(target.value.ref) as LayerSpec };
      return true;
    });
    if (found) return found;
  }
  return null;
}

/** The construction site of a custom norm: its __init__ parameters bound to the arguments, and the inner call analysed with them. */
function customLayer(resolver: Resolver, custom: CustomNorm, node: SyntaxNode, fn: FunctionScope | undefined): Layer | undefined {
  const callee = node.firstChild as SyntaxNode;
  const argList = childNamed(node, 'ArgList') as SyntaxNode;
  const init = custom.cls.methods.get('__init__');
  const names = new Map<string, ResolvedValue>();
  const args: LayerArgument[] = [];
  if (init) {
    const parameters = [...init.parameters.entries()].filter(([, parameter]) => parameter.index > 0);
    let index = 0;
    let splat = false;
    for (const arg of callArguments(argList, resolver.text)) {
      if (arg.splat) {
        splat = true;
        continue;
      }
      const name = arg.keyword ?? (splat ? undefined : parameters[index++]?.[0]);
      if (!name || !init.parameters.has(name)) continue;
      const resolved = resolver.evaluate(arg.value, fn);
      names.set(name, resolved);
      args.push({ ...resolved, name, range: { from: arg.value.from, to: arg.value.to }, isDefault: false });
    }
    for (const [name, parameter] of parameters) {
      if (names.has(name)) continue;
      if (splat) names.set(name, { source: 'symbolic', text: name });
      else if (parameter.defaultValue) {
        const resolved = resolver.evaluate(parameter.defaultValue, init);
        args.push({ ...resolved, name, isDefault: true });
      }
    }
  }
  // ConvNeXt's LayerNorm(…, data_format="channels_first") never reaches its F.layer_norm.
  if (!reachable(resolver, custom.call, custom.method, { cls: custom.cls, names })) return undefined;
  const inner = buildLayer(resolver, custom.spec, custom.call, childNamed(custom.call, 'ArgList') as SyntaxNode, custom.method, { cls: custom.cls, names }, undefined);
  const { pooling, learnable, tracked, notes } = inner;
  return {
    kind: custom.cls.name,
    framework: 'torch',
    form: 'custom',
    ...(inner.op && { op: inner.op }),
    range: { from: node.from, to: node.to },
    callee: resolver.textOf(callee),
    calleeRange: { from: callee.from, to: callee.to },
    arguments: args,
    ...(pooling && { pooling }),
    learnable,
    ...(tracked && { tracked }),
    notes: notes.filter((note) => note !== 'functionalNoState'),
    inner,
    definitionRange: { from: custom.cls.node.from, to: custom.cls.node.to },
  };
}

/** False when an `if`/`elif`/`else` around `node` provably takes another branch with these bindings. */
function reachable(resolver: Resolver, node: SyntaxNode, method: FunctionScope, bindings: Bindings): boolean {
  for (let child = node, parent = node.parent; parent && parent.from >= method.node.from; child = parent, parent = parent.parent) {
    if (parent.name !== 'IfStatement' || child.name !== 'Body') continue;
    const parts = children(parent);
    for (let i = 0; i < parts.length; i++) {
      const keyword = parts[i].name;
      if (keyword !== 'if' && keyword !== 'elif' && keyword !== 'else') continue;
      const body = keyword === 'else' ? parts[i + 1] : parts[i + 2];
      const test = keyword === 'else' ? undefined : resolver.evaluate(parts[i + 1], method, bindings).value;
      if (body?.from === child.from) {
        if (test !== undefined && !truthy(test)) return false;
        break;
      }
      // An earlier branch that is certainly taken shadows this one.
      if (test !== undefined && truthy(test)) return false;
    }
  }
  return true;
}
