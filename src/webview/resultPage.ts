import { parseHostToResultPage, type ResultPageToHost } from '../messages';

const vscode = acquireVsCodeApi();
const post = (message: ResultPageToHost) => vscode.postMessage(message);
const root = document.getElementById('root')!;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostToResultPage(event.data);
  if (message?.type === 'showResult') root.textContent = message.view.title;
});
post({ type: 'ready' });
