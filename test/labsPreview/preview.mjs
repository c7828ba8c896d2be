// Standalone preview of the labs for visual checks (not shipped): node test/labsPreview/shoot.mjs
import { mountAxesPicture, mountLabs, mountTensorExplorer } from '../../src/webview/labs/index.ts';

const query = new URLSearchParams(location.search);
const theme = query.get('theme') ?? 'dark';
document.documentElement.lang = query.get('lang') ?? 'en';
// VS Code marks the body of every webview with the kind of theme.
document.body.classList.add(`theme-${theme}`, { dark: 'vscode-dark', light: 'vscode-light', hc: 'vscode-high-contrast' }[theme]);
mountLabs(document.getElementById('root'));
mountTensorExplorer(document.getElementById('selection'), {
  op: 'layer_norm',
  shape: [3, 4],
  data: [1, 2, 3, 4, 10, 20, 30, 40, -1, 0, 1, 2],
  params: { normalized_shape: [4], eps: 1e-5 },
});

// What the axes quiz would do: its own checkboxes, the picture following them.
const axes = ['N', 'C', 'H', 'W'];
const picture = mountAxesPicture(document.getElementById('axes'), axes, ['H', 'W']);
const choices = document.getElementById('axes-choices');
for (const axis of axes) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = axis;
  box.checked = axis === 'H' || axis === 'W';
  box.addEventListener('change', () => picture.update([...choices.querySelectorAll('input:checked')].map((input) => input.value)));
  label.append(box, ` ${axis} `);
  choices.append(label);
}
