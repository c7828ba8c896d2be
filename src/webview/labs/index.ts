/**
 * The labs' entry point for the pages. The lesson page renders each ` ```lab ` block as
 * `<div class="nl-lab" data-lab="…" data-config="{…json…}">fallback text</div>` and calls
 * `mountLabs(root)`; the result page calls `mountTensorExplorer` with the user's selection.
 */
import { parseLabConfig } from '../../core/labs/labConfig';
import { errorBox } from './dom';
import { mountInputScale } from './inputScale';
import { mountLinearCollapse } from './linearCollapse';
import { mountScaleInvariance } from './scaleInvariance';
import { labStrings } from './strings';
import { mountTensorExplorer } from './tensorExplorer';

export { type AxesPicture, mountAxesPicture } from './axesPicture';
export { MAX_DRAWN_CELLS, parseExplorerOptions, type TensorExplorerOptions } from '../../core/labs/tensorExplorer';
export { mountTensorExplorer } from './tensorExplorer';
export { drawTensorGrid, groupClasses, listenToTensorGrid, markPicked, moveTabStop, type TensorGridHandlers, type TensorGridSpec } from './tensorGrid';

/** Mounts one lab into `element` from its `data-config`; shows a message instead of throwing. */
export function mountLab(element: HTMLElement): void {
  let value: unknown;
  try {
    value = JSON.parse(element.dataset.config ?? '');
  } catch {
    element.replaceChildren(errorBox(labStrings().invalidJson(element.dataset.config ?? '(none)')));
    return;
  }
  const parsed = parseLabConfig(value);
  if (!parsed.ok) {
    element.replaceChildren(errorBox(parsed.error));
    return;
  }
  const config = parsed.config;
  try {
    switch (config.lab) {
      case 'tensor-explorer':
        mountTensorExplorer(element, { op: config.op, shape: config.shape, groups: config.groups, seed: config.seed });
        break;
      case 'linear-collapse':
        mountLinearCollapse(element, config);
        break;
      case 'input-scale':
        mountInputScale(element, config);
        break;
      case 'scale-invariance':
        mountScaleInvariance(element, config);
        break;
      default: {
        const never: never = config;
        throw new Error(`unhandled lab ${JSON.stringify(never)}`);
      }
    }
    element.dataset.mounted = 'true';
  } catch (error) {
    element.replaceChildren(errorBox(labStrings().couldNotStart(error instanceof Error ? error.message : String(error))));
  }
}

/** Mounts every `div.nl-lab[data-lab][data-config]` under `root` that is not mounted yet. */
export function mountLabs(root: HTMLElement): void {
  for (const element of root.querySelectorAll<HTMLElement>('div.nl-lab[data-lab][data-config]')) {
    if (element.dataset.mounted === 'true') continue;
    mountLab(element);
  }
}
