// `npm run bench`: runs every *Bench.ts module in this folder, one after another, in one process,
// so the ratios each prints are measured side by side on the same machine state.
import * as fs from 'node:fs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const benches = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('Bench.ts'))
    .sort();
  for (const file of benches) {
    const module = (await import(path.join(__dirname, file))) as { run(): Promise<void> | void };
    console.log(`\n== ${file.replace(/\.ts$/, '')}`);
    await module.run();
  }
}

void main();
