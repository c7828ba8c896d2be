// The whole course in English in a dark theme, photographed for reading: the diagrams are drawn
// in dark ink and the page inverts them, the tables and quizzes take the theme's colours.
import { tourTests } from './tourSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'normalizationLab.lessonLanguage': 'en' };

export const tests = tourTests('en', 'tourDark');
