// `npm run -s conformance -- FILE.json`: runs a normalization-cases/1 file against the engine,
// prints one line per failing case and then "N passed, N failed". Exit code 0 only when every
// case passed; 1 when a case failed; 2 when the file cannot be read or is malformed.
import * as fs from 'node:fs';
import { MalformedCaseFile, runConformance } from '../core/engine/conformance';

function main(argv: string[]): number {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    console.error('usage: npm run -s conformance -- FILE.json');
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`conformance: cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const report = runConformance(text);
    for (const outcome of report.outcomes) if (!outcome.passed) console.log(`FAIL ${outcome.failure}`);
    console.log(report.summary);
    return report.failed === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof MalformedCaseFile) {
      console.error(`conformance: ${file} is malformed: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
