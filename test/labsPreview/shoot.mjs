// Builds the preview bundle and screenshots it in headless Chromium, in three themes, then
// drives a few controls and screenshots each lab.   node test/labsPreview/shoot.mjs [outDir]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { chromium } from 'playwright-core';
import * as path from 'node:path';
import * as url from 'node:url';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? '/tmp/labs-shots';
const only = process.argv[3];
// The bundle and the page go to a scratch folder, so nothing generated lands in the working tree.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-preview-'));
await esbuild.build({ entryPoints: [path.join(here, 'preview.mjs')], bundle: true, outfile: path.join(scratch, 'preview.js'), format: 'iife', target: 'es2022', logLevel: 'warning' });
const media = url.pathToFileURL(path.join(here, '..', '..', 'media')).href;
const html = fs
  .readFileSync(path.join(here, 'preview.html'), 'utf8')
  .replaceAll('../../media', media)
  .replace('href="themes.css"', `href="${url.pathToFileURL(path.join(here, 'themes.css')).href}"`);
fs.writeFileSync(path.join(scratch, "preview.html"), html);
fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const theme of only ? [only] : ['dark', 'light', 'hc']) {
    const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(url.pathToFileURL(path.join(scratch, 'preview.html')).href + `?theme=${theme}`);
    await page.waitForSelector('.nl-lab-cell');
    await page.hover('.nl-lab-tensor-explorer .nl-lab-cell[data-index="4"]');
    await page.screenshot({ path: path.join(outDir, `labs-${theme}.png`), fullPage: true });
    const labs = page.locator('.nl-lab[data-lab]');
    // Tensor explorer: switch the BN lab to InstanceNorm, walk with the keyboard.
    const explorer = labs.nth(1);
    await explorer.locator('.nl-lab-op').selectOption('instance_norm');
    await explorer.locator('.nl-lab-cell[data-index="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await page.mouse.move(0, 0);
    console.log(theme, 'explorer', await explorer.getAttribute('data-group-count'), await explorer.locator('.nl-lab-cell-active').count(), await page.evaluate(() => document.activeElement?.getAttribute('aria-label')));
    await explorer.screenshot({ path: path.join(outDir, `explorer-instance-${theme}.png`) });
    const collapse = labs.nth(2);
    await collapse.locator('.nl-lab-relu').check();
    console.log(theme, 'collapse', await collapse.getAttribute('data-max-difference'));
    await collapse.screenshot({ path: path.join(outDir, `collapse-relu-${theme}.png`) });
    const scale = labs.nth(3);
    await scale.locator('.nl-lab-lr').fill('0.00008');
    await scale.locator('.nl-lab-lr').press('Enter');
    console.log(theme, 'scale', await scale.getAttribute('data-raw-final-loss'), await scale.getAttribute('data-standardized-final-loss'));
    await scale.screenshot({ path: path.join(outDir, `scale-small-rate-${theme}.png`) });
    if (errors.length) console.log(theme, errors);
    await page.close();
  }
} finally {
  await browser.close();
}
