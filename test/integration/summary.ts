/** Prints the line the harness reads to add these tests to the run's closing summary. */
export function reportSummary(stats: { passes?: number; failures?: number; pending?: number } | undefined): void {
  const { passes = 0, failures = 0, pending = 0 } = stats ?? {};
  console.log(`integration: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
}
