import * as vscode from 'vscode';

export const OPEN_EXAMPLE_MODEL_COMMAND = 'normalizationLab.openExampleModel';

/**
 * Lesson 8's tour: opens the example model shipped in `media/examples/` beside the lesson, as an
 * untitled Python document `example_model.py` with its text, so the hovers, the diagnostic and its quick fix work on
 * it and applying the fix never writes into the installed extension. Read through
 * `workspace.fs`, so it also works in the browser. Returns the document's URI (for tests).
 */
export async function openExampleModel(extensionUri: vscode.Uri): Promise<string | undefined> {
  const file = vscode.Uri.joinPath(extensionUri, 'media', 'examples', 'example_model.py');
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not open the example model {0}: {1}', file.toString(true), error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
  // An untitled document with the file's name, so its tab says example_model.py; opened again, it
  // is the same copy with the learner's changes.
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: 'example_model.py' }));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  if (document.getText() === '') {
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), content), { undoStopBefore: false, undoStopAfter: true });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
  }
  if (document.languageId !== 'python') await vscode.languages.setTextDocumentLanguage(document, 'python');
  return document.uri.toString();
}
