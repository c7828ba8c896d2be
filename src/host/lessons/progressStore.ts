import * as vscode from 'vscode';
import { PROGRESS_KEY, emptyProgress, loadProgress, type Progress } from '../../core/lessons/progress';

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

  /** Reads the stored value again (at start, after a sync, or in tests after the value was replaced); returns the warnings. */
  reload(): readonly string[] {
    const { progress, warnings, changed } = loadProgress(this.memento.get<unknown>(PROGRESS_KEY));
    this.progress = progress;
    if (changed) void this.memento.update(PROGRESS_KEY, progress);
    for (const warning of warnings) void vscode.window.showWarningMessage(vscode.l10n.t('Normalization Lab: {0}', warning));
    this.changed.fire(progress);
    return warnings;
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
