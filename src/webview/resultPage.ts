import { parseHostToResultPage, parseResultView, type ResultPageToHost, type ResultView } from '../messages';
import { renderResult, showStatus } from './result/renderResult';

const vscode = acquireVsCodeApi<ResultView>();
const post = (message: ResultPageToHost) => vscode.postMessage(message);
const root = document.getElementById('root')!;

function show(view: ResultView): void {
  vscode.setState(view);
  renderResult(root, view, (action) => post({ type: 'apply', action }));
}

// The first view arrives in the page's data attribute, later ones (a new selection) as messages.
// When a hidden panel's page is rebuilt, its saved state is newer than the data attribute.
let initial: unknown;
try {
  initial = JSON.parse(document.body.dataset.state ?? 'null');
} catch {
  initial = undefined;
}
const firstView = parseResultView(vscode.getState()) ?? parseResultView(initial);
if (firstView) show(firstView);
// The host answers `ready` with its view, usually the one already drawn; drawing that again would
// reset what the learner has already done in the explorer. Any later view is drawn, even an equal one.
let drawnBeforeReady = firstView ? JSON.stringify(firstView) : undefined;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostToResultPage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'showResult': {
      const echo = drawnBeforeReady !== undefined && JSON.stringify(message.view) === drawnBeforeReady;
      drawnBeforeReady = undefined;
      if (!echo) show(message.view);
      return;
    }
    case 'actionDone':
      showStatus(root, message.action, message.message, message.ok);
      return;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
post({ type: 'ready' });
