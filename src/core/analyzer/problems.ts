/**
 * Mistakes the code proves, and nothing else: a value counts only when it is a literal or a
 * module constant assigned once (a parameter's default can be overridden by a caller, a config
 * field by a config file), and a layer only when its class comes straight from an import.
 *
 *  - groupNormIndivisible: GroupNorm(G, C) with C % G != 0 (PyTorch raises at construction; Keras
 *    GroupNormalization(groups) after a layer with a known channel count raises at build).
 *  - featureMismatch: a norm's size disagrees with the layer right before it in one
 *    nn.Sequential / nn.ModuleList / keras.Sequential literal, looking through activations,
 *    dropout and pooling (a shape error at the first forward).
 *  - batchNormSingleSample: a BatchNorm module, still in training mode, called in the same scope
 *    on a tensor built with one value per channel (torch.randn(1, C)): PyTorch raises
 *    "Expected more than 1 value per channel when training".
 */
import type { SyntaxNode } from '@lezer/common';
import { type ChainRole, chainRoleFor, type LayerSpec } from './catalog';
import type { CallSite, ContainerSite } from './index';
import { type FunctionScope, isReference, isTensor, Resolver } from './scope';
import { callArguments, childNamed, children, elements, forEachNode } from './syntax';
import type { LayerArgument, Problem, PyValue, ResolvedValue, TextRange } from './types';

const isProof = (value: ResolvedValue | undefined): value is ResolvedValue & { value: number } =>
  value !== undefined && (value.source === 'literal' || value.source === 'constant') && typeof value.value === 'number' && Number.isInteger(value.value);

const rangeOf = (node: SyntaxNode): TextRange => ({ from: node.from, to: node.to });

/** A part of the file's problems by kind, so that parts analysed apart join in the order one analysis of the whole gives. */
export interface ProblemLists {
  readonly divisibility: readonly Problem[];
  readonly chains: readonly Problem[];
  readonly singleSample: readonly Problem[];
}

/** The problems of the parts, in source order (ties keep the order of kinds, then of parts). */
export function orderProblems(parts: readonly ProblemLists[]): Problem[] {
  const all = [...parts.flatMap((part) => part.divisibility), ...parts.flatMap((part) => part.chains), ...parts.flatMap((part) => part.singleSample)];
  return all.sort((a, b) => a.range.from - b.range.from);
}

/** The problems among these sites and containers (which lie in one part of the file, or the whole). */
export function findProblems(resolver: Resolver, sites: readonly CallSite[], containers: readonly ContainerSite[]): ProblemLists {
  const problems: Problem[] = [];
  const chains: Problem[] = [];
  const byNode = new Map(sites.map((site) => [site.node.from, site]));
  for (const site of sites) {
    const problem = groupDivisibility(site);
    if (problem) problems.push(problem);
  }
  for (const { node, kind, fn } of containers) {
    const argList = childNamed(node, 'ArgList');
    if (!argList) continue;
    const args = callArguments(argList, resolver.text);
    let items: SyntaxNode[];
    if (kind === 'torchSequential') {
      const splat = args.findIndex((arg) => arg.splat || arg.keyword);
      items = (splat < 0 ? args : args.slice(0, splat)).map((arg) => arg.value);
    } else {
      const first = args[0];
      items = first && !first.splat && !first.keyword && first.value.name === 'ArrayExpression' ? elements(first.value) : [];
    }
    chains.push(...checkChain(resolver, items, fn, byNode));
  }
  return { divisibility: problems, chains, singleSample: singleSampleBatchNorm(resolver, sites) };
}

function groupDivisibility(site: CallSite): Problem | undefined {
  const { layer, spec } = site;
  if (spec.name !== 'GroupNorm' || spec.framework !== 'torch' || layer.through) return undefined;
  const groups = argument(layer.arguments, 'num_groups');
  const channels = argument(layer.arguments, 'num_channels');
  if (!isProof(groups) || !isProof(channels) || groups.value <= 0 || channels.value % groups.value === 0) return undefined;
  return indivisible(groups, channels.value, `GroupNorm(${groups.value}, ${channels.value})`, layer.range);
}

