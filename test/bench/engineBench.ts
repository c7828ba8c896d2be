// The engine's layer_norm and batch_norm against a naive two-pass JavaScript kernel, PyTorch and
// NumPy, on the same float64 data in the same run. PyTorch and NumPy run in a Python child
// process (test/bench/libraryBench.py, one thread) fed the same data through a temp file; single
// runs of every contender are interleaved, in rotating order, so load and garbage collection hit
// all of them alike. GB/s counts 16 bytes per element (one float64 read, one written), against a
// copy of the input into a preallocated Float64Array: the practical limit. CPU time (user + system
// of the process making the call) is measured beside wall time: on a shared machine it moves far
// less with other processes' load, so its ratios are the steadier comparison.
// Goals: engine / PyTorch <= 1.0 (one thread, float64); engine / naive <= 1.3.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { normalize, type OpName, type OpParams } from '../../src/core/engine/index';

const WARMUP = 3;
const RUNS = 11;
const EPS = 1e-5;

/** The baseline: mean, then biased variance, then the output, per row; no scaling, no checks. */
function naiveLayerNorm(x: Float64Array, rows: number, length: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    const base = r * length;
    let sum = 0;
    for (let j = 0; j < length; j++) sum += x[base + j];
    const mean = sum / length;
    let squares = 0;
    for (let j = 0; j < length; j++) {
      const d = x[base + j] - mean;
      squares += d * d;
    }
    const rstd = 1 / Math.sqrt(squares / length + EPS);
    for (let j = 0; j < length; j++) out[base + j] = (x[base + j] - mean) * rstd;
  }
  return out;
}

/** The baseline for (N, C, S): per-channel sums accumulated in memory order, two passes. */
function naiveBatchNorm(x: Float64Array, samples: number, channels: number, spatial: number): Float64Array {
  const out = new Float64Array(x.length);
  const sums = new Float64Array(channels);
  const squares = new Float64Array(channels);
  const count = samples * spatial;
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * spatial;
      let s = 0;
      for (let j = 0; j < spatial; j++) s += x[base + j];
      sums[c] += s;
    }
  }
  const means = new Float64Array(channels);
  for (let c = 0; c < channels; c++) means[c] = sums[c] / count;
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * spatial;
      const mean = means[c];
      let s = 0;
      for (let j = 0; j < spatial; j++) {
        const d = x[base + j] - mean;
        s += d * d;
      }
      squares[c] += s;
    }
  }
  const rstds = new Float64Array(channels);
  for (let c = 0; c < channels; c++) rstds[c] = 1 / Math.sqrt(squares[c] / count + EPS);
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * spatial;
      const mean = means[c];
      const rstd = rstds[c];
      for (let j = 0; j < spatial; j++) out[base + j] = (x[base + j] - mean) * rstd;
    }
  }
  return out;
}

function randomData(size: number, seed: number): Float64Array {
  // xorshift32: the same data on every run, so runs are comparable.
  let state = seed >>> 0 || 1;
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    data[i] = (state / 2 ** 32) * 4 - 1.5;
  }
  return data;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let largest = 0;
  for (let k = 0; k < a.length; k++) largest = Math.max(largest, Math.abs(a[k] - b[k]));
  return largest;
}

// ---- The Python child (PyTorch and NumPy) ---------------------------------------------------

