import {
  parseHostToLessonPage,
  type HostToLessonPage,
  type LessonPageState,
  type LessonPageToHost,
  type LessonPanelState,
  type LessonPayload,
} from '../messages';
import { element, format, withHtml } from './lesson/dom';
import { QuizController } from './lesson/quiz';
import { mountLabs } from './labs';

const vscode = acquireVsCodeApi<LessonPanelState>();
const post = (message: LessonPageToHost) => vscode.postMessage(message);
const root = document.getElementById('root')!;
const { labels } = JSON.parse(document.body.dataset.state ?? '{}') as LessonPageState;

let lessonId: string | undefined;
const quizzes = new Map<string, QuizController>();

function navigation(lesson: LessonPayload, place: 'top' | 'bottom'): HTMLElement {
  const nav = element('nav', { class: `nl-lesson-nav nl-lesson-nav-${place}`, 'aria-label': format(labels.lessonOf, lesson.position, lesson.count) });
  const button = (direction: 'previous' | 'next', target: { title: string } | undefined) => {
    if (!target) return element('span');
    const node = element(
      'button',
      { type: 'button', class: `secondary nl-${direction}`, 'data-direction': direction },
      format(direction === 'previous' ? labels.previous : labels.next, target.title),
    );
    node.addEventListener('click', () => post({ type: 'navigate', direction }));
    return node;
  };
  nav.append(
    button('previous', lesson.previous),
    element('span', { class: 'nl-lesson-position' }, format(labels.lessonOf, lesson.position, lesson.count)),
    button('next', lesson.next),
  );
  return nav;
}

function showLesson(lesson: LessonPayload, requestedScroll: number): void {
  // A page recreated after its tab was hidden gets the scroll position it saved itself.
  const saved = vscode.getState();
  const scrollY = requestedScroll > 0 ? requestedScroll : saved?.lessonId === lesson.id ? saved.scrollY : 0;
  lessonId = lesson.id;
  quizzes.clear();
  const body = withHtml(element('article', { class: 'nl-lesson', 'aria-labelledby': 'lesson-title' }), lesson.html);
  // Most lessons open with their own `# Title`; that heading is the page's h1, else the title is.
  const own = body.firstElementChild instanceof HTMLHeadingElement && body.firstElementChild.tagName === 'H1' ? body.firstElementChild : undefined;
  if (own) own.remove();
  const heading = own ?? element('h1', {}, lesson.title);
  heading.id = 'lesson-title';
  heading.tabIndex = -1;
  const problems =
    lesson.problems.length > 0
      ? element('div', { class: 'nl-error', role: 'note' }, element('p', {}, element('strong', {}, labels.problems)), element('ul', {}, ...lesson.problems.map((problem) => element('li', {}, element('code', {}, problem)))))
      : undefined;
  root.replaceChildren(navigation(lesson, 'top'), heading, ...(problems ? [problems] : []), body, navigation(lesson, 'bottom'));
  root.dataset.lessonId = lesson.id;
  const views = new Map(lesson.quizzes.map((view) => [view.id, view]));
  for (const mount of body.querySelectorAll<HTMLElement>('div.nl-quiz[data-quiz-id]')) {
    const view = views.get(mount.dataset.quizId ?? '');
    if (!view) continue;
    const controller = new QuizController(mount, view, labels, {
      answered: (quizId, seed, response) => post({ type: 'answer', lessonId: lesson.id, quizId, seed, response }),
      newAttempt: (quizId) => post({ type: 'newAttempt', lessonId: lesson.id, quizId }),
    });
    quizzes.set(view.id, controller);
    const last = lesson.progress[view.id]?.last;
    if (last) controller.restore(last.seed, last.response);
  }
  mountLabs(body);
  saveState(scrollY);
  window.scrollTo(0, scrollY);
  if (scrollY === 0) heading.focus({ preventScroll: true });
  else restoreScrollAfterImages(body, scrollY);
}

let readerMoved = false;
for (const event of ['wheel', 'keydown', 'touchmove', 'mousedown']) window.addEventListener(event, () => (readerMoved = true), { passive: true });

/**
 * The saved position was measured with the images loaded; until they are, the page is shorter
 * and the browser's scroll anchoring shifts it. Scroll again once they have arrived, unless the
 * reader has moved in the meantime.
 */
function restoreScrollAfterImages(body: HTMLElement, scrollY: number): void {
  readerMoved = false;
  const images = [...body.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined));
  void Promise.all(images).then(() => {
    if (!readerMoved) window.scrollTo(0, scrollY);
  });
}

/** Brings a quiz into view and puts the keyboard on its first control. */
function revealQuiz(quizId: string): void {
  const mount = root.querySelector<HTMLElement>(`div.nl-quiz[data-quiz-id="${CSS.escape(quizId)}"]`);
  if (!mount) return;
  mount.scrollIntoView({ block: 'start' });
  mount.querySelector<HTMLElement>('input, textarea, button, select')?.focus({ preventScroll: true });
  saveState();
}

function showProblem(title: string, problems: readonly string[]): void {
  lessonId = undefined;
  root.replaceChildren(
    element('h1', {}, title),
    element('div', { class: 'nl-error', role: 'alert' }, element('ul', {}, ...problems.map((problem) => element('li', {}, element('code', {}, problem))))),
  );
}

function saveState(scrollY = window.scrollY): void {
  if (lessonId !== undefined) vscode.setState({ lessonId, scrollY });
}

function handle(message: HostToLessonPage): void {
  switch (message.type) {
    case 'showLesson':
      showLesson(message.lesson, message.scrollY);
      return;
    case 'showProblem':
      showProblem(message.title, message.problems);
      return;
    case 'quizUpdated':
      if (message.lessonId === lessonId) quizzes.get(message.view.id)?.update(message.view);
      return;
    case 'revealQuiz':
      if (message.lessonId === lessonId) revealQuiz(message.quizId);
      return;
    default: {
      const never: never = message;
      return never;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostToLessonPage(event.data);
  if (message) handle(message);
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => saveState(), 200);
});

root.replaceChildren(element('p', { class: 'nl-loading' }, labels.loading));
post({ type: 'ready' });