function indivisible(groups: LayerArgument & { value: number }, channels: number, what: string, fallback: TextRange): Problem {
  const divisors = Array.from({ length: channels }, (_, i) => i + 1).filter((d) => channels % d === 0);
  const near = divisors.filter((d) => d !== 1 && d !== channels);
  const suggestion = (near.length > 0 ? nearest(near, groups.value) : divisors).slice(0, 3).join(', ');
  return {
    code: 'groupNormIndivisible',
    severity: 'error',
    range: groups.range ?? fallback,
    message: `${what}: ${groups.value} groups do not divide ${channels} channels; use a number of groups that divides ${channels} (for example ${suggestion}).`,
    args: [what, String(groups.value), String(channels), suggestion],
  };
}

/** The divisors closest to `wanted`, closest first. */
function nearest(divisors: number[], wanted: number): number[] {
  return [...divisors].sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b);
}

const argument = (args: readonly LayerArgument[], name: string): LayerArgument | undefined => args.find((arg) => arg.name === name);

interface ChainState {
  readonly value: number;
  /** The producing argument (Conv2d's out_channels) as written, and where. */
  readonly text: string;
  readonly range: TextRange;
  readonly producer: string;
  readonly parameter: string;
  readonly kind: 'conv' | 'linear';
}

function checkChain(resolver: Resolver, items: readonly SyntaxNode[], fn: FunctionScope | undefined, sites: ReadonlyMap<number, CallSite>): Problem[] {
  const problems: Problem[] = [];
  let state: ChainState | undefined;
  for (const item of items) {
    const callee = item.name === 'CallExpression' ? item.firstChild : null;
    const argList = childNamed(item, 'ArgList');
    if (!callee || !argList) {
      state = undefined;
      continue;
    }
    const site = sites.get(item.from);
    if (site) {
      if (site.layer.through) state = undefined;
      else if (state) {
        const problem = compare(site, state);
        if (problem) {
          problems.push(problem);
          state = undefined;
        } else if (site.spec.name === 'GroupNormalization') {
          state = { ...state };
        }
      }
      continue;
    }
    const target = resolver.evaluate(callee, fn);
    const role: ChainRole = isReference(target.value) && callee.name === 'MemberExpression' || isReference(target.value) && target.source === 'literal' ? chainRoleFor((target.value as { ref: string }).ref) : { role: 'unknown' };
    if (role.role === 'passes') continue;
    if (role.role === 'unknown') {
      state = undefined;
      continue;
    }
    const args = callArguments(argList, resolver.text);
    if (args.some((arg) => arg.splat)) {
      state = undefined;
      continue;
    }
    const given = args.find((arg) => arg.keyword === role.parameter) ?? args.filter((arg) => !arg.keyword)[role.position];
    const resolved = given && resolver.evaluate(given.value, fn);
    state =
      given && isProof(resolved)
        ? {
            value: resolved.value,
            text: resolver.textOf(given.value),
            range: rangeOf(given.value),
            producer: lastName(resolver.textOf(callee)),
            parameter: role.parameter,
            kind: role.kind,
          }
        : undefined;
  }
  return problems;
}

const lastName = (callee: string): string => callee.slice(callee.lastIndexOf('.') + 1);