class PythonLibraries {
  private readonly lines: AsyncIterator<string>;
  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    readonly versions: string,
  ) {
    this.lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /** Starts the child, or returns why it cannot (then the library columns are skipped). */
  static async start(): Promise<PythonLibraries | string> {
    // PYTHON names the interpreter; otherwise the first python3 on the PATH, then Debian's own
    // (a pyenv python3 on the PATH does not see Debian's python3-torch).
    const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
    const python = candidates.find((candidate) => {
      const probe = spawnSync(candidate, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
      return !probe.error && probe.status === 0;
    });
    if (python === undefined) {
      return `${candidates.join(' and ')} cannot import torch and numpy; install them for the PyTorch/NumPy columns (Debian: apt-get install python3-torch python3-numpy)`;
    }
    const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    // The machine sets these for old OpenBLAS builds; they slow a current numpy. Unset together,
    // for this child only (the ops timed here hardly touch BLAS anyway).
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const child = spawn(python, [path.join(__dirname, 'libraryBench.py')], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    const libraries = new PythonLibraries(child, '');
    const hello = (await libraries.read()) as { torch: string; numpy: string };
    return Object.assign(libraries, { versions: `PyTorch ${hello.torch}, NumPy ${hello.numpy}` });
  }

  private async read(): Promise<Record<string, unknown>> {
    const next = await this.lines.next();
    if (next.done) throw new Error('the Python bench child exited');
    return JSON.parse(next.value) as Record<string, unknown>;
  }

  async ask(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const reply = await this.read();
    if (typeof reply.error === 'string') throw new Error(reply.error);
    return reply;
  }

  close(): void {
    this.child.stdin.end();
  }
}

// ---- Cases ----------------------------------------------------------------------------------

interface Case {
  readonly name: string;
  readonly shape: number[];
  readonly data: Float64Array;
  readonly op: Extract<OpName, 'layer_norm' | 'batch_norm'>;
  readonly params: Partial<OpParams>;
  readonly normalized?: number[];
  readonly naive: () => Float64Array;
}

type Contender = 'engine' | 'engine, output reused' | 'naive' | 'torch' | 'numpy' | 'copy';

interface Row {
  name: string;
  elements: number;
  ms: Partial<Record<Contender, number>>;
  cpuMs: Partial<Record<Contender, number>>;
  diff: Partial<Record<Contender, number>>;
}

async function timeCase(c: Case, python: PythonLibraries | null, scratch: string): Promise<Row> {
  const reused = new Float64Array(c.data.length);
  const copyTarget = new Float64Array(c.data.length);
  const sync: Partial<Record<Contender, () => Float64Array>> = {
    engine: () => normalize(c.op, { shape: c.shape, data: c.data }, c.params).output.data,
    'engine, output reused': () => normalize(c.op, { shape: c.shape, data: c.data }, c.params, { output: reused }).output.data,
    naive: c.naive,
    copy: () => {
      copyTarget.set(c.data);
      return copyTarget;
    },
  };
  const contenders: Contender[] = ['engine', 'engine, output reused', 'naive', 'copy'];
  if (python) {
    const file = path.join(scratch, `${c.name.replace(/\W+/g, '_')}.f64`);
    fs.writeFileSync(file, c.data);
    await python.ask({ cmd: 'load', case: c.name, file, shape: c.shape, op: c.op, normalized: c.normalized });
    fs.rmSync(file);
    contenders.push('torch', 'numpy');
  }
  const times: Partial<Record<Contender, number[]>> = {};
  const cpuTimes: Partial<Record<Contender, number[]>> = {};
  for (const contender of contenders) {
    times[contender] = [];
    cpuTimes[contender] = [];
  }
  const once = async (contender: Contender): Promise<{ ms: number; cpuMs: number }> => {
    const kernel = sync[contender];
    if (kernel) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      kernel();
      const ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
    }
    const reply = await python!.ask({ cmd: 'run', case: c.name, lib: contender });
    return { ms: reply.ms as number, cpuMs: reply.cpu_ms as number };
  };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(i + k) % contenders.length];
      const { ms, cpuMs } = await once(contender);
      if (i >= WARMUP) {
        times[contender]!.push(ms);
        cpuTimes[contender]!.push(cpuMs);
      }
    }
  }
  const row: Row = { name: c.name, elements: c.data.length, ms: {}, cpuMs: {}, diff: {} };
  for (const contender of contenders) {
    row.ms[contender] = median(times[contender]!);
    row.cpuMs[contender] = median(cpuTimes[contender]!);
  }
  const engineOutput = sync.engine!();
  row.diff.naive = maxAbsDiff(engineOutput, c.naive());
  if (python) {
    for (const lib of ['torch', 'numpy'] as const) {
      const file = path.join(scratch, `check-${lib}.f64`);
      await python.ask({ cmd: 'check', case: c.name, lib, file });
      const bytes = fs.readFileSync(file);
      row.diff[lib] = maxAbsDiff(engineOutput, new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8));
      fs.rmSync(file);
    }
  }
  return row;
}

