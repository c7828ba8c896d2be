// Lesson 7's scale-invariance lab and lesson 8's tour link in English, light theme; see scaleLabSteps.mjs.
import { scaleLabTests } from './scaleLabSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Light Modern' };

export const tests = scaleLabTests('en', 'light');
