/**
 * The core's long jobs (parsing a selection, analysing a model file, writing numbers back) are
 * generators that yield between small steps; a host pauses between them, a caller that wants the
 * answer at once runs them to the end with this.
 */
export function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
