// Retry before reveal, mistakes, the cells item and the review session (light theme); see reviewSteps.mjs.
import { keybindings, reviewTests } from './reviewSteps.mjs';

export { keybindings };
export const settings = { 'workbench.colorTheme': 'Default Light Modern' };
export const tests = reviewTests('en', 'review-light');
