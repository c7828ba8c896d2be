// Parse time for 1,000,000 numbers in JSON, Python and CSV notation, against JSON.parse on the
// same numbers written as JSON. Target: ratio ≤ 1.2.
import { parseSelection } from '../../src/core/selection';

const ROWS = 1000;
const COLUMNS = 1000;

/** Numbers as people write them: mostly 4–6 significant digits, some integers, some exponents. */
function makeNumbers(): string[] {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const numbers: string[] = [];
  for (let index = 0; index < ROWS * COLUMNS; index++) {
    const pick = random();
    const value = (random() - 0.5) * 200;
    if (pick < 0.1) numbers.push(String(Math.round(value)));
    else if (pick < 0.2) numbers.push(value.toExponential(3));
    else numbers.push(String(Number(value.toPrecision(6))));
  }
  return numbers;
}

function rows(numbers: string[], open: string, separator: string, close: string): string[] {
  const out: string[] = [];
  for (let row = 0; row < ROWS; row++) out.push(open + numbers.slice(row * COLUMNS, (row + 1) * COLUMNS).join(separator) + close);
  return out;
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/**
 * Runs `baseline` and `candidate` alternately after a warm-up, so both see the same machine state
 * (other processes share these cores, and each call allocates megabytes, so single times scatter
 * by ±20 %); returns the median time of each in milliseconds and the median of the ratios of the
 * pairs, which moves less than the ratio of the medians.
 */
function timePair(baseline: () => unknown, candidate: () => unknown, repeats = 21): { baseline: number; candidate: number; ratio: number } {
  for (let index = 0; index < 2; index++) {
    baseline();
    candidate();
  }
  const baselineSamples: number[] = [];
  const candidateSamples: number[] = [];
  const ratios: number[] = [];
  for (let index = 0; index < repeats; index++) {
    let start = performance.now();
    baseline();
    const baselineMs = performance.now() - start;
    start = performance.now();
    candidate();
    const candidateMs = performance.now() - start;
    baselineSamples.push(baselineMs);
    candidateSamples.push(candidateMs);
    ratios.push(candidateMs / baselineMs);
  }
  return { baseline: median(baselineSamples), candidate: median(candidateSamples), ratio: median(ratios) };
}

export function run(): void {
  const numbers = makeNumbers();
  const json = `[${rows(numbers, '[', ',', ']').join(',')}]`;
  const python = `np.array([${rows(numbers, '[', ', ', ']').join(',\n          ')}], dtype=np.float32)`;
  const csv = rows(numbers, '', ',', '').join('\n');

  const parsed = parseSelection(json);
  const reference = (JSON.parse(json) as number[][]).flat();
  for (let index = 0; index < reference.length; index++) {
    if (parsed.data[index] !== reference[index]) throw new Error(`number ${index} differs: ${parsed.data[index]} vs ${reference[index]}`);
  }

  console.log(`${numbers.length.toLocaleString('en')} numbers (${ROWS} × ${COLUMNS}, JSON text ${(json.length / 1e6).toFixed(1)} MB); target ratio ≤ 1.2`);
  for (const [name, text] of [['JSON', json], ['Python (np.array)', python], ['CSV', csv]] as const) {
    const { baseline, candidate, ratio } = timePair(() => JSON.parse(json), () => parseSelection(text));
    console.log(`parseSelection ${name.padEnd(18)} ${candidate.toFixed(1).padStart(7)} ms   JSON.parse ${baseline.toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(2)} (median of 21 side-by-side pairs)`);
  }
}
