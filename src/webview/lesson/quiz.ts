import { afterAnswer, afterHint, afterReveal, freshAttempt, type AttemptState } from '../../core/lessons/attempt';
import { answerKey, gradeQuiz, type QuizResponse, type Verdict } from '../../core/lessons/grade';
import type { LessonPageLabels, QuizContext, QuizMode, QuizProgressView, QuizView } from '../../messages';
import { parseQuizResponse } from '../../messages';
import { mountAxesPicture, type AxesPicture } from '../labs';
import { mountCellsGrid, type CellsGrid } from './cellsGrid';
import { element, format, uniqueId, withHtml } from './dom';

export interface QuizCallbacks {
  /** A graded (not invalid) answer, to be recorded by the host. */
  answered(quizId: string, seed: number, response: QuizResponse, context: QuizContext): void;
  /** "Show answer" pressed, or a hint opened. */
  stepped(kind: 'reveal' | 'hint', quizId: string, seed: number, context: QuizContext): void;
  newAttempt(quizId: string): void;
  /** The attempt is over (answer and explanation shown). */
  finished?(quizId: string): void;
}

/**
 * One quiz as accessible controls: a form whose fieldset legend is the prompt, radios,
 * checkboxes, labelled text inputs or the cells grid, hints revealed one at a time, and a live
 * verdict. It is graded here with the core grader and stepped with the core's attempt model
 * (the same code the host records with): a wrong answer shows its feedback and allows another
 * try; the answer and explanation come after a right answer, a second wrong one, or Show answer.
 */
export class QuizController {
  private readonly form: HTMLFormElement;
  private readonly verdictText: HTMLElement;
  private readonly details: HTMLElement;
  private readonly hintList: HTMLOListElement;
  private readonly hintButton: HTMLButtonElement;
  private orderState: number[] = [];
  private axesPicture: AxesPicture | undefined;
  private cellsGrid: CellsGrid | undefined;
  private readonly moveAnnouncer = element('p', { class: 'nl-visually-hidden', 'aria-live': 'polite' });
  private shownHints = 0;
  private state: AttemptState = freshAttempt;
  /** When the learner started on this attempt (shown in a review, first touched in a lesson), for the Easy rule. */
  private startedAt: number | undefined;

  constructor(
    readonly host: HTMLElement,
    private view: QuizView,
    private readonly labels: LessonPageLabels,
    private readonly callbacks: QuizCallbacks,
    private readonly mode: QuizMode = 'lesson',
  ) {
    this.form = element('form', { class: 'nl-quiz-form', 'data-quiz-id': view.id, 'data-quiz-type': view.type, novalidate: true });
    this.verdictText = element('p', { class: 'nl-verdict', role: 'status', 'aria-live': 'polite', 'data-quiz-id': view.id });
    this.details = element('div', { class: 'nl-quiz-details', hidden: true });
    this.hintList = element('ol', { class: 'nl-hints', 'aria-live': 'polite' });
    this.hintButton = element('button', { type: 'button', class: 'secondary nl-hint-button', 'data-quiz-id': view.id }, labels.hint);
    this.render();
  }

  /** Replaces the attempt (new numbers) and clears the previous verdict. */
  update(view: QuizView): void {
    this.view = view;
    this.shownHints = 0;
    this.state = freshAttempt;
    this.render();
    this.form.querySelector<HTMLElement>('input, button')?.focus();
  }

  private render(): void {
    const view = this.view;
    this.form.replaceChildren();
    this.verdictText.textContent = '';
    this.details.hidden = true;
    this.details.replaceChildren();
    this.hintList.replaceChildren();
    this.form.dataset.quizId = view.id;
    if (view.error) {
      this.host.replaceChildren(element('div', { class: 'nl-error', role: 'note' }, view.error));
      return;
    }
    const fieldset = element('fieldset', { class: 'nl-quiz-fieldset' });
    fieldset.append(withHtml(element('legend', { class: 'nl-prompt' }), view.promptHtml));
    fieldset.append(this.controls());
    const check = element('button', { type: 'submit', class: 'nl-check', 'data-quiz-id': view.id }, this.labels.check);
    const actions = element('div', { class: 'nl-quiz-actions' }, check);
    if (view.hintsHtml.length > 0) {
      this.hintButton.disabled = false;
      this.hintButton.textContent = `${this.labels.hint} (0/${view.hintsHtml.length})`;
      actions.append(this.hintButton);
    }
    const show = element('button', { type: 'button', class: 'secondary nl-show-answer', 'data-quiz-id': view.id }, this.labels.showAnswer);
    show.addEventListener('click', () => this.reveal());
    actions.append(show);
    if (this.mode === 'lesson') {
      // A new attempt draws a new seed: new numbers, a new order of the choices. Offered once this attempt is over.
      const again = element('button', { type: 'button', class: 'secondary nl-new-attempt', 'data-quiz-id': view.id, hidden: true }, view.randomized ? this.labels.newNumbers : this.labels.newAttempt);
      again.addEventListener('click', () => this.callbacks.newAttempt(view.id));
      actions.append(again);
    }
    this.form.append(fieldset, actions, this.hintList, this.verdictText, this.details);
    this.form.onsubmit = (event) => {
      event.preventDefault();
      this.submit();
    };
    this.hintButton.onclick = () => this.showHint();
    this.startedAt = this.mode === 'review' ? performance.now() : undefined;
    const start = () => (this.startedAt ??= performance.now());
    this.form.addEventListener('focusin', start);
    this.form.addEventListener('pointerdown', start);
    this.host.replaceChildren(this.form);
    this.host.classList.add('nl-quiz-mounted');
  }

