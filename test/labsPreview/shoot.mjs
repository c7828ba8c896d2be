// Visual and behavioural check of the labs outside VS Code: bundles a preview page, opens it in
// headless Chromium under a strict CSP in three themes, drives the controls, asserts what changes
// and saves screenshots.   node test/labsPreview/shoot.mjs [outDir] [theme]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as url from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? path.join(here, '..', '..', 'test-output', 'labs-preview');
const only = process.argv[3];

// The bundle and the page go to a scratch folder, so nothing generated lands in the working tree.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-preview-'));
await esbuild.build({ entryPoints: [path.join(here, 'preview.mjs')], bundle: true, outfile: path.join(scratch, 'preview.js'), format: 'iife', target: 'es2022', logLevel: 'warning' });
const media = url.pathToFileURL(path.join(here, '..', '..', 'media')).href;
const html = fs
  .readFileSync(path.join(here, 'preview.html'), 'utf8')
  .replaceAll('../../media', media)
  .replace('href="themes.css"', `href="${url.pathToFileURL(path.join(here, 'themes.css')).href}"`);
fs.writeFileSync(path.join(scratch, 'preview.html'), html);
fs.mkdirSync(outDir, { recursive: true });

const failures = [];
function expect(condition, message) {
  if (!condition) failures.push(message);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const theme of only ? [only] : ['dark', 'light', 'hc']) {
    const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)),
    );
    await page.goto(url.pathToFileURL(path.join(scratch, 'preview.html')).href + `?theme=${theme}`);
    await page.waitForSelector('.nl-lab-cell');
    const labs = page.locator('.nl-lab[data-lab]');

    // GroupNorm lab: (2, 4, 3) with 2 groups → 4 pooled groups of 6 cells.
    const groupNorm = labs.nth(0);
    expect((await groupNorm.getAttribute('data-group-count')) === '4', `${theme}: GN starts with 4 groups`);
    await groupNorm.locator('.nl-lab-cell[data-index="4"]').hover();
    expect((await groupNorm.locator('.nl-lab-cell-active').count()) === 6, `${theme}: hovering a GN cell lights its 6 cells`);
    await page.screenshot({ path: path.join(outDir, `labs-${theme}.png`), fullPage: true });
    await groupNorm.locator('.nl-lab-groups').fill('2');
    expect((await groupNorm.getAttribute('data-group-count')) === '8', `${theme}: 4 groups per sample → 8 groups`);

    // BatchNorm lab switched to InstanceNorm, walked with the keyboard, a value edited.
    const explorer = labs.nth(1);
    expect((await explorer.getAttribute('data-group-count')) === '4', `${theme}: BN pools 4 channels`);
    await explorer.locator('.nl-lab-op').selectOption('instance_norm');
    expect((await explorer.getAttribute('data-group-count')) === '12', `${theme}: IN pools 3 × 4 pairs`);
    await page.mouse.move(0, 0);
    await explorer.locator('.nl-lab-cell[data-index="0"]').focus();
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown']) await page.keyboard.press(key);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused.startsWith('sample 1, channel 1, position 1'), `${theme}: arrow keys move the focus (${focused})`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    const details = await explorer.locator('.nl-lab-details').innerText();
    expect(details.includes('before 100'), `${theme}: editing a value updates the details (${details})`);
    await explorer.screenshot({ path: path.join(outDir, `explorer-instance-${theme}.png`) });

    // Linear collapse: identical until ReLU.
    const collapse = labs.nth(2);
    expect(Number(await collapse.getAttribute('data-max-difference')) < 1e-9, `${theme}: linear stack equals its collapse`);
    await collapse.locator('.nl-lab-relu').check();
    expect(Number(await collapse.getAttribute('data-max-difference')) > 0.01, `${theme}: ReLU breaks the collapse`);
    await collapse.screenshot({ path: path.join(outDir, `collapse-relu-${theme}.png`) });

    // Input scale: 0.05 diverges raw; 8e-5 does not, and then raw beats a crawling standardized run.
    const scale = labs.nth(3);
    expect((await scale.getAttribute('data-raw-final-loss')) === 'Infinity', `${theme}: raw diverges at 0.05`);
    expect(Number(await scale.getAttribute('data-standardized-final-loss')) < 0.01, `${theme}: standardized learns at 0.05`);
    await scale.screenshot({ path: path.join(outDir, `scale-${theme}.png`) });
    await scale.locator('.nl-lab-lr').fill('0.00008');
    await scale.locator('.nl-lab-lr').press('Enter');
    expect(Number.isFinite(Number(await scale.getAttribute('data-raw-final-loss'))), `${theme}: raw is stable at 8e-5`);
    await scale.screenshot({ path: path.join(outDir, `scale-small-rate-${theme}.png`) });

    // Scale invariance: s = 1 → 4 keeps every output, the gradient becomes 1/4 and the effective step 1/16.
    const invariance = labs.nth(4);
    const before = { output: await invariance.getAttribute('data-output'), gradient: Number(await invariance.getAttribute('data-gradient-norm')), step: Number(await invariance.getAttribute('data-effective-step')) };
    await invariance.locator('.nl-lab-scale').fill('4');
    await invariance.locator('.nl-lab-scale').press('Enter');
    expect((await invariance.getAttribute('data-scale')) === '4', `${theme}: the scale is 4`);
    expect((await invariance.getAttribute('data-output')) === before.output, `${theme}: the output stays the same at s = 4`);
    expect(Math.abs(Number(await invariance.getAttribute('data-gradient-norm')) * 4 - before.gradient) < 1e-9 * before.gradient, `${theme}: the gradient is 1/4`);
    expect(Math.abs(Number(await invariance.getAttribute('data-effective-step')) * 16 - before.step) < 1e-9 * before.step, `${theme}: the effective step is 1/16`);
    await invariance.locator('.nl-lab-scale-slider').focus();
    await page.keyboard.press('ArrowLeft');
    expect(Number(await invariance.getAttribute('data-scale')) < 4, `${theme}: the slider moves the scale down with the keyboard`);
    await invariance.screenshot({ path: path.join(outDir, `invariance-${theme}.png`) });

    if (theme === 'dark') {
      // A narrow panel: everything wraps, and nothing but the tensor itself scrolls sideways.
      await page.setViewportSize({ width: 420, height: 800 });
      await page.screenshot({ path: path.join(outDir, 'labs-narrow-dark.png'), fullPage: true });
      await scale.screenshot({ path: path.join(outDir, 'scale-narrow-dark.png') });
      await invariance.screenshot({ path: path.join(outDir, 'invariance-narrow-dark.png') });
      const overflowing = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      expect(!overflowing, 'dark: the page does not scroll sideways at 420 px');
    }
    // Axes quiz picture: H, W pooled → 6 (N, C) pools; adding N → 3 pools, one per channel.
    const axesPicture = page.locator('.nl-lab-axes-quiz');
    expect((await axesPicture.getAttribute('data-group-count')) === '6', `${theme}: H, W pooled makes 6 pools`);
    const box = page.locator('#axes-choices input[value="N"]');
    // Leaving the learning-rate field commits it and redraws that lab; let that settle first.
    await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    await box.check();
    expect((await axesPicture.getAttribute('data-group-count')) === '3', `${theme}: N, H, W pooled makes 3 pools`);
    await axesPicture.screenshot({ path: path.join(outDir, `axes-picture-${theme}.png`) });
    expect((await page.locator('.nl-lab-error').count()) === 2, `${theme}: both bad configs show a message`);
    expect(errors.length === 0, `${theme}: no page errors: ${errors.join('; ')}`);
    await page.close();
  }
  // The labs in a Chinese lesson speak Chinese.
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.goto(url.pathToFileURL(path.join(scratch, 'preview.html')).href + '?theme=light&lang=zh-cn');
  await page.waitForSelector('.nl-lab-cell');
  const text = await page.locator('main').innerText();
  expect(text.includes('归一化') && text.includes('学习率') && text.includes('层间使用 ReLU'), 'zh-cn: the labs show Chinese');
  await page.screenshot({ path: path.join(outDir, 'labs-zh-cn-light.png'), fullPage: true });
  expect(text.includes('权重缩放 s'), 'zh-cn: the scale-invariance lab shows Chinese');
  await page.locator('.nl-lab[data-lab="scale-invariance"]').screenshot({ path: path.join(outDir, 'invariance-zh-cn-light.png') });
  await page.close();
} finally {
  await browser.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`labs preview: all checks passed; screenshots in ${outDir}`);
