/**
 * The website in a real browser (headless Chromium), served as it will be: the pages from the
 * page functions and the static files from web/static, every response with the site's security
 * headers, so a Content-Security-Policy violation shows here. axe-core checks every page against
 * WCAG 2.2 AA, and site.js is exercised: the quick exit, no history trail, sending a form once,
 * the conditional reveal, the character count, and that everything still works with JavaScript off.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { followUpPage, followUpSignInPage, notFoundPage, problemPage } from '../../functions/pages/follow-up.ts';
import { EXIT_URL } from '../../functions/pages/layout.ts';
import { confirmationPage, fieldErrors, reportFormPage, submissionFromForm } from '../../functions/pages/report-form.ts';
import { PAGE_SECURITY_HEADERS } from '../../functions/pages/security-headers.ts';

const require = createRequire(import.meta.url);
const STATIC = new URL('../../web/static/', import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const REFERENCE = 'PAC-7K3M-X9QD';
const CODE = '1234567890123456';
const QUESTIONS = [
  { id: 'q1', askedAt: '2025-03-03T10:00:00.000Z', text: 'What time of day was it?\nWas anyone else there?', answered: false },
  { id: 'q2', askedAt: '2025-02-01T10:00:00.000Z', text: 'Which car park was it?', answered: true },
];

/** POSTs the stand-in server has received, by path. */
const posts: string[] = [];
let slowReports = false;

const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let body = '';
  for await (const chunk of request) body += String(chunk);
  const form = new URLSearchParams(body);
  const send = (status: number, content: string, type = 'text/html; charset=utf-8') => {
    response.writeHead(status, { ...PAGE_SECURITY_HEADERS, 'Content-Type': type });
    response.end(content);
  };
  const path = url.pathname;
  if (request.method === 'POST') posts.push(path);

  // Only the tests load axe-core, from the site's own origin as the policy requires.
  if (path === '/test/axe.js') return send(200, AXE, 'text/javascript; charset=utf-8');
  if (path === '/') return send(200, readFileSync(new URL('index.html', STATIC), 'utf8'));
  if (path === '/assets/site.css') return send(200, readFileSync(new URL('assets/site.css', STATIC), 'utf8'), 'text/css; charset=utf-8');
  if (path === '/assets/site.js') return send(200, readFileSync(new URL('assets/site.js', STATIC), 'utf8'), 'text/javascript; charset=utf-8');

  if (path === '/report' && request.method === 'GET') return send(200, reportFormPage({ idempotencyKey: '0b5f3c1e-0000-4000-8000-000000000000' }));
  if (path === '/report') {
    if (slowReports) await new Promise((resolve) => setTimeout(resolve, 400));
    const { values, submission, errors } = submissionFromForm(form);
    const parsed = reportSubmissionSchema.safeParse(submission);
    const all = [...errors, ...(parsed.success ? [] : fieldErrors(parsed.error.issues))];
    if (all.length > 0) return send(400, reportFormPage({ values, errors: all, idempotencyKey: form.get('idempotencyKey') ?? '' }));
    return send(200, confirmationPage({ reference: REFERENCE, followUpCode: CODE }));
  }
  if (path === '/follow-up' && request.method === 'GET') {
    return url.searchParams.has('errors')
      ? send(400, followUpSignInPage({ errors: [{ field: 'reference', message: 'Enter your reference' }, { field: 'code', message: 'Enter your follow-up code' }] }))
      : send(200, followUpSignInPage({}));
  }
  if (path.startsWith('/follow-up')) {
    if ((form.get('code') ?? '').replace(/\s/g, '') !== CODE) {
      return send(404, followUpSignInPage({ values: { reference: form.get('reference') ?? '' }, refusal: 'not-recognised' }));
    }
    const view = { reference: REFERENCE, code: CODE, status: 'passed_to_a_police_force' as const, questions: QUESTIONS };
    if (path === '/follow-up/answer') {
      const id = `answer-${form.get('questionId') ?? ''}`;
      if ((form.get('answer') ?? '').trim() === '') return send(400, followUpPage({ ...view, errors: [{ field: id, message: 'Enter your answer' }] }));
      return send(200, followUpPage({ ...view, notice: 'answer-received' }));
    }
    if (path === '/follow-up/information') return send(200, followUpPage({ ...view, notice: 'information-received' }));
    return send(200, followUpPage(view));
  }
  if (path === '/problem') return send(500, problemPage());
  return send(404, notFoundPage());
};

let server: Server;
let origin: string;
let browser: Browser;