/** The norm's size against what the previous layer produces. */
function compare(site: CallSite, state: ChainState): Problem | undefined {
  const { spec, layer } = site;
  if (spec.lazy) return undefined;
  if (spec.framework === 'keras') {
    if (spec.family !== 'group') return undefined;
    const groups = argument(layer.arguments, 'groups');
    if (!isProof(groups) && !(groups?.isDefault && typeof groups.value === 'number')) return undefined;
    const count = (groups as LayerArgument & { value: number }).value;
    if (count <= 0 || state.value % count === 0) return undefined;
    const problem = indivisible(groups as LayerArgument & { value: number }, state.value, `GroupNormalization(groups=${count}) after ${state.producer}(${state.value})`, layer.range);
    return { ...problem, range: groups?.range ?? layer.calleeRange, related: { range: state.range, message: `${state.producer} ${state.parameter} = ${state.value}` } };
  }
  const sizeParameter = sizeParameterOf(spec);
  if (!sizeParameter) return undefined;
  if ((spec.family === 'layer' || spec.family === 'rms') && state.kind !== 'linear') return undefined;
  const size = argument(layer.arguments, sizeParameter);
  if (!size || !size.range) return undefined;
  let expected: number | undefined;
  let editRange: TextRange = size.range;
  if (spec.family === 'layer' || spec.family === 'rms') {
    if (isProof(size)) expected = size.value;
    else if (Array.isArray(size.value) && (size.source === 'literal' || size.source === 'constant')) {
      const last = (size.value as PyValue[])[(size.value as PyValue[]).length - 1];
      if (typeof last === 'number') expected = last;
      // A tuple's last element: only rewrite it when the tuple is written in place.
      if (size.source !== 'literal') editRange = { from: -1, to: -1 };
    }
  } else if (isProof(size)) expected = size.value;
  if (expected === undefined || expected === state.value) return undefined;
  const what = `${spec.name}(${size.text})`;
  const message = `${what} expects ${expected} ${spec.family === 'layer' || spec.family === 'rms' ? 'features' : 'channels'}, but the ${state.producer} before it outputs ${state.value} (${state.parameter}); set ${sizeParameter} to ${state.text}.`;
  const fixable = editRange.from >= 0 && size.value !== undefined && !Array.isArray(size.value);
  return {
    code: 'featureMismatch',
    severity: 'error',
    range: size.range,
    message,
    args: [what, String(expected), state.producer, String(state.value), state.parameter, sizeParameter, state.text, spec.family === 'layer' || spec.family === 'rms' ? 'features' : 'channels'],
    related: { range: state.range, message: `${state.producer} ${state.parameter} = ${state.value}` },
    ...(fixable && { fix: { title: `Set ${sizeParameter} to ${state.text}`, edits: [{ range: editRange, newText: state.text }] } }),
  };
}

function sizeParameterOf(spec: LayerSpec): string | undefined {
  if (spec.form !== 'module') return undefined;
  switch (spec.family) {
    case 'batch':
    case 'instance':
      return 'num_features';
    case 'group':
      return 'num_channels';
    case 'layer':
    case 'rms':
      return 'normalized_shape';
    default:
      return undefined;
  }
}

// ---- BatchNorm on a single sample ----------------------------------------------------------

const TENSOR_FACTORIES = new Set(['torch.randn', 'torch.rand', 'torch.zeros', 'torch.ones', 'torch.empty']);

/** One value per channel: N · (product of the spatial sizes) = 1. */
function singleValuePerChannel(shape: readonly PyValue[]): boolean {
  if (shape.length < 2 || !shape.every((size) => typeof size === 'number')) return false;
  const [n, , ...spatial] = shape as number[];
  return n * spatial.reduce((a, b) => a * b, 1) === 1;
}

function singleSampleBatchNorm(resolver: Resolver, sites: readonly CallSite[]): Problem[] {
  const problems: Problem[] = [];
  for (const site of sites) {
    if (site.spec.family !== 'batch' || site.spec.framework !== 'torch' || site.layer.through) continue;
    if (site.spec.form === 'functional') {
      const training = argument(site.layer.arguments, 'training');
      if (training?.source !== 'literal' || training.value !== true) continue;
      const input = callArguments(childNamed(site.node, 'ArgList') as SyntaxNode, resolver.text)[0];
      const shape = input && !input.keyword && !input.splat ? provenShape(resolver, input.value, resolver.functionOf(site.node)) : undefined;
      if (shape && singleValuePerChannel(shape)) problems.push(singleSample(site.layer.callee, input.value, site.node));
      continue;
    }
    const problem = moduleCalledOnOneSample(resolver, site);
    if (problem) problems.push(problem);
  }
  return problems;
}

