/**
 * Browser test support: one headless Chromium per test file (@sparticuz/chromium driven by
 * playwright-core), a fresh context for each test, axe-core's WCAG 2.2 AA rules, and the few things
 * a test reads from the page (history length, what has focus) or does with the keyboard.
 *
 * Code run in the page is written as strings: the project's types have no DOM.
 *
 * axe-core is put into the page with `page.evaluate(source)`. That is a DevTools (CDP) evaluation,
 * which a page's Content-Security-Policy does not govern: the site's `script-src 'self'` still
 * refuses every inline or foreign script of the page's own, so no test route is needed on the site
 * and no CSP violation is caused (website.test.ts checks both). With JavaScript off, Chromium
 * closes the page when axe runs, so the pages a visitor without JavaScript sees are checked in a
 * context where the site's script is not loaded instead (`withoutSiteScript`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { EXIT_URL } from '../../functions/pages/layout.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What the quick exit's destination shows, without going to the internet. */
export const EXIT_PAGE_TITLE = 'Weather';

export interface OpenOptions {
  /** The viewport's width in CSS pixels; 1024 unless given. */
  readonly width?: number;
  /** JavaScript on (the default) or off, as the browser's setting. */
  readonly javaScript?: boolean;
  /**
   * JavaScript on, but none of the site's scripts (/assets/*.js) loads: the page as a visitor
   * with JavaScript off gets it, in a page axe-core can run in.
   */
  readonly withoutSiteScript?: boolean;
}

export interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Content-Security-Policy violations and script errors seen. */
  readonly problems: string[];
}

export interface BrowserHarness {
  readonly browser: Browser;
  /** A fresh context (no history, no storage) with one page, at about:blank. Close the context after. */
  open(options?: OpenOptions): Promise<Opened>;
}

/** @sparticuz/chromium's flags that draw with an emulated GPU. */
const SOFTWARE_GPU = ['--ignore-gpu-blocklist', '--in-process-gpu', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/** Launches one headless Chromium before the file's tests and closes it after them. */
export const useBrowser = (): BrowserHarness => {
  let browser: Browser | undefined;
  before(async () => {
    // @sparticuz/chromium's flags are for Lambda: a single process (which dies with its first
    // closed context) and no same-origin policy. A browser test wants neither.
    // Nor its GPU emulated in software (SwiftShader), which costs a core for every page drawn:
    // the pages are checked for their content, focus and layout, which need no GPU.
    const unwanted = new Set(['--single-process', '--no-zygote', '--disable-web-security', '--allow-running-insecure-content', ...SOFTWARE_GPU]);
    const args = [...chromium.args.filter((arg) => !unwanted.has(arg)), '--disable-gpu'];
    browser = await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
  });
  after(async () => {
    await browser?.close();
  });
  const started = (): Browser => {
    if (browser === undefined) throw new Error('browser not started');
    return browser;
  };
  return {
    get browser() {
      return started();
    },
    async open({ width = 1024, javaScript = true, withoutSiteScript = false }: OpenOptions = {}) {
      const context = await started().newContext({ viewport: { width, height: 800 }, javaScriptEnabled: javaScript });
      await context.route(`${new URL(EXIT_URL).origin}/**`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: `<!DOCTYPE html><title>${EXIT_PAGE_TITLE}</title><h1>${EXIT_PAGE_TITLE}</h1>` }),
      );
      if (withoutSiteScript) await context.route('**/assets/*.js', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
      return { context, page, problems };
    },
  };
};

export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/** axe-core's WCAG 2.2 AA violations on the page as it is now, one line each: rule and where. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  if ((await page.evaluate<string>('typeof axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} } })`)) as {
    violations: { id: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
};

export const historyLength = (page: Page): Promise<number> => page.evaluate<number>('history.length');

/** The focused element as `tag#id.classes`, or '' when nothing is. */
export const activeElement = (page: Page): Promise<string> =>
  page.evaluate<string>(`(() => {
    const element = document.activeElement;
    return element === null ? '' : element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + '.' + element.className;
  })()`);

interface Focus {
  /** Whether the focused element matches the selector, and if so whether it can be seen (it has a box). */
  readonly match: 'no' | 'yes' | 'invisible';
  /** Its position in the document, to tell elements apart. */
  readonly position: number;
  /** `tag#id.classes`, or `a "text"` for a link without an id. */
  readonly label: string;
}

const focus = (page: Page, selector: string): Promise<Focus> =>
  page.evaluate<Focus>(`(() => {
    const element = document.activeElement;
    if (element === null) return { match: 'no', position: -1, label: '' };
    const box = element.getBoundingClientRect();
    const match = !element.matches(${JSON.stringify(selector)}) ? 'no' : box.width > 0 && box.height > 0 ? 'yes' : 'invisible';
    const tag = element.tagName.toLowerCase();
    const label = element.id || tag !== 'a' ? tag + (element.id ? '#' + element.id : '') + '.' + element.className : 'a "' + element.textContent.trim().slice(0, 40) + '"';
    return { match, position: Array.prototype.indexOf.call(document.querySelectorAll('*'), element), label };
  })()`);

/**
 * Presses Tab (or Shift+Tab) as a person would until the element they want has focus, and says how
 * many presses it took. The page is only read to know when to stop. Fails if the element is not
 * reached before focus has been all round the page (or in `max` presses), or has focus without
 * being visible.
 */
export const tabTo = async (page: Page, selector: string, { backwards = false, max = 80 } = {}): Promise<number> => {
  const passed: Focus[] = [];
  for (let press = 1; press <= max; press += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focus(page, selector);
    if (now.match === 'invisible') throw new Error(`${selector} has focus but cannot be seen`);
    if (now.match === 'yes') return press;
    if (passed.some((before) => before.position === now.position)) break;
    passed.push(now);
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} did not reach ${selector}: ${passed.map((stop) => stop.label).join(' → ')}`);
};

/** Whether the focused element matches a CSS selector. */
export const hasFocus = async (page: Page, selector: string): Promise<boolean> => (await focus(page, selector)).match !== 'no';