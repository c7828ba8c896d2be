// Every lesson in Simplified Chinese in a dark theme, photographed a screen at a time for reading; see lessonPageSteps.mjs.
import { lessonPageTests } from './lessonPageSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'normalizationLab.lessonLanguage': 'zh-cn' };

export const tests = lessonPageTests('zh-cn', 'lessonPages');
