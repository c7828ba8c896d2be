import * as vscode from 'vscode';
import { PROGRESS_KEY, emptyProgress, loadProgress, type Progress, type ProgressWarning } from '../../core/lessons/progress';

function describe(warning: ProgressWarning): string {
  switch (warning.kind) {
    case 'unreadable':
      return vscode.l10n.t('The saved progress was not readable and has been reset.');
    case 'newerVersion':
      return vscode.l10n.t('The saved progress comes from a newer version ({0}); what could be read has been kept.', warning.version);
    case 'unknownVersion':
      return vscode.l10n.t('The saved progress has an unknown version ({0}) and has been reset.', warning.version);
    case 'noLessons':
      return vscode.l10n.t('The saved progress had no readable lessons and has been reset.');
    case 'lessonReset':
      return vscode.l10n.t('Progress of lesson "{0}" was damaged and has been reset.', warning.lessonId);
    case 'quizzesReset':
      return vscode.l10n.t('Progress of lesson "{0}": {1} damaged quiz record(s) reset.', warning.lessonId, warning.count);
    default: {
      const never: never = warning;
      return never;
    }
  }
}

/**
 * The learner's progress in `globalState` (synced across machines with Settings Sync). Loading
 * goes through `loadProgress`, which migrates or resets damaged data lesson by lesson; each
 * reset is shown once as a warning.
 */
export class ProgressStore implements vscode.Disposable {
  private progress: Progress;
  private readonly changed = new vscode.EventEmitter<Progress>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {
    memento.setKeysForSync([PROGRESS_KEY]);
    this.progress = emptyProgress();
    this.reload();
  }

  /** Reads the stored value again (at start, after a sync, or in tests after the value was replaced); returns the warnings shown. */
  reload(): readonly string[] {
    const { progress, warnings, changed } = loadProgress(this.memento.get<unknown>(PROGRESS_KEY));
    this.progress = progress;
    if (changed) void this.memento.update(PROGRESS_KEY, progress);
    const messages = warnings.map(describe);
    for (const message of messages) void vscode.window.showWarningMessage(vscode.l10n.t('Normalization Lab: {0}', message));
    this.changed.fire(progress);
    return messages;
  }

  get current(): Progress {
    return this.progress;
  }

  async update(change: (progress: Progress) => Progress): Promise<void> {
    const next = change(this.progress);
    if (next === this.progress) return;
    this.progress = next;
    this.changed.fire(next);
    await this.memento.update(PROGRESS_KEY, next);
  }

  async reset(): Promise<void> {
    this.progress = emptyProgress();
    this.changed.fire(this.progress);
    await this.memento.update(PROGRESS_KEY, undefined);
  }

  /** For tests: the raw stored value. */
  stored(): unknown {
    return this.memento.get<unknown>(PROGRESS_KEY);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
