import * as assert from 'node:assert';
import * as vscode from 'vscode';

const extensionId = 'normalization-lab.normalization-lab';

interface Row {
  id?: string;
  title: string;
}

interface PanelPage {
  lessonId?: string;
  title: string;
  language: string;
}

const rows = () => vscode.commands.executeCommand<Row[]>('normalizationLab.internal.lessonRows');
const panelPage = () => vscode.commands.executeCommand<PanelPage | undefined>('normalizationLab.internal.panelPage');
const setLessonLanguage = (value: string | undefined) =>
  vscode.workspace.getConfiguration('normalizationLab').update('lessonLanguage', value, vscode.ConfigurationTarget.Global);

async function waitFor<T>(read: () => Thenable<T> | T, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const lessonTab = () =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('normalizationLab.lesson'));

describe('the lessonLanguage setting picks the lessons’ language, whatever the display language', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    await vscode.commands.executeCommand('normalizationLab.internal.reloadLessons');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await setLessonLanguage(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('zh-cn shows the Chinese lessons in the tree and the panel, en switches the open panel back to English', async () => {
    await setLessonLanguage('en');
    const english = await waitFor(rows, (all) => all[0]?.title === 'Why normalize inputs', 'the English lessons');
    const lessonId = english[0]!.id!;

    await setLessonLanguage('zh-cn');
    await waitFor(rows, (all) => all[0]?.title === '为什么要归一化输入', 'the tree to list the Chinese titles');
    assert.strictEqual(await vscode.commands.executeCommand('normalizationLab.openLesson', lessonId), lessonId);
    const chinese = await waitFor(panelPage, (page) => page?.lessonId === lessonId, 'the panel');
    assert.deepStrictEqual(chinese, { lessonId, title: '为什么要归一化输入', language: 'zh-cn' });
    await waitFor(() => lessonTab()?.label, (label) => label === '为什么要归一化输入', 'the tab to carry the Chinese title');

    // The panel stays open on the same lesson and is built again in English.
    await setLessonLanguage('en');
    const back = await waitFor(panelPage, (page) => page?.language === 'en', 'the open panel to switch to English');
    assert.deepStrictEqual(back, { lessonId, title: 'Why normalize inputs', language: 'en' });
    assert.strictEqual((await rows())[0]!.title, 'Why normalize inputs');
  });
});
