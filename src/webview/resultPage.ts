import type { HostToResultPage, ResultPageToHost } from '../messages';

const vscode = acquireVsCodeApi();
const post = (message: ResultPageToHost) => vscode.postMessage(message);
const root = document.getElementById('root')!;

window.addEventListener('message', (event: MessageEvent<HostToResultPage>) => {
  if (event.data?.type === 'showResult') root.textContent = event.data.title;
});
post({ type: 'ready' });