  private context(): QuizContext {
    return { mode: this.mode, hintsUsed: this.shownHints, ...(this.startedAt === undefined ? {} : { ms: Math.round(performance.now() - this.startedAt) }) };
  }

  /** Locks or unlocks the controls: once the attempt is over it takes no more answers. */
  private lock(locked: boolean): void {
    for (const control of this.form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('fieldset input, .nl-check, .nl-show-answer, .nl-move')) control.disabled = locked;
    this.cellsGrid?.setDisabled(locked);
    const show = this.form.querySelector<HTMLButtonElement>('.nl-show-answer');
    if (show) show.hidden = locked;
    const again = this.form.querySelector<HTMLButtonElement>('.nl-new-attempt');
    if (again) again.hidden = !locked;
    this.form.dataset.revealed = String(locked);
  }

  private controls(): HTMLElement {
    const view = this.view;
    const name = uniqueId(`quiz-${view.id}`);
    switch (view.type) {
      case 'single':
      case 'multi':
        return element(
          'div',
          { class: 'nl-choices' },
          ...(view.choices ?? []).map((choice) => {
            const input = element('input', { type: view.type === 'single' ? 'radio' : 'checkbox', name, value: choice.id, 'data-choice-id': choice.id });
            return element('label', { class: 'nl-choice', 'data-choice-id': choice.id }, input, withHtml(element('span', { class: 'nl-choice-text' }), choice.html));
          }),
        );
      case 'axes': {
        const boxes = element(
          'div',
          { class: 'nl-axes' },
          ...(view.axes ?? []).map((axis) =>
            element('label', { class: 'nl-axis', 'data-choice-id': axis }, element('input', { type: 'checkbox', name, value: axis, 'data-axis': axis }), element('span', {}, axis)),
          ),
        );
        // The drawn tensor (from the labs) shows the pools the current choice makes.
        const picture = element('div', { class: 'nl-axes-picture' });
        try {
          this.axesPicture = mountAxesPicture(picture, view.axes ?? [], []);
          boxes.addEventListener('change', () => this.axesPicture?.update(this.checkedValues()));
        } catch {
          this.axesPicture = undefined;
        }
        return element('div', {}, boxes, picture);
      }
      case 'numeric':
      case 'short': {
        const id = uniqueId('answer');
        return element(
          'div',
          { class: 'nl-text-answer' },
          element('label', { for: id }, this.labels.yourAnswer),
          element('input', {
            id,
            type: 'text',
            name,
            class: 'nl-answer-input',
            autocomplete: 'off',
            spellcheck: 'false',
            inputmode: view.type === 'numeric' ? 'decimal' : undefined,
          }),
        );
      }
      case 'order':
        this.orderState = (view.items ?? []).map((item) => item.index);
        this.moveAnnouncer.textContent = '';
        return element('div', {}, this.orderList(), this.moveAnnouncer);
      case 'cells': {
        if (!view.cells) return element('div');
        this.cellsGrid = mountCellsGrid(view.cells.shape, view.cells.target, this.labels);
        return this.cellsGrid.root;
      }
      default: {
        const never: never = view.type;
        return never;
      }
    }
  }

  /** The order items with Move up / Move down buttons; focus follows the moved item. */
  private orderList(focus?: { index: number; direction: 'up' | 'down' }): HTMLElement {
    const items = new Map((this.view.items ?? []).map((item) => [item.index, item.html]));
    const list = element('ol', { class: 'nl-order' });
    this.orderState.forEach((index, position) => {
      const text = withHtml(element('span', { class: 'nl-order-text' }), items.get(index) ?? '');
      const plain = text.textContent ?? '';
      const up = element('button', { type: 'button', class: 'secondary nl-move', 'aria-label': format(this.labels.moveUp, plain), disabled: position === 0 }, '↑');
      const down = element('button', { type: 'button', class: 'secondary nl-move', 'aria-label': format(this.labels.moveDown, plain), disabled: position === this.orderState.length - 1 }, '↓');
      up.addEventListener('click', () => this.move(position, -1));
      down.addEventListener('click', () => this.move(position, 1));
      list.append(element('li', { class: 'nl-order-item', 'data-item-index': String(index) }, text, element('span', { class: 'nl-order-buttons' }, up, down)));
      if (focus?.index === index) queueMicrotask(() => ((focus.direction === 'up' && !up.disabled) || down.disabled ? up : down).focus());
    });
    return list;
  }

