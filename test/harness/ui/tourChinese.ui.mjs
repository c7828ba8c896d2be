// The whole course in Simplified Chinese, chosen by the lessonLanguage setting (VS Code's display
// language stays English: no language pack can be installed here); see tourSteps.mjs.
import { tourTests } from './tourSteps.mjs';

export const settings = { 'workbench.colorTheme': 'Default Light Modern', 'normalizationLab.lessonLanguage': 'zh-cn' };

export const tests = tourTests('zh-cn');
