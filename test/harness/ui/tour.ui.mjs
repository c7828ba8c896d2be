// The whole course in English, lesson by lesson with Next; see tourSteps.mjs.
import { tourTests } from './tourSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Light Modern', 'normalizationLab.lessonLanguage': 'en' };

export const tests = tourTests('en');
