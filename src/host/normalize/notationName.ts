import * as vscode from 'vscode';
import type { Notation } from '../../core/selection';

/**
 * The selection's notation as the result panel names it, e.g. "NumPy array (dtype=np.float32)",
 * in the display language. Every name is a literal `vscode.l10n.t` call, so `npm run l10n`
 * finds it.
 */
export function notationName(notation: Notation): string {
  const name = baseName(notation);
  if (notation.kind === 'delimited') return notation.prefix ? vscode.l10n.t('{0} with a header row', name) : name;
  return notation.dtype ? vscode.l10n.t('{0} (dtype={1})', name, notation.dtype) : name;
}

function baseName(notation: Notation): string {
  switch (notation.kind) {
    case 'json':
      return vscode.l10n.t('JSON array');
    case 'python':
      return vscode.l10n.t('Python list');
    case 'numpy':
      return vscode.l10n.t('NumPy array');
    case 'torch':
      return vscode.l10n.t('PyTorch tensor');
    case 'call':
      return vscode.l10n.t('array constructor');
    case 'matlab':
      return vscode.l10n.t('MATLAB matrix');
    case 'lines':
      return vscode.l10n.t('one number per line');
    case 'delimited':
      return notation.delimiter === ','
        ? vscode.l10n.t('CSV')
        : notation.delimiter === '\t'
          ? vscode.l10n.t('TSV')
          : notation.delimiter === ';'
            ? vscode.l10n.t('semicolon-separated rows')
            : vscode.l10n.t('whitespace-separated rows');
    default: {
      const never: never = notation.kind;
      return never;
    }
  }
}
