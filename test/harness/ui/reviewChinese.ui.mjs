// The same walk in Simplified Chinese (the lessonLanguage setting) and the dark theme; see reviewSteps.mjs.
import { keybindings, reviewTests } from './reviewSteps.mjs';

export { keybindings };
export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'normalizationLab.lessonLanguage': 'zh-cn' };
export const tests = reviewTests('zh-cn', 'review-dark-zh');
