import * as vscode from 'vscode';

export const OPEN_EXAMPLE_MODEL_COMMAND = 'normalizationLab.openExampleModel';

/**
 * Lesson 8's tour: opens the example model shipped in `media/examples/` beside the lesson, as an
 * untitled Python document with its text, so the hovers, the diagnostic and its quick fix work on
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
  const document = await vscode.workspace.openTextDocument({ language: 'python', content });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return document.uri.toString();
}
