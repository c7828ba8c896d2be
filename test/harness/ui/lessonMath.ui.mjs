// What the lesson page fetches while it shows math. The lessons' math is KaTeX's MathML output,
// laid out by the browser in the system's math fonts (media/lesson.css), so the page must fetch
// no KaTeX font and no KaTeX stylesheet (written for KaTeX's HTML output); the package ships only
// what loads. The math keeps KaTeX's size and line height.
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Light Modern', 'normalizationLab.lessonLanguage': 'en' };

const FONT_FILE = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;

export const tests = [
  {
    name: 'a lesson with math fetches no font file and no KaTeX stylesheet; its math is in a math font at 1.21em',
    async run({ page, shots }) {
      const requested = [];
      page.on('request', (request) => requested.push(request.url()));
      await runCommand(page, 'Explain Normalization');
      const frame = await webviewFrameWith(page, '#root[data-lesson-id] .katex math');
      await frame.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(500);
      const seen = await frame.evaluate(() => ({
        resources: performance.getEntriesByType('resource').map((entry) => entry.name),
        stylesheets: [...document.styleSheets].map((sheet) => sheet.href ?? '(inline)'),
        fontFaces: [...document.fonts].map((face) => `${face.family} ${face.status}`),
      }));
      const fetched = [...new Set([...requested.filter((url) => !url.startsWith('data:')), ...seen.resources])];
      console.log(`      stylesheets: ${seen.stylesheets.map((href) => decodeURIComponent(href).split('/').pop()).join(', ')}`);
      console.log(`      font faces: ${seen.fontFaces.join(', ') || '(none)'}`);
      console.log(`      font files fetched: ${fetched.filter((url) => FONT_FILE.test(url)).join(', ') || '(none)'}`);

      assert.ok((await frame.locator('.katex math').count()) > 0, 'the lesson shows MathML math');
      assert.deepEqual(fetched.filter((url) => FONT_FILE.test(url)), [], 'no font file is fetched');
      assert.deepEqual(fetched.filter((url) => /katex/i.test(url)), [], 'nothing of KaTeX is fetched');
      assert.deepEqual(seen.stylesheets.filter((href) => /katex/i.test(href)), [], 'no KaTeX stylesheet is linked');
      assert.deepEqual(seen.fontFaces.filter((face) => /katex/i.test(face)), [], 'no KaTeX font face is declared');

      const look = await frame.locator('p .katex').first().evaluate((katex) => {
        const style = getComputedStyle(katex);
        const math = getComputedStyle(katex.querySelector('math'));
        return {
          ratio: parseFloat(style.fontSize) / parseFloat(getComputedStyle(katex.parentElement).fontSize),
          lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
          mathFont: math.fontFamily,
        };
      });
      assert.ok(Math.abs(look.ratio - 1.21) < 0.01, `inline math is 1.21 times the text (${look.ratio})`);
      assert.ok(Math.abs(look.lineHeight - 1.2) < 0.01, `with line height 1.2 (${look.lineHeight})`);
      assert.match(look.mathFont, /Math/, `set in a math font (${look.mathFont})`);
      shots.push(await screenshot(page, 'lesson-math'));
    },
  },
];
