import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { testEnvironment } from './environment';

const extensionId = 'normalization-lab.normalization-lab';

interface Row {
  id?: string;
  title: string;
  file: string;
  problem?: string;
  status?: { state: 'notStarted' | 'inProgress' | 'done'; correct: number; firstTry: number; answered: number; total: number };
}

/**
 * A fixture folder as a URI string: the repository's, on the machine the extension's files are
 * (also when the installed .vsix is under test; in the web worker host, through code-server).
 */
function fixtures(set: string): string {
  const extension = vscode.extensions.getExtension(extensionId)!;
  const repo = extension.extensionUri.with({ path: testEnvironment().repoPath });
  return vscode.Uri.joinPath(repo, 'test', 'fixtures', 'lessons', set).toString();
}

const rows = () => vscode.commands.executeCommand<Row[]>('normalizationLab.internal.lessonRows');
const reloadLessons = (folder?: string) => vscode.commands.executeCommand<Row[]>('normalizationLab.internal.reloadLessons', folder);
const answer = (lessonId: string, quizId: string, response: unknown) =>
  vscode.commands.executeCommand<{ status: string; score?: number } | undefined>('normalizationLab.internal.answerQuiz', lessonId, quizId, response);
const resetProgress = () => vscode.commands.executeCommand<boolean>('normalizationLab.resetProgress', { confirmed: true });

function lessonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('normalizationLab.lesson'));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('lessons: panel, tree and progress inside a real VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    await reloadLessons();
    assert.strictEqual(await resetProgress(), true);
  });

  after(async () => {
    await reloadLessons();
    await resetProgress();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Explain Normalization opens the panel on the first lesson and returns its id', async () => {
    const course = await rows();
    const first = course.find((row) => row.id !== undefined);
    assert.ok(first, 'the extension ships at least one lesson');
    const opened = await vscode.commands.executeCommand<string>('normalizationLab.explain');
    assert.strictEqual(opened, first.id);
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
    assert.strictEqual(lessonTabs()[0]!.label, first.title);
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.internal.panelLesson'), first.id);
  });

  it('Open Lesson reuses the one panel and refuses an unknown id', async () => {
    const course = (await rows()).filter((row) => row.id !== undefined);
    const second = course[1]!;
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.openLesson', second.id), second.id);
    await waitFor(() => lessonTabs()[0]?.label === second.title, 'the panel to show the second lesson');
    assert.strictEqual(lessonTabs().length, 1);
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.openLesson', 'no-such-lesson'), undefined);
  });

  it('the shipped lessons load without problems', async () => {
    const problems = (await rows()).filter((row) => row.problem !== undefined).map((row) => row.problem);
    assert.deepStrictEqual(problems, []);
  });

  it('an answer is graded, stored and shown in the tree at once; the lesson is done when every quiz is answered', async () => {
    await reloadLessons(fixtures('valid'));
    const sample = () => rows().then((all) => all.find((row) => row.id === 'sample')!);
    assert.strictEqual((await sample()).status!.state, 'notStarted');

    assert.deepStrictEqual(await answer('sample', 'sample-single', { type: 'single', choice: 'batch' }), {
      status: 'wrong',
      score: 0,
      marks: { features: 'missed', batch: 'wrong' },
      expected: '',
    });
    assert.deepStrictEqual((await sample()).status, { state: 'inProgress', correct: 0, firstTry: 0, answered: 1, total: 7 });
    assert.strictEqual((await answer('sample', 'sample-single', { type: 'single', choice: 'features' }))?.status, 'correct');
    assert.strictEqual((await answer('sample', 'sample-multi', { type: 'multi', choices: ['bn', 'sync'] }))?.status, 'correct');
    assert.strictEqual((await answer('sample', 'sample-fixed', { type: 'numeric', value: '1.23' }))?.status, 'correct');
    assert.strictEqual((await answer('sample', 'sample-axes', { type: 'axes', axes: ['N', 'H', 'W'] }))?.status, 'correct');
    assert.strictEqual((await answer('sample', 'sample-order', { type: 'order', order: [0, 1, 2] }))?.status, 'correct');
    assert.strictEqual((await answer('sample', 'sample-short', { type: 'short', text: 'rms norm' }))?.status, 'correct');
    // An answer that is not a number is not an attempt.
    assert.strictEqual((await answer('sample', 'sample-numeric', { type: 'numeric', value: 'abc' }))?.status, 'invalid');
    assert.strictEqual((await sample()).status!.answered, 6);
    assert.strictEqual((await answer('sample', 'sample-numeric', { type: 'numeric', value: '123456' }))?.status, 'wrong');
    assert.deepStrictEqual((await sample()).status, { state: 'done', correct: 6, firstTry: 5, answered: 7, total: 7 });

    const stored = await vscode.commands.executeCommand<{ version: number; lessons: Record<string, { completedAt?: string; quizzes: Record<string, { attempts: number; last?: { seed: number } }> }> }>(
      'normalizationLab.internal.storedProgress',
    );
    assert.strictEqual(stored.version, 2);
    assert.strictEqual(stored.lessons.sample!.quizzes['sample-single']!.attempts, 2);
    assert.strictEqual(typeof stored.lessons.sample!.quizzes['sample-numeric']!.last!.seed, 'number');
    assert.ok(stored.lessons.sample!.completedAt);
  });

  it('a malformed response is refused without touching progress', async () => {
    await reloadLessons(fixtures('valid'));
    assert.strictEqual(await answer('sample', 'sample-single', { type: 'single', choice: 42 }), undefined);
    assert.strictEqual(await answer('sample', 'no-such-quiz', { type: 'single', choice: 'batch' }), undefined);
  });

  it('damaged saved progress is reset lesson by lesson with a warning, keeping the rest', async () => {
    await reloadLessons(fixtures('valid'));
    const warnings = await vscode.commands.executeCommand<string[]>('normalizationLab.internal.setStoredProgress', {
      version: 1,
      lessons: { sample: 'garbage', second: { openedAt: '2026-01-01T00:00:00.000Z', quizzes: {} } },
    });
    assert.deepStrictEqual(warnings, ['Progress of lesson "sample" was damaged and has been reset.']);
    const course = await rows();
    assert.strictEqual(course.find((row) => row.id === 'sample')!.status!.state, 'notStarted');
    assert.strictEqual(course.find((row) => row.id === 'second')!.status!.state, 'done');
    const stored = await vscode.commands.executeCommand<{ lessons: Record<string, unknown> }>('normalizationLab.internal.storedProgress');
    assert.deepStrictEqual(Object.keys(stored.lessons), ['second']);
  });

  it('saved progress that is not readable at all is reset, and answering works again', async () => {
    await reloadLessons(fixtures('valid'));
    const warnings = await vscode.commands.executeCommand<string[]>('normalizationLab.internal.setStoredProgress', 'not an object');
    assert.strictEqual(warnings.length, 1);
    assert.strictEqual((await answer('sample', 'sample-short', { type: 'short', text: 'RMSNorm' }))?.status, 'correct');
  });

  it('a lesson file that cannot be read is listed with file:line while the other lessons still open', async () => {
    const course = await reloadLessons(fixtures('mixed'));
    assert.deepStrictEqual(
      course.map((row) => [row.id ?? null, row.problem ?? null]),
      [
        ['sample', null],
        [null, 'lessons/en/02-no-front-matter.md:1: missing front matter: the file must start with a `---` block holding id, title, order and summary'],
      ],
    );
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.openLesson', 'sample'), 'sample');
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.explain'), 'sample');
    // The tree row of the broken file opens the panel on its problem instead of a lesson.
    const brokenFile = 'lessons/en/02-no-front-matter.md';
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.openLesson', brokenFile), brokenFile);
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.internal.panelLesson'), brokenFile);
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.openLesson', 'sample'), 'sample');
  });

  it('Reset Progress forgets every answer', async () => {
    await reloadLessons(fixtures('valid'));
    // The panel shows the lesson and its page is ready (showing it marked it opened), so the reset
    // below always takes the path that shows the lesson again, and that must not mark it opened.
    await vscode.commands.executeCommand('normalizationLab.openLesson', 'sample');
    const end = Date.now() + 20_000;
    while ((await rows()).find((row) => row.id === 'sample')?.status?.state !== 'inProgress') {
      if (Date.now() > end) throw new Error('timed out waiting for the panel to show the lesson');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await answer('sample', 'sample-single', { type: 'single', choice: 'features' });
    assert.strictEqual(await resetProgress(), true);
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.internal.panelLesson'), 'sample');
    assert.strictEqual((await rows()).find((row) => row.id === 'sample')!.status!.state, 'notStarted');
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.internal.storedProgress'), undefined);
  });
});
