// Every lesson in English in a light theme, photographed a screen at a time for reading; see lessonPageSteps.mjs.
import { lessonPageTests } from './lessonPageSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Light Modern', 'normalizationLab.lessonLanguage': 'en' };

export const tests = lessonPageTests('en', 'lessonPages');
