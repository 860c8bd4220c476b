/**
 * Screenshots of the website as a person sees it: the start page, the report form with errors, and
 * the confirmation, in English and in Welsh, at 1024 px and 360 px wide, in the project's own
 * headless Chromium: `<outDir>/<en|cy>/<page>-<width>.png`.
 *
 *   npm start                                          # in another terminal
 *   node scripts/website-screenshots.ts [siteUrl] [outDir]
 *
 * siteUrl defaults to http://127.0.0.1:3000 (npm start's), outDir to screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Page } from 'playwright-core';
import { LANGUAGES, pathIn, type Language } from '../functions/pages/messages/language.ts';

const site = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = path.resolve(process.argv[3] ?? 'screenshots');

const pagesIn = (language: Language): Record<string, (page: Page) => Promise<void>> => ({
  start: async (page) => {
    await page.goto(`${site}${pathIn(language, '/')}`);
  },
  'report-form-with-errors': async (page) => {
    await page.goto(`${site}${pathIn(language, '/report')}`);
    await page.check('#reporterMode-confidential');
    await page.fill('#contactEmail', 'not an email');
    await page.click('main button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  confirmation: async (page) => {
    await page.goto(`${site}${pathIn(language, '/report')}`);
    await page.check('#categories');
    await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
    await page.click('main button[type="submit"]');
    await page.waitForSelector('.govuk-panel');
  },
});

const unwanted = new Set(['--single-process', '--no-zygote', '--disable-web-security', '--allow-running-insecure-content']);
const browser = await playwright.launch({
  executablePath: await chromium.executablePath(),
  args: [...chromium.args.filter((arg) => !unwanted.has(arg)), '--disable-gpu'],
  headless: true,
});
try {
  for (const language of LANGUAGES) {
    await mkdir(path.join(outDir, language), { recursive: true });
    for (const width of [1024, 360]) {
      for (const [name, reach] of Object.entries(pagesIn(language))) {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        await reach(page);
        const file = path.join(outDir, language, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
