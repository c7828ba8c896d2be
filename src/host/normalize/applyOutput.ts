import * as vscode from 'vscode';

/** Where a result goes back: the selection it came from, valid only while the document is unchanged. */
export interface EditTarget {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly version: number;
}

/** The result text twice: with the selection's own surrounding whitespace (replace) and without it (insert, copy). */
export interface OutputText {
  readonly replacement: string;
  readonly block: string;
}

function documentOf(target: EditTarget): vscode.TextDocument {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === target.uri.toString());
  if (!document || document.isClosed) throw new Error(vscode.l10n.t('The document the numbers came from is closed; run Normalize Selection again.'));
  if (document.version !== target.version) {
    throw new Error(vscode.l10n.t('The document changed after the numbers were read; run Normalize Selection again so nothing is overwritten by mistake.'));
  }
  return document;
}

/** Writes line breaks the way the document does, whatever the formatter used. */
function withDocumentEol(document: vscode.TextDocument, text: string): string {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  return text.split('\r\n').join('\n').split('\n').join(eol);
}

/** One edit, one undo step: through the visible editor when there is one, else a workspace edit. */
async function edit(document: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
  const applied = editor
    ? await editor.edit((builder) => builder.replace(range, text))
    : await vscode.workspace.applyEdit(workspaceEdit(document.uri, range, text));
  if (!applied) throw new Error(vscode.l10n.t('VS Code refused the edit (is the document read-only?).'));
}

function workspaceEdit(uri: vscode.Uri, range: vscode.Range, text: string): vscode.WorkspaceEdit {
  const change = new vscode.WorkspaceEdit();
  change.replace(uri, range, text);
  return change;
}

export async function replaceSelection(target: EditTarget, output: OutputText): Promise<void> {
  const document = documentOf(target);
  await edit(document, target.range, withDocumentEol(document, output.replacement));
}

/** Inserts the result on a new line after the selection's last line, indented like its first line. */
export async function insertBelow(target: EditTarget, output: OutputText): Promise<void> {
  const document = documentOf(target);
  const { start, end } = target.range;
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  const firstLine = document.lineAt(start.line);
  const indent = firstLine.text.slice(0, firstLine.firstNonWhitespaceCharacterIndex);
  const at = document.lineAt(lastLine).range.end;
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  await edit(document, new vscode.Range(at, at), eol + indent + withDocumentEol(document, output.block));
}

export async function copyOutput(output: OutputText): Promise<void> {
  await vscode.env.clipboard.writeText(output.block);
}