  private move(position: number, delta: -1 | 1): void {
    const target = position + delta;
    if (target < 0 || target >= this.orderState.length) return;
    const moved = this.orderState[position]!;
    [this.orderState[position], this.orderState[target]] = [this.orderState[target]!, moved];
    this.form.querySelector('.nl-order')?.replaceWith(this.orderList({ index: moved, direction: delta < 0 ? 'up' : 'down' }));
    const html = this.view.items?.find((item) => item.index === moved)?.html ?? '';
    const text = withHtml(element('span'), html).textContent ?? '';
    this.moveAnnouncer.textContent = format(this.labels.movedTo, text, target + 1, this.orderState.length);
  }

  private showHint(): void {
    if (this.shownHints >= this.view.hintsHtml.length) return;
    this.appendHint();
    if (!this.state.revealed) {
      this.state = afterHint(this.state, this.shownHints);
      this.callbacks.stepped('hint', this.view.id, this.view.seed, this.context());
    }
  }

  /** What the controls currently say, as a response of the quiz's type. */
  private response(): QuizResponse {
    const checked = () => this.checkedValues();
    const text = () => this.form.querySelector<HTMLInputElement>('.nl-answer-input')?.value ?? '';
    switch (this.view.type) {
      case 'single':
        return { type: 'single', choice: checked()[0] ?? '' };
      case 'multi':
        return { type: 'multi', choices: checked() };
      case 'axes':
        return { type: 'axes', axes: checked() };
      case 'numeric':
        return { type: 'numeric', value: text() };
      case 'short':
        return { type: 'short', text: text() };
      case 'order':
        return { type: 'order', order: [...this.orderState] };
      case 'cells':
        return { type: 'cells', cells: this.cellsGrid?.selected() ?? [] };
      default: {
        const never: never = this.view.type;
        return never;
      }
    }
  }

