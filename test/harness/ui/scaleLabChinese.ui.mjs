// Lesson 7's scale-invariance lab and lesson 8's tour link in Simplified Chinese (the
// lessonLanguage setting), dark theme; see scaleLabSteps.mjs.
import { scaleLabTests } from './scaleLabSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'normalizationLab.lessonLanguage': 'zh-cn' };

export const tests = scaleLabTests('zh-cn', 'dark');
