// Standalone preview of the labs for visual checks (not shipped): node test/labsPreview/shoot.mjs
import { mountLabs, mountTensorExplorer } from '../../src/webview/labs/index.ts';

const query = new URLSearchParams(location.search);
const theme = query.get('theme') ?? 'dark';
document.documentElement.lang = query.get('lang') ?? 'en';
document.body.classList.add(`theme-${theme}`);
mountLabs(document.getElementById('root'));
mountTensorExplorer(document.getElementById('selection'), {
  op: 'layer_norm',
  shape: [3, 4],
  data: [1, 2, 3, 4, 10, 20, 30, 40, -1, 0, 1, 2],
  params: { normalized_shape: [4], eps: 1e-5 },
});