before(async () => {
  server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // @sparticuz/chromium's flags are for Lambda: a single process (which dies with its first closed
  // context) and no same-origin policy. A browser test wants neither.
  const args = chromium.args.filter((arg) => !['--single-process', '--disable-web-security', '--allow-running-insecure-content'].includes(arg));
  browser = await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Content-Security-Policy violations and script errors seen. */
  readonly problems: string[];
}

const open = async (options: { width?: number; javaScript?: boolean } = {}): Promise<Opened> => {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1024, height: 800 }, javaScriptEnabled: options.javaScript ?? true });
  // The quick exit's destination, without going to the internet.
  await context.route(`${new URL(EXIT_URL).origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>Weather</title><h1>Weather</h1>' }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  return { context, page, problems };
};

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axeViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ url: `${origin}/test/axe.js` });
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} } })`)) as {
    violations: { id: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
};

// Code run in the page is written as strings: the project's types have no DOM.
const historyLength = (page: Page): Promise<number> => page.evaluate<number>('history.length');
const activeElement = (page: Page): Promise<string> =>
  page.evaluate<string>(`(() => {
    const element = document.activeElement;
    return element === null ? '' : element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + '.' + element.className;
  })()`);

/** Each page as someone reaches it, by the site's own links and forms. */
const JOURNEYS: Record<string, (page: Page) => Promise<void>> = {
  start: async (page) => {
    await page.goto(`${origin}/`);
  },
  'report form': async (page) => {
    await page.goto(`${origin}/report`);
  },
  'report form with errors': async (page) => {
    await page.goto(`${origin}/report`);
    await page.check('#reporterMode-confidential');
    await page.fill('#contactEmail', 'not an email');
    await page.fill('#whenDay', '31');
    await page.fill('#whenMonth', '2');
    await page.fill('#whenYear', '2024');
    await page.click('button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  confirmation: async (page) => {
    await page.goto(`${origin}/report`);
    await page.check('#categories');
    await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
    await page.click('button[type="submit"]');
    await page.waitForSelector('.govuk-panel');
  },
  'follow-up sign in': async (page) => {
    await page.goto(`${origin}/follow-up`);
  },
  'follow-up sign in with errors': async (page) => {
    await page.goto(`${origin}/follow-up?errors`);
  },
  'follow-up sign in, refused': async (page) => {
    await page.goto(`${origin}/follow-up`);
    await page.fill('#reference', REFERENCE);
    await page.fill('#code', '1111');
    await page.click('button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'follow-up': async (page) => {
    await page.goto(`${origin}/follow-up`);
    await page.fill('#reference', REFERENCE);
    await page.fill('#code', '1234 5678 9012 3456');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#information');
  },
  'follow-up, answer missing': async (page) => {
    await JOURNEYS['follow-up']!(page);
    await page.click('form[action="/follow-up/answer"] button');
    await page.waitForSelector('.govuk-error-summary');
  },
  'follow-up, answer sent': async (page) => {
    await JOURNEYS['follow-up']!(page);
    await page.fill('#answer-q1', 'In the afternoon.');
    await page.click('form[action="/follow-up/answer"] button');
    await page.waitForSelector('.govuk-notification-banner');
  },
  'not found': async (page) => {
    await page.goto(`${origin}/nowhere`);
  },
  problem: async (page) => {
    await page.goto(`${origin}/problem`);
  },
};

describe('the website in a browser', { timeout: 180_000 }, () => {
  describe('meets WCAG 2.2 AA (axe-core), with no Content-Security-Policy violation', () => {
    for (const width of [1024, 360]) {
      for (const [name, journey] of Object.entries(JOURNEYS)) {
        it(`${name}, ${width}px wide`, async () => {
          const { context, page, problems } = await open({ width });
          try {
            await journey(page);
            assert.deepEqual(await axeViolations(page), []);
            assert.deepEqual(problems, []);
          } finally {
            await context.close();
          }
        });
      }
    }
  });

  it('leaves at once from "Leave this site", and Back does not return', async () => {
    const { context, page, problems } = await open();
    try {
      await page.goto(`${origin}/report`);
      await page.fill('#narrative', 'something private');
      const before = await historyLength(page);
      await page.click('a[data-exit-link]');
      await page.waitForURL(EXIT_URL);
      assert.equal(await historyLength(page), before, 'the exit replaced the page');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('leaves when Shift is pressed 3 times, but not when Shift is used for capitals', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/report`);
      await page.focus('#narrative');
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift+KeyH');
      await page.keyboard.press('Shift');
      assert.equal(new URL(page.url()).pathname, '/report');
      assert.match(await page.textContent('[data-exit-status]') ?? '', /press 2 more times/);
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      await page.waitForURL(EXIT_URL);
    } finally {
      await context.close();
    }
  });

  it('keeps one history entry for the whole visit: links replace, forms are sent with fetch', async () => {
    const { context, page, problems } = await open();
    try {
      await page.goto(`${origin}/`);
      const start = await historyLength(page);
      await page.click('text=Start now');
      await page.waitForURL(`${origin}/report`);
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.equal(await page.title(), 'Error: Make a report – Report police corruption and abuse');
      assert.match(await activeElement(page), /govuk-error-summary/, 'the error summary has focus');
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
      assert.match(await activeElement(page), /^h1/, 'the h1 has focus');
      await page.click('text=check a report you made');
      await page.waitForURL(`${origin}/follow-up`);
      assert.equal(await historyLength(page), start);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('sends a form once, however often it is pressed, and says it is sending', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/report`);
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      slowReports = true;
      posts.length = 0;
      const label = await page.evaluate<string>(`(() => {
        const button = document.querySelector('button[type="submit"]');
        button.click();
        button.click();
        button.form.requestSubmit();
        return button.textContent + '|' + button.disabled;
      })()`);
      assert.equal(label, 'Sending…|true');
      await page.waitForSelector('.govuk-panel');
      assert.deepEqual(posts, ['/report']);
    } finally {
      slowReports = false;
      await context.close();
    }
  });

  it('sends the form the ordinary way when fetch fails', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/report`);
      await page.route(`${origin}/report`, (route) => (route.request().resourceType() === 'fetch' ? route.abort() : route.continue()));
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
    } finally {
      await context.close();
    }
  });

  it('shows the contact details only with "Leave contact details", and sends none that are hidden', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/report`);
      const conditional = '#conditional-reporterMode-confidential';
      assert.equal(await page.isVisible(conditional), false);
      assert.equal(await page.getAttribute('#reporterMode-confidential', 'aria-controls'), 'conditional-reporterMode-confidential');
      await page.check('#reporterMode-confidential');
      assert.equal(await page.isVisible(conditional), true);
      await page.fill('#contactEmail', 'sam@example.com');
      await page.check('#reporterMode');
      assert.equal(await page.isVisible(conditional), false);
      assert.equal(await page.isDisabled('#contactEmail'), true);
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
    } finally {
      await context.close();
    }
  });

  it('counts the characters left in what happened, and says so to screen readers after a pause', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/report`);
      assert.equal(await page.textContent('.govuk-character-count__status'), 'You have 10,000 characters remaining');
      await page.fill('#narrative', 'x'.repeat(10_002));
      assert.equal(await page.textContent('.govuk-character-count__status'), 'You have 2 characters too many');
      assert.equal(await page.getAttribute('.govuk-character-count__sr-status', 'aria-live'), 'polite');
      assert.equal(await page.textContent('.govuk-character-count__sr-status'), '', 'not at once');
      // waitForFunction evaluates a string in the page, which the Content-Security-Policy forbids.
      await page.waitForSelector('.govuk-character-count__sr-status:text-is("You have 2 characters too many")', { state: 'attached' });
      assert.match((await page.getAttribute('#narrative', 'class')) ?? '', /govuk-textarea--error/);
    } finally {
      await context.close();
    }
  });

  it('focuses the error summary when a page with one loads, and its links move to the field', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/follow-up?errors`);
      assert.match(await activeElement(page), /govuk-error-summary/);
      const before = await historyLength(page);
      await page.click('a[href="#code"]');
      assert.match(await activeElement(page), /^input#code/);
      assert.equal(await historyLength(page), before);
    } finally {
      await context.close();
    }
  });

  it('can be filled in with the keyboard alone, in the order it reads', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${origin}/report`);
      const stops: string[] = [];
      for (let press = 0; press < 60; press += 1) {
        await page.keyboard.press('Tab');
        const active = await activeElement(page);
        stops.push(active);
        if (active.startsWith('button')) break;
      }
      const ids = stops.map((stop) => /#([^.]+)/.exec(stop)?.[1]).filter((id): id is string => id !== undefined);
      const expected = ['categories', 'narrative', 'subjectRole', 'subjectName', 'subjectCollarNumber', 'subjectRank', 'subjectStation', 'force', 'postcode', 'locationDescription', 'whenDay', 'whenMonth', 'whenYear', 'ongoing', 'reporterMode'];
      for (const id of expected) assert.ok(ids.includes(id), `Tab reaches #${id}: ${ids.join(' ')}`);
      assert.deepEqual(
        ids.filter((id) => expected.includes(id)),
        expected,
        'in the order of the page',
      );
      assert.match(stops.at(-1) ?? '', /^button/, 'and then Send report');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('ArrowDown');
      assert.match(await activeElement(page), /#reporterMode-confidential/);
      assert.equal(await page.isVisible('#contactName'), true, 'choosing with the arrow keys reveals the contact details');
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript off: the contact fields are shown, and forms post and answer with the next page', async () => {
    const { context, page } = await open({ javaScript: false });
    try {
      await page.goto(`${origin}/report`);
      assert.equal(await page.isVisible('#contactName'), true);
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.equal(await page.title(), 'Error: Make a report – Report police corruption and abuse');
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.check('#reporterMode');
      await page.fill('#contactPhone', '07700 900982');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.match((await page.textContent('.govuk-error-summary')) ?? '', /You chose to stay anonymous/);
      await page.fill('#contactPhone', '');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
      assert.match((await page.textContent('#follow-up-code')) ?? '', /^1234 5678 9012 3456$/);
    } finally {
      await context.close();
    }
  });
});