  private checkedValues(): string[] {
    return [...this.form.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
  }

  private submit(): void {
    if (this.state.revealed) return;
    const response = this.response();
    const verdict = gradeQuiz(this.view.quiz, response, this.view.seed);
    if (verdict.status === 'invalid') {
      this.showVerdict(verdict);
      return;
    }
    this.state = afterAnswer(this.state, verdict);
    this.lastValid = response;
    this.callbacks.answered(this.view.id, this.view.seed, response, this.context());
    this.display(verdict);
  }

  /** "Show answer": the answer and explanation, with the last answer's marks when there is one. */
  private reveal(): void {
    if (this.state.revealed) return;
    this.state = afterReveal(this.state);
    this.callbacks.stepped('reveal', this.view.id, this.view.seed, this.context());
    this.display(this.revealVerdict());
  }

  private lastValid: QuizResponse | undefined;

  private revealVerdict(): Verdict {
    const graded = this.lastValid ? gradeQuiz(this.view.quiz, this.lastValid, this.view.seed) : undefined;
    return graded && graded.status !== 'invalid' ? graded : answerKey(this.view.quiz, this.view.seed);
  }

  /** Shows a verdict as the attempt's state allows: feedback only while it is open, everything once it is over. */
  private display(verdict: Verdict): void {
    if (this.state.revealed) {
      this.showVerdict(verdict);
      this.lock(true);
      this.callbacks.finished?.(this.view.id);
    } else {
      this.showRetry(verdict);
    }
  }

  /**
   * Puts the attempt back as it was (a lesson opened again, a reload): the last answer in the
   * controls, the hints opened, and the feedback or the answer the attempt had reached.
   */
  restore(progress: QuizProgressView | undefined): void {
    const last = progress?.last && progress.last.seed === this.view.seed ? parseQuizResponse(progress.last.response) : undefined;
    this.state = progress?.state ?? (last ? { tries: 1, solved: false, revealed: true, hintsUsed: 0 } : freshAttempt);
    while (this.shownHints < Math.min(this.state.hintsUsed, this.view.hintsHtml.length)) this.appendHint();
    if (last) this.putBack(last);
    if (last && last.type === this.view.type) this.lastValid = last;
    if (this.state.revealed) {
      this.showVerdict(this.revealVerdict());
      this.lock(true);
      this.callbacks.finished?.(this.view.id);
    } else if (last && this.state.tries > 0) {
      this.showRetry(gradeQuiz(this.view.quiz, last, this.view.seed));
    }
  }

  private appendHint(): void {
    const hints = this.view.hintsHtml;
    this.hintList.append(withHtml(element('li', { class: 'nl-hint' }), hints[this.shownHints]!));
    this.shownHints += 1;
    this.hintButton.textContent = this.shownHints >= hints.length ? this.labels.noMoreHints : `${this.labels.hint} (${this.shownHints}/${hints.length})`;
    this.hintButton.disabled = this.shownHints >= hints.length;
  }

  /** A stored answer back into the controls. */
  private putBack(response: QuizResponse): void {
    if (response.type !== this.view.type) return;
    const set = (values: readonly string[]) => {
      for (const input of this.form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')) input.checked = values.includes(input.value);
    };
    switch (response.type) {
      case 'single':
        set([response.choice]);
        break;
      case 'multi':
        set(response.choices);
        break;
      case 'axes':
        set(response.axes);
        this.axesPicture?.update(response.axes);
        break;
      case 'numeric':
      case 'short': {
        const input = this.form.querySelector<HTMLInputElement>('.nl-answer-input');
        if (input) input.value = response.type === 'numeric' ? response.value : response.text;
        break;
      }
      case 'order':
        if ([...response.order].sort().join() !== [...this.orderState].sort().join()) return;
        this.orderState = [...response.order];
        this.form.querySelector('.nl-order')?.replaceWith(this.orderList());
        break;
      case 'cells':
        this.cellsGrid?.setSelected(response.cells);
        break;
    }
  }

  /** A wrong try while the attempt is open: what was wrong about it and its feedback, not the answer. */
  private showRetry(verdict: Verdict): void {
    this.clearMarks();
    this.form.dataset.verdict = verdict.status;
    if (verdict.status === 'invalid') return;
    this.verdictText.textContent = this.labels.wrongTryAgain;
    this.verdictText.dataset.status = 'retry';
    for (const [id, mark] of Object.entries(verdict.marks)) {
      if (mark !== 'wrong') continue;
      const label = this.form.querySelector<HTMLElement>(`label[data-choice-id="${CSS.escape(id)}"]`);
      if (!label) continue;
      label.dataset.mark = mark;
      label.append(element('span', { class: 'nl-mark' }, ` ${this.labels.markWrong}`));
      const feedback = this.view.choices?.find((choice) => choice.id === id)?.feedbackHtml;
      if (feedback) label.after(withHtml(element('div', { class: 'nl-feedback', 'data-choice-id': id }), feedback));
    }
    const mistake = verdict.mistake === undefined ? undefined : this.view.mistakesHtml?.[verdict.mistake];
    if (mistake) this.verdictText.after(withHtml(element('div', { class: 'nl-feedback nl-mistake-feedback' }), mistake));
  }

  private clearMarks(): void {
    for (const node of this.form.querySelectorAll('.nl-mark, .nl-feedback')) node.remove();
    for (const label of this.form.querySelectorAll<HTMLElement>('[data-choice-id]')) delete label.dataset.mark;
    this.cellsGrid?.mark(undefined);
  }

  private showVerdict(verdict: Verdict): void {
    this.form.dataset.verdict = verdict.status;
    this.clearMarks();
    if (verdict.status === 'invalid') {
      this.verdictText.textContent = this.labels.invalid[verdict.reason];
      this.verdictText.dataset.status = 'invalid';
      return;
    }
    const expected = verdict.expected ? ` ${format(this.labels.expected, verdict.expected)}` : '';
    this.verdictText.textContent = verdict.status === 'correct' ? this.labels.correct : `${this.labels.wrong}${expected}`;
    this.verdictText.dataset.status = verdict.status;
    this.cellsGrid?.mark(verdict.marks);
    const mistake = verdict.status === 'wrong' && verdict.mistake !== undefined ? this.view.mistakesHtml?.[verdict.mistake] : undefined;
    if (mistake) this.verdictText.after(withHtml(element('div', { class: 'nl-feedback nl-mistake-feedback' }), mistake));
    const markText = { correct: this.labels.markCorrect, wrong: this.labels.markWrong, missed: this.labels.markMissed };
    for (const [id, mark] of Object.entries(verdict.marks)) {
      const label = this.form.querySelector<HTMLElement>(`label[data-choice-id="${CSS.escape(id)}"]`);
      if (!label) continue;
      label.dataset.mark = mark;
      label.append(element('span', { class: 'nl-mark' }, ` ${markText[mark]}`));
      const feedback = this.view.choices?.find((choice) => choice.id === id)?.feedbackHtml;
      if (mark === 'wrong' && feedback) label.after(withHtml(element('div', { class: 'nl-feedback', 'data-choice-id': id }), feedback));
    }
    this.details.replaceChildren(element('h4', {}, this.labels.explanation), withHtml(element('div', { class: 'nl-explain' }), this.view.explainHtml));
    this.details.hidden = false;
  }
}
