// Lesson 7's scale-invariance lab and lesson 8's tour link in a dark theme; see scaleLabSteps.mjs.
import { scaleLabTests } from './scaleLabSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

export const tests = scaleLabTests('en', 'dark');