function singleSample(what: string, input: SyntaxNode, construction: SyntaxNode): Problem {
  return {
    code: 'batchNormSingleSample',
    severity: 'error',
    range: rangeOf(input),
    message: `${what} is in training mode and this input has one value per channel (batch of 1, no spatial positions): PyTorch raises "Expected more than 1 value per channel when training". Use a batch of at least 2, or call .eval() first.`,
    args: [what],
    related: { range: rangeOf(construction), message: what },
  };
}

/** The shape of `torch.randn(1, C)` written in place, or through a name assigned once in the same scope. */
function provenShape(resolver: Resolver, node: SyntaxNode, fn: FunctionScope | undefined): readonly PyValue[] | undefined {
  let call = node;
  if (node.name === 'VariableName') {
    const assigned = fn ? fn.assignments.get(resolver.textOf(node)) : resolver.moduleAssignmentsOf(resolver.textOf(node));
    if (!assigned || assigned.length !== 1 || !assigned[0] || (fn && fn.parameters.has(resolver.textOf(node)))) return undefined;
    call = assigned[0];
  }
  if (call.name !== 'CallExpression' || !call.firstChild) return undefined;
  const target = resolver.evaluate(call.firstChild, fn);
  if (!isReference(target.value) || !TENSOR_FACTORIES.has(target.value.ref)) return undefined;
  const value = resolver.evaluate(call, fn);
  if (!isTensor(value.value) || (value.source !== 'literal' && value.source !== 'constant')) return undefined;
  return value.value.tensorShape;
}

/**
 * `bn = nn.BatchNorm1d(4)` then `bn(torch.randn(1, 4))` in the same scope, with `bn` used in no
 * other way in between (no .eval(), not handed to anything that could switch its mode).
 */
function moduleCalledOnOneSample(resolver: Resolver, site: CallSite): Problem | undefined {
  const statement = site.node.parent;
  if (statement?.name !== 'AssignStatement' || statement.lastChild?.from !== site.node.from) return undefined;
  const target = statement.firstChild;
  if (target?.name !== 'VariableName' || target.nextSibling?.name !== 'AssignOp') return undefined;
  const name = resolver.textOf(target);
  const fn = resolver.functionOf(site.node);
  const bindings = fn ? fn.assignments.get(name) : resolver.moduleAssignmentsOf(name);
  if (!bindings || bindings.length !== 1) return undefined;
  const scopeBody = fn ? childNamed(fn.node, 'Body') : resolver.tree.topNode;
  if (!scopeBody) return undefined;
  // Statements of the same block after the construction, in order.
  const block = statement.parent;
  if (!block) return undefined;
  if (!block.parent) resolver.dependsOnWholeFile();
  for (const next of children(block)) {
    if (next.from <= statement.from) continue;
    const uses = usesOf(resolver, next, name);
    if (uses.length === 0) continue;
    const [first] = uses;
    const call = first.parent;
    if (call?.name !== 'CallExpression' || call.firstChild?.from !== first.from || uses.length > 1) return undefined;
    const input = callArguments(childNamed(call, 'ArgList') as SyntaxNode, resolver.text)[0];
    if (!input || input.keyword || input.splat) return undefined;
    const shape = provenShape(resolver, input.value, fn);
    return shape && singleValuePerChannel(shape) ? singleSample(name, input.value, site.node) : undefined;
  }
  return undefined;
}

/** Every VariableName `name` inside `node`, not in nested functions or classes. */
function usesOf(resolver: Resolver, node: SyntaxNode, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  forEachNode(node, (cursor) => {
    // A nested definition could do anything with the module: count it as a use that is not a call.
    if (cursor.name === 'FunctionDefinition' || cursor.name === 'ClassDefinition' || cursor.name === 'LambdaExpression') {
      found.unshift(cursor.node);
      return false;
    }
    if (cursor.name === 'VariableName' && cursor.to - cursor.from === name.length && resolver.text.slice(cursor.from, cursor.to) === name) found.push(cursor.node);
    return true;
  });
  return found;
}
