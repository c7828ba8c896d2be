import type { HostToLessonPage, LessonPageToHost } from '../messages';

const vscode = acquireVsCodeApi();
const post = (message: LessonPageToHost) => vscode.postMessage(message);
const root = document.getElementById('root')!;

window.addEventListener('message', (event: MessageEvent<HostToLessonPage>) => {
  const message = event.data;
  if (message?.type === 'showLesson') {
    const heading = document.createElement('h1');
    heading.textContent = message.title;
    const body = document.createElement('div');
    body.textContent = 'Lessons are coming.';
    root.replaceChildren(heading, body);
  }
});
post({ type: 'ready' });
