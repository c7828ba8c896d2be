// The model-code analyzer on a generated 5,000-line PyTorch file: a cold analysis (parse and
// analyse), the re-analysis after a one-line edit (the parse reuses the previous tree), and the
// hover lookup on an analysed version. Targets: analysis ≤ 50 ms, hover ≤ 20 ms.
import { TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';
import { analyzeModelCode, explorerPresetFor, IncrementalAnalysis, layerAt, lessonFor } from '../../src/core/analyzer';
import { generateModelFile } from './modelFile';

const LINES = 5000;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

function time(run: () => unknown, repeats: number): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export function run(): void {
  const text = generateModelFile(LINES);
  const lines = text.split('\n').length;
  const analysis = analyzeModelCode(text);
  const parse = time(() => parser.parse(text), 9);
  const cold = time(() => analyzeModelCode(text), 9);
  const tree = parser.parse(text);
  const analyse = time(() => analyzeModelCode(text, tree), 9);

  // One keystroke in the middle of the file, then the next version's analysis.
  const at = text.indexOf('nn.BatchNorm2d(', Math.floor(text.length / 2)) + 'nn.BatchNorm2d('.length;
  const session = new IncrementalAnalysis();
  session.analyze(text);
  let current = text;
  const edit = time(() => {
    const insert = current === text ? '1' : '';
    const next = current === text ? text.slice(0, at) + insert + text.slice(at) : text;
    const changes = current === text ? [{ fromA: at, toA: at, fromB: at, toB: at + 1 }] : [{ fromA: at, toA: at + 1, fromB: at, toB: at }];
    session.applyChanges(changes);
    session.analyze(next);
    current = next;
  }, 9);

  const edited = text.slice(0, at) + '1' + text.slice(at);
  const fragments = TreeFragment.applyChanges(TreeFragment.addTree(tree), [{ fromA: at, toA: at, fromB: at, toB: at + 1 }]);
  const reparse = time(() => parser.parse(edited, fragments), 9);

  // A hover on an analysed version: find the layer under the cursor and what its links need.
  const offsets = analysis.layers.filter((_, i) => i % 10 === 0).map((layer) => layer.calleeRange.from + 2);
  const hover = time(() => {
    for (const offset of offsets) {
      const layer = layerAt(analysis, offset);
      if (layer) {
        explorerPresetFor(layer);
        lessonFor(layer);
      }
    }
  }, 9) / offsets.length;

  // The same cold analysis in steps, as the extension runs it: the longest stretch between two pauses.
  let longestStep = 0;
  for (let k = 0; k < 5; k++) {
    const steps = new IncrementalAnalysis().analyzeSteps(text);
    for (let last = performance.now(); !steps.next().done; last = performance.now()) longestStep = Math.max(longestStep, performance.now() - last);
  }

  console.log(`model file: ${lines} lines, ${(text.length / 1024).toFixed(0)} kB, ${analysis.layers.length} layers, ${analysis.problems.length} problems`);
  console.log(`  parse only (lezer)              ${parse.toFixed(1)} ms`);
  console.log(`  analysis of a parsed tree       ${analyse.toFixed(1)} ms   (${(analyse / parse).toFixed(2)} × the parse)`);
  console.log(`  reparse after an edit           ${reparse.toFixed(1)} ms`);
  console.log(`  cold analysis (parse + analyse) ${cold.toFixed(1)} ms   target ≤ 50 ms ${cold <= 50 ? 'ok' : 'MISSED'}`);
  console.log(`  after a one-character edit      ${edit.toFixed(1)} ms   target ≤ 50 ms ${edit <= 50 ? 'ok' : 'MISSED'}`);
  console.log(`  longest step of a stepwise cold analysis ${longestStep.toFixed(1)} ms (the host pauses every 8 ms)`);
  console.log(`  hover lookup                    ${(hover * 1000).toFixed(1)} µs  target ≤ 20 ms ${hover <= 20 ? 'ok' : 'MISSED'}`);
}