function printTable(rows: Row[]): void {
  const gb = (elements: number, ms: number | undefined): string =>
    ms === undefined ? '—' : ((elements * 16) / (ms / 1000) / 1e9).toFixed(2);
  const ratio = (a: number | undefined, b: number | undefined): string =>
    a === undefined || b === undefined ? '—' : (a / b).toFixed(2);
  const ms = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(1));
  console.log(
    '| case | engine ms | engine, output reused ms | PyTorch ms | NumPy ms | naive ms | copy ms | engine/PyTorch (reused) | engine/NumPy (reused) | engine/naive | engine GB/s (reused) | copy GB/s | max abs diff vs PyTorch |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const t = row.ms;
    const reused = t['engine, output reused'];
    console.log(
      `| ${row.name} | ${ms(t.engine)} | ${ms(reused)} | ${ms(t.torch)} | ${ms(t.numpy)} | ${ms(t.naive)} | ${ms(t.copy)} | ` +
        `${ratio(t.engine, t.torch)} (${ratio(reused, t.torch)}) | ${ratio(t.engine, t.numpy)} (${ratio(reused, t.numpy)}) | ` +
        `${ratio(t.engine, t.naive)} | ${gb(row.elements, t.engine)} (${gb(row.elements, reused)}) | ${gb(row.elements, t.copy)} | ` +
        `${row.diff.torch === undefined ? '—' : row.diff.torch.toExponential(1)} |`,
    );
  }
  console.log('\nCPU time (user + system of the calling process), medians of the same runs:');
  console.log('| case | engine cpu ms | engine, output reused cpu ms | PyTorch cpu ms | engine/PyTorch cpu (reused) | engine/NumPy cpu (reused) |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    const t = row.cpuMs;
    const reused = t['engine, output reused'];
    console.log(
      `| ${row.name} | ${ms(t.engine)} | ${ms(reused)} | ${ms(t.torch)} | ` +
        `${ratio(t.engine, t.torch)} (${ratio(reused, t.torch)}) | ${ratio(t.engine, t.numpy)} (${ratio(reused, t.numpy)}) |`,
    );
  }
}

export async function run(): Promise<void> {
  const python = await PythonLibraries.start();
  const libraries = typeof python === 'string' ? null : python;
  console.log(
    `float64, one thread, median of ${RUNS} interleaved runs after ${WARMUP} warm-ups; goals engine/PyTorch <= 1.00, engine/naive <= 1.30`,
  );
  console.log(
    libraries
      ? `${libraries.versions} (torch.set_num_threads(1); OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for the Python child only)`
      : `PyTorch/NumPy columns skipped: ${python as string}`,
  );
  const matrix = randomData(4096 * 1024, 7);
  const images = randomData(256 * 64 * 32 * 32, 11);
  const cases: Case[] = [
    {
      name: 'layer_norm (4096, 1024)',
      shape: [4096, 1024],
      data: matrix,
      op: 'layer_norm',
      params: {},
      normalized: [1024],
      naive: () => naiveLayerNorm(matrix, 4096, 1024),
    },
    {
      name: 'layer_norm (256, 64, 32, 32) over (C, H, W)',
      shape: [256, 64, 32, 32],
      data: images,
      op: 'layer_norm',
      params: { normalized_shape: [64, 32, 32] },
      normalized: [64, 32, 32],
      naive: () => naiveLayerNorm(images, 256, 64 * 32 * 32),
    },
    {
      name: 'batch_norm (256, 64, 32, 32) training',
      shape: [256, 64, 32, 32],
      data: images,
      op: 'batch_norm',
      params: {},
      naive: () => naiveBatchNorm(images, 256, 64, 32 * 32),
    },
    {
      name: 'batch_norm (4096, 1024) training',
      shape: [4096, 1024],
      data: matrix,
      op: 'batch_norm',
      params: {},
      naive: () => naiveBatchNorm(matrix, 4096, 1024, 1),
    },
  ];
  // NORMALIZATION_LAB_BENCH_CASES=text runs only the cases whose name contains it.
  const only = process.env.NORMALIZATION_LAB_BENCH_CASES;
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(only)));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'normalization-lab-bench-'));
  const rows: Row[] = [];
  try {
    for (const c of cases) rows.push(await timeCase(c, libraries, scratch));
  } finally {
    libraries?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  printTable(rows);
  const worst = Math.max(...rows.map((row) => row.diff.naive ?? 0));
  console.log(`max |engine − naive| over all cases ${worst.toExponential(1)}`);
}
