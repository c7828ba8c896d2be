/** The longest a stepwise job runs before it lets the extension host answer something else. */
const SLICE_MS = 8;

/** Lets the extension host run what is waiting; setTimeout, not setImmediate: the browser's web worker extension host has none. */
export const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs a core generator that yields between small steps, pausing every SLICE_MS so hovers, other
 * documents and commands are served meanwhile; the core decides where it can stop, the host when.
 */
export async function runInSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
