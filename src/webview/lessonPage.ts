import {
  parseHostToLessonPage,
  type HostToLessonPage,
  type ReviewPayload,
  type LessonPageState,
  type LessonPageToHost,
  type LessonPanelState,
  type LessonPayload,
} from '../messages';
import { element, format, withHtml } from './lesson/dom';
import { QuizController, type QuizCallbacks } from './lesson/quiz';
import { mountLabs } from './labs';
import { isLessonCommand } from '../core/markdown/lessonCommands';

const vscode = acquireVsCodeApi<LessonPanelState>();
const post = (message: LessonPageToHost) => vscode.postMessage(message);
const root = document.getElementById('root')!;
const { labels } = JSON.parse(document.body.dataset.state ?? '{}') as LessonPageState;

let lessonId: string | undefined;
let inReview = false;
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

function showLesson(lesson: LessonPayload, requestedScroll: number, focusQuiz?: string): void {
  inReview = false;
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
    const controller = new QuizController(mount, view, labels, quizCallbacks(lesson.id));
    quizzes.set(view.id, controller);
    controller.restore(lesson.progress[view.id]);
  }
  mountLabs(body);
  saveState(scrollY);
  const section = focusQuiz ? sectionOf(body, focusQuiz) : undefined;
  if (section) {
    section.scrollIntoView({ block: 'start' });
    section.tabIndex = -1;
    section.focus({ preventScroll: true });
    saveState(window.scrollY);
    return;
  }
  window.scrollTo(0, scrollY);
  if (scrollY === 0) heading.focus({ preventScroll: true });
  else restoreScrollAfterImages(body, scrollY);
}

function quizCallbacks(owner: string): QuizCallbacks {
  return {
    answered: (quizId, seed, response, context) => post({ type: 'answer', lessonId: owner, quizId, seed, response, context }),
    stepped: (kind, quizId, seed, context) => post({ type: kind, lessonId: owner, quizId, seed, context }),
    newAttempt: (quizId) => post({ type: 'newAttempt', lessonId: owner, quizId }),
  };
}

/** The heading of the section a quiz sits in (the review's link back), else the quiz itself. */
function sectionOf(body: HTMLElement, quizId: string): HTMLElement | undefined {
  const mount = body.querySelector<HTMLElement>(`div.nl-quiz[data-quiz-id="${CSS.escape(quizId)}"]`);
  for (let node = mount?.previousElementSibling; node; node = node.previousElementSibling) {
    if (/^H[1-6]$/.test(node.tagName)) return node as HTMLElement;
  }
  return mount ?? undefined;
}

/** The review session: one due item at a time, its lesson and section, then Next. */
function showReview(review: ReviewPayload): void {
  lessonId = undefined;
  inReview = true;
  quizzes.clear();
  const heading = element('h1', { id: 'lesson-title', tabindex: -1 }, labels.review);
  const count = element('p', { class: 'nl-review-count', 'data-due': review.due }, format(labels.reviewDue, review.due));
  const item = review.item;
  if (!item) {
    const text = review.nextDueText ? format(labels.reviewEmpty, review.nextDueText) : labels.reviewNothingYet;
    root.replaceChildren(heading, element('p', { class: 'nl-review-empty', role: 'status' }, text));
    vscode.setState({ lessonId: '', scrollY: 0, review: true });
    heading.focus({ preventScroll: true });
    return;
  }
  const link = element('a', { href: '#', class: 'nl-review-source', 'data-lesson-id': item.lessonId }, format(labels.reviewFrom, item.lessonTitle));
  if (item.sectionHtml) link.append(' › ', withHtml(element('span'), item.sectionHtml));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'openSection', lessonId: item.lessonId, quizId: item.view.id });
  });
  const mount = element('div', { class: 'nl-quiz nl-review-quiz', 'data-quiz-id': item.view.id });
  const next = element('button', { type: 'button', class: 'nl-review-next', hidden: true }, labels.reviewNext);
  next.addEventListener('click', () => post({ type: 'review' }));
  const controller = new QuizController(mount, item.view, labels, { ...quizCallbacks(item.lessonId), finished: () => (next.hidden = false) }, 'review');
  root.replaceChildren(heading, count, element('p', {}, link), mount, next);
  controller.restore(item.progress);
  vscode.setState({ lessonId: '', scrollY: 0, review: true });
  heading.focus({ preventScroll: true });
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
  if (inReview) vscode.setState({ lessonId: '', scrollY: 0, review: true });
  else if (lessonId !== undefined) vscode.setState({ lessonId, scrollY });
}

function handle(message: HostToLessonPage): void {
  switch (message.type) {
    case 'showLesson':
      showLesson(message.lesson, message.scrollY, message.focusQuiz);
      return;
    case 'showReview':
      showReview(message.review);
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

// A lesson's command link (only allow-listed ones are rendered as links) asks the host to run it;
// the webview never follows command URIs itself.
root.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-command]') : null;
  if (!link) return;
  event.preventDefault();
  const command = link.dataset.command;
  if (isLessonCommand(command)) post({ type: 'runCommand', command });
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => saveState(), 200);
});

root.replaceChildren(element('p', { class: 'nl-loading' }, labels.loading));
post({ type: 'ready' });
