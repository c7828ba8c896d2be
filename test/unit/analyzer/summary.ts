/** One readable line per layer and per problem, so a test can pin a whole file's analysis exactly. */
import type { Layer, ModelAnalysis, PoolingSummary, Problem, ResolvedValue, Size } from '../../../src/core/analyzer';

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

function value(resolved: ResolvedValue): string {
  const shown = resolved.value === undefined ? `?${resolved.text}` : JSON.stringify(resolved.value);
  const origin = resolved.source === 'literal' ? '' : resolved.source === 'frameworkDefault' ? ' (default)' : ` (${resolved.source}${resolved.via ? ` ${resolved.via}` : ''})`;
  return `${shown}${origin}`;
}

const size = (s: Size): string => (s.value !== undefined ? `${s.text}=${s.value}` : s.text);

function pooling(p: PoolingSummary): string {
  const sizes = Object.entries(p.sizes).map(([letter, s]) => `${letter}:${size(s)}`).join(' ');
  const groups = p.groups ? ` groups ${size(p.groups)}×${size(p.channelsPerGroup ?? { text: '?' })}` : '';
  return `${p.kind} per (${p.per.join(', ')}) over (${p.over.join(', ')}) of (${p.layout.join(', ')})${sizes ? ` {${sizes}}` : ''}${groups}`;
}

export function summarizeLayer(text: string, layer: Layer): string {
  const args = layer.arguments.map((arg) => `${arg.name}=${value(arg)}`).join(', ');
  const learn = layer.learnable.map((p) => `${p.symbol}[${p.shape.map(size).join(', ')}]${p.count !== undefined ? `#${p.count}` : ''}${p.unlessNone ? ` unless ${p.unlessNone} is None` : ''}`).join(' ');
  const tracked = layer.tracked ? ` tracked[${layer.tracked.shape.map(size).join(', ')}] momentum ${layer.tracked.momentum ? value(layer.tracked.momentum) : '-'} ${layer.tracked.convention}` : '';
  const through = layer.through ? ` through ${layer.through}` : '';
  return [
    `${lineOf(text, layer.range.from)}: ${layer.callee} → ${layer.kind} ${layer.form}${layer.op ? ` ${layer.op}` : ''}${through}`,
    `  args ${args}`,
    ...(layer.pooling ? [`  pools ${pooling(layer.pooling)}`] : []),
    `  learns ${learn || 'nothing'}${tracked}${layer.notes.length ? ` notes ${layer.notes.join(', ')}` : ''}`,
  ].join('\n');
}

export function summarizeProblem(text: string, problem: Problem): string {
  const fix = problem.fix ? ` fix "${problem.fix.title}" ${problem.fix.edits.map((e) => `${lineOf(text, e.range.from)}:${JSON.stringify(text.slice(e.range.from, e.range.to))}→${JSON.stringify(e.newText)}`).join(' ')}` : '';
  return `${lineOf(text, problem.range.from)}: ${problem.code} ${JSON.stringify(text.slice(problem.range.from, problem.range.to))} ${problem.message}${fix}`;
}

export function summarize(text: string, analysis: ModelAnalysis): string[] {
  return [...analysis.layers.flatMap((layer) => summarizeLayer(text, layer).split('\n')), ...analysis.problems.map((problem) => summarizeProblem(text, problem))];
}
