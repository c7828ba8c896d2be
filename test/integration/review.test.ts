import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { testEnvironment } from './environment';

const extensionId = 'normalization-lab.normalization-lab';

/** The review fixture course as a URI string, on the machine the extension's files are (in either host). */
function reviewFixtures(): string {
  const extension = vscode.extensions.getExtension(extensionId)!;
  const repo = extension.extensionUri.with({ path: testEnvironment().repoPath });
  return vscode.Uri.joinPath(repo, 'test', 'fixtures', 'lessons', 'review').toString();
}

interface Verdict {
  status: string;
  marks?: Record<string, string>;
  mistake?: number;
}
interface ReviewState {
  queue: { lessonId: string; quizId: string; due: string }[];
  nextDue?: string;
  panelShowsReview: boolean;
  statusBar?: string;
}
type Stored = { version: number; lessons: Record<string, { quizzes: Record<string, { current?: { tries: number; revealed: boolean }; card?: { due: string }; review?: { seed: number } }> }> };

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`normalizationLab.internal.${command}`, ...args);
const answer = (lessonId: string, quizId: string, response: unknown, context?: unknown) => run<Verdict | undefined>('answerQuiz', lessonId, quizId, response, context);
const reviewState = () => run<ReviewState>('reviewState');
const stored = () => run<Stored>('storedProgress');

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('review: retries, mistakes, cells and spaced review inside a real VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    await run('reloadLessons', reviewFixtures());
    await vscode.commands.executeCommand('normalizationLab.resetProgress', { confirmed: true });
    await run('setClockOffsetDays', 0);
  });

  after(async () => {
    await run('setClockOffsetDays', 0);
    await run('reloadLessons');
    await vscode.commands.executeCommand('normalizationLab.resetProgress', { confirmed: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a wrong answer leaves the attempt open (no card yet); the second try ends it and schedules the card', async () => {
    assert.strictEqual((await answer('pools', 'pools-axis', { type: 'single', choice: 'batch' }))?.status, 'wrong');
    let quiz = (await stored()).lessons.pools!.quizzes['pools-axis']!;
    assert.deepStrictEqual(quiz.current, { tries: 1, solved: false, revealed: false, hintsUsed: 0 });
    assert.strictEqual(quiz.card, undefined);
    assert.strictEqual((await answer('pools', 'pools-axis', { type: 'single', choice: 'features' }))?.status, 'correct');
    quiz = (await stored()).lessons.pools!.quizzes['pools-axis']!;
    assert.strictEqual(quiz.current!.revealed, true);
    assert.ok(quiz.card, 'the finished attempt made a card');
  });

  it('a typical wrong numeric result is named by its mistake; the cells item is graded by the pools', async () => {
    assert.deepStrictEqual(await answer('numbers', 'numbers-std', { type: 'numeric', value: '1.291' }), { status: 'wrong', score: 0, marks: {}, expected: '1.118', mistake: 0 });
    assert.strictEqual((await answer('numbers', 'numbers-std', { type: 'numeric', value: '1.118' }))?.status, 'correct');
    // LayerNorm over (C, H·W) of shape [2, 2, 3]: the target (1, 0, 1) is cell 7; sample 1 is cells 6–11.
    const missing = await answer('pools', 'pools-cells', { type: 'cells', cells: [6, 8, 9, 10] });
    assert.deepStrictEqual(missing, { status: 'wrong', score: 0, marks: { '6': 'correct', '8': 'correct', '9': 'correct', '10': 'correct', '11': 'missed' }, expected: '' });
    assert.strictEqual((await answer('pools', 'pools-cells', { type: 'cells', cells: [6, 8, 9, 10, 11] }))?.status, 'correct');
  });

  it('nothing is due on the day of the lesson; a day later every card is, interleaved, with the status bar showing the count', async () => {
    let state = await reviewState();
    assert.deepStrictEqual(state.queue, []);
    assert.ok(state.nextDue, 'the empty queue knows when the next card is due');
    assert.strictEqual(state.statusBar, undefined);
    await run('setClockOffsetDays', 1);
    state = await reviewState();
    assert.deepStrictEqual(
      state.queue.map((item) => `${item.lessonId}/${item.quizId}`),
      ['pools/pools-axis', 'numbers/numbers-std', 'pools/pools-cells'],
    );
    assert.match(state.statusBar ?? '', /3/);
  });

  it('Review opens the session in the panel with a fresh seed, grades like the lesson, and a reload keeps the queue', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.review'), 3);
    await waitFor(async () => (await stored()).lessons.pools!.quizzes['pools-axis']!.review !== undefined, 'the first item to get its review seed');
    assert.strictEqual((await reviewState()).panelShowsReview, true);
    const before = await stored();
    const seed = before.lessons.pools!.quizzes['pools-axis']!.review!.seed;
    // Reloading the stored value (as at start-up) changes neither the queue nor the item's seed.
    await run('setStoredProgress', JSON.parse(JSON.stringify(before)));
    assert.deepStrictEqual((await reviewState()).queue.length, 3);
    assert.strictEqual((await stored()).lessons.pools!.quizzes['pools-axis']!.review!.seed, seed);

    const review = { mode: 'review', hintsUsed: 0 };
    assert.strictEqual((await answer('pools', 'pools-axis', { type: 'single', choice: 'features' }, review))?.status, 'correct');
    const after = await reviewState();
    assert.deepStrictEqual(after.queue.map((item) => item.quizId), ['pools-cells', 'numbers-std']);
    const card = (await stored()).lessons.pools!.quizzes['pools-axis']!;
    assert.strictEqual(card.review, undefined);
    assert.ok(Date.parse(card.card!.due) > Date.now() + 2 * 86_400_000, 'a right review spaces the card out by days');
  });

  it('Reset Progress also forgets the cards', async () => {
    await vscode.commands.executeCommand('normalizationLab.resetProgress', { confirmed: true });
    const state = await reviewState();
    assert.deepStrictEqual(state.queue, []);
    assert.strictEqual(state.nextDue, undefined);
  });
});
