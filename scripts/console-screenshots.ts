/**
 * Screenshots of the contact centre's staff console, each screen as its user sees it, at 1280 px
 * wide, in the project's own headless Chromium: `<outDir>/console/<screen>.png`. It signs in
 * through the local issuer's sign-in as the demo users, and first sends one report through the
 * website and takes one by phone, so that the queue has something in it, and opens the report sent
 * through the website for review (the review screen, a redaction undone, the force search). For
 * the supervisor's screens it sanitises a report through the staff API as an analyst (a token from
 * the local issuer's password grant: the issuer is where the console's sign-in goes) and proposes
 * closing another, so that there is something to approve and a closure to confirm. For keeping
 * in contact it has a report sanitised and approved to Kent through the staff API, and Kent ask
 * three questions through the force API (a token from the issuer's client credentials grant): one
 * relayed, answered by phone through the staff API and sanitised, so that there is an answer to
 * approve; one relayed and left for the call agent to take the caller's answer on the console; one
 * left to relay. It also captures the error pages a member of staff can reach.
 *
 *   REVIEW=on npm start                                  # in another terminal
 *   node scripts/console-screenshots.ts [consoleUrl] [siteUrl] [outDir]
 *
 * consoleUrl defaults to http://localhost:3001 and siteUrl to http://127.0.0.1:3000 (npm start's),
 * outDir to screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Page } from 'playwright-core';

const consoleUrl = process.argv[2] ?? 'http://localhost:3001';
const site = process.argv[3] ?? 'http://127.0.0.1:3000';
const outDir = path.join(path.resolve(process.argv[4] ?? 'screenshots'), 'console');

const signIn = async (page: Page, username: string, group: string): Promise<void> => {
  await page.goto(`${consoleUrl}/sign-in`);
  await page.fill('#username', username);
  await page.check(`#role-${group}`);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/(queue|phone-report)$/);
};

const sent = await fetch(`${site}/reports`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    categories: ['bribery'],
    force: 'kent',
    narrative: 'The officer at the front desk asked me for £200 to make my brother\'s case go away. Call me on 07700 900123.',
  }),
});

const { reference } = (await sent.json()) as { reference: string };

/** The analyst's review of the report sent above, once the router has put it in review. */
const openReview = async (page: Page): Promise<void> => {
  await signIn(page, 'analyst.one', 'analysts');
  for (let attempt = 0; attempt < 50 && (await page.$(`a[href="/review/${reference}"]`)) === null; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.reload();
  }
  await page.click(`a[href="/review/${reference}"]`);
  await page.waitForSelector('#sanitised-narrative');
};
/** The local issuer's origin: where the console's sign-in sends the browser. */
const issuerOrigin = new URL((await fetch(`${consoleUrl}/sign-in`, { redirect: 'manual' })).headers.get('location') ?? '').origin;
const staffHeaders = async (username: string, group: string): Promise<Record<string, string>> => {
  const answer = await fetch(`${issuerOrigin}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, group }).toString(),
  });
  const { access_token: token } = (await answer.json()) as { access_token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
};
/** A report sent through the website, once the router has put it in review, with the reporter's follow-up code. */
const sentToReview = async (narrative: string): Promise<{ reference: string; followUpCode: string }> => {
  const sent = await fetch(`${site}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ categories: ['bribery'], force: 'kent', narrative }) });
  const { reference, followUpCode } = (await sent.json()) as { reference: string; followUpCode: string };
  const analyst = await staffHeaders('analyst.one', 'analysts');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await fetch(`${site}/contact-centre/reviews/${reference}`, { headers: analyst })).status === 200) return { reference, followUpCode };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} did not reach review: is the stack started with REVIEW=on?`);
};
const inReview = async (narrative: string): Promise<string> => (await sentToReview(narrative)).reference;
/** A staff or force API request that must succeed; its JSON answer. */
const call = async (method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> => {
  const answer = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as Record<string, unknown>;
};
const toApprove = await inReview('My name is Jo Bloggs. PC Smith at Maidstone takes cash from dealers every Friday; call me on 07700 900123 after 6pm.');
await fetch(`${site}/contact-centre/reviews/${toApprove}/sanitised`, {
  method: 'PUT',
  headers: await staffHeaders('analyst.one', 'analysts'),
  body: JSON.stringify({ categories: ['bribery'], force: 'kent', narrative: 'The reporter says PC Smith at Maidstone takes cash from dealers every Friday; call me on 07700 900123 after 6pm.' }),
});
const toClose = await inReview('Somebody keeps phoning me about a parking fine that is not mine; nothing to do with the police.');
await fetch(`${site}/contact-centre/reviews/${toClose}/closure`, {
  method: 'POST',
  headers: await staffHeaders('analyst.one', 'analysts'),
  body: JSON.stringify({ reason: 'not_about_police', note: 'A parking dispute.' }),
});

// A second contact sanitised cleanly, to approve and send.
const toSend = await inReview('The sergeant at Dartford takes cash from a scrap dealer to ignore stolen catalytic converters.');
await call('PUT', `${site}/contact-centre/reviews/${toSend}/sanitised`, await staffHeaders('analyst.one', 'analysts'), {
  categories: ['bribery'],
  force: 'kent',
  narrative: 'A sergeant at Dartford is said to take cash from a scrap dealer to ignore stolen catalytic converters.',
});

// Keeping in contact: a report with Kent, and three questions from Kent.
const withKent = await sentToReview('The sergeant at Dover takes payments from a taxi firm to ignore complaints about its drivers.');
await call('PUT', `${site}/contact-centre/reviews/${withKent.reference}/sanitised`, await staffHeaders('analyst.one', 'analysts'), {
  categories: ['bribery'],
  force: 'kent',
  narrative: 'A sergeant at Dover is said to take payments from a taxi firm to ignore complaints about its drivers.',
});
await call('POST', `${site}/contact-centre/reviews/${withKent.reference}/approval`, await staffHeaders('supervisor.two', 'supervisors'), {});
const kentToken = await fetch(`${issuerOrigin}/oauth2/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'pac-local-force-kent', scope: 'police-reporting/force.kent' }).toString(),
});
const kent = { authorization: `Bearer ${((await kentToken.json()) as { access_token: string }).access_token}` };
/** Kent's reference for the report: Kent's newest report whose words are the sanitised version's. */
const kentReference = await (async () => {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { reports } = (await call('GET', `${site}/force/reports`, kent)) as { reports: { reference: string }[] };
    for (const { reference: candidate } of reports.slice(0, 5)) {
      const report = await call('GET', `${site}/force/reports/${candidate}`, kent);
      if (JSON.stringify(report).includes('taxi firm to ignore complaints about its drivers')) return candidate;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The report did not reach Kent');
})();
const ask = async (question: string): Promise<string> => (await call('POST', `${site}/force/reports/${kentReference}/questions`, kent, { question })).questionId as string;
const answeredQuestion = await ask('Which taxi firm pays the sergeant?');
const openQuestion = await ask('On which days does the sergeant meet the firm?');
await ask('Has anyone else complained about the drivers?');
for (const questionId of [answeredQuestion, openQuestion]) {
  await call('POST', `${site}/contact-centre/reviews/${withKent.reference}/questions/${questionId}/relay`, await staffHeaders('analyst.one', 'analysts'), {});
}
const answerToApprove = (await call('POST', `${site}/contact-centre/reports/${withKent.reference}/questions/${answeredQuestion}/answers`, await staffHeaders('call-agent.one', 'call-agents'), {
  code: withKent.followUpCode,
  answer: 'Castle Cabs. I drive for them; my name is Jo Bloggs and you can ring me on 07700 900987.',
})).id as string;
await call('PUT', `${site}/contact-centre/reviews/${withKent.reference}/answers/${answerToApprove}/sanitised`, await staffHeaders('analyst.one', 'analysts'), { text: 'Castle Cabs.' });

/** The call agent, with the caller's reference and follow-up code typed in and matched. */
const callerFound = async (page: Page): Promise<void> => {
  await signIn(page, 'call-agent.one', 'call-agents');
  await page.goto(`${consoleUrl}/phone-answer`);
  await page.fill('#reference', withKent.reference);
  await page.fill('#code', withKent.followUpCode);
  await page.click('form[action="/phone-answer"] button[type="submit"]');
  await page.waitForSelector('#words');
};

const screens: Record<string, (page: Page) => Promise<void>> = {
  'sign-in': async (page) => {
    await page.goto(`${consoleUrl}/`);
  },
  'phone-report-form': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
  },
  'phone-report-with-errors': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.click('form[action="/phone-report"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'phone-report-taken': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.fill('#narrative', 'The custody sergeant took money from a prisoner\'s family to lose the evidence.');
    await page.selectOption('#force', 'essex');
    await page.check('#categories');
    await page.check('#reporterMode');
    await page.click('form[action="/phone-report"] button[type="submit"]');
    await page.waitForSelector('#reference');
  },
  queue: async (page) => {
    await signIn(page, 'analyst.one', 'analysts');
  },
  review: openReview,
  'review-redaction-undone': async (page) => {
    await openReview(page);
    await page.uncheck('#remove-1');
    await page.click('#apply-choices');
    await page.waitForSelector('#sanitised-narrative');
  },
  'review-force-search': async (page) => {
    await openReview(page);
    await page.click('#choose-force');
    await page.fill('#search', 'Kent');
    await page.click('#search-forces');
    await page.waitForURL(/search=Kent/);
  },
  'contacts-to-approve': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals`);
  },
  approval: async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
  },
  'approval-return-without-reason': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
    await page.click('form[action$="/return"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'approval-narrow': async (page) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
  },
  'answers-to-approve': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/answers`);
  },
  'closures-to-confirm': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/closures`);
  },
  'review-closure-proposed': async (page) => {
    await signIn(page, 'analyst.two', 'analysts');
    await page.goto(`${consoleUrl}/review/${toClose}`);
    await page.waitForSelector('#closure-proposed');
  },
  // The proposer, who is a supervisor too, cannot confirm their own proposal.
  'closure-own-proposal-refused': async (page) => {
    await signIn(page, 'analyst.one', 'supervisors');
    await page.goto(`${consoleUrl}/closures`);
    await page.click(`form[action="/closures/${toClose}/confirmation"] button`);
    await page.waitForSelector('.govuk-error-summary');
  },
  'closure-confirmed': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/closures`);
    await page.click(`form[action="/closures/${toClose}/confirmation"] button`);
    await page.waitForSelector('#closed');
  },
  'review-force-not-found': async (page) => {
    await openReview(page);
    await page.goto(`${consoleUrl}/review/${reference}/force?search=Atlantis`);
    await page.waitForSelector('#no-forces');
  },
  'review-split-one-force-twice': async (page) => {
    await openReview(page);
    await page.goto(`${consoleUrl}/review/${reference}/force`);
    await page.selectOption('#split-force-1', 'kent');
    await page.fill('#split-reason-1', 'The officer at the front desk.');
    await page.selectOption('#split-force-2', 'kent');
    await page.fill('#split-reason-2', 'His brother\'s case.');
    await page.click('#split');
    await page.waitForSelector('.govuk-error-summary');
  },
  approved: async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toSend}`);
    await page.click('form[action$="/approval"] button[type="submit"]');
    await page.waitForSelector('.govuk-panel');
  },
  returned: async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
    await page.fill('#reason', 'The phone number and "the reporter says" still point to the reporter.');
    await page.click('form[action$="/return"] button[type="submit"]');
    await page.waitForSelector('.govuk-panel');
  },
  'approval-back-with-the-analysts': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
  },
  // The analyst's review of it once returned: the supervisor's reason at the top, the draft returned in the text box.
  'review-returned': async (page) => {
    await signIn(page, 'analyst.two', 'analysts');
    await page.goto(`${consoleUrl}/review/${toApprove}`);
    await page.waitForSelector('#returned');
  },
  questions: async (page) => {
    await signIn(page, 'analyst.one', 'analysts');
    await page.goto(`${consoleUrl}/questions`);
  },
  'phone-answer': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.goto(`${consoleUrl}/phone-answer`);
  },
  'phone-answer-wrong-code': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.goto(`${consoleUrl}/phone-answer`);
    await page.fill('#reference', withKent.reference);
    await page.fill('#code', withKent.followUpCode.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10)));
    await page.click('form[action="/phone-answer"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'phone-answer-caller-found': callerFound,
  'phone-answer-without-words': async (page) => {
    await callerFound(page);
    await page.click('form[action="/phone-answer"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'phone-answer-recorded': async (page) => {
    await callerFound(page);
    await page.check(`input[name="about"][value="${openQuestion}"]`);
    await page.fill('#words', 'Mondays and Thursdays, at the depot behind the station. Ring me on 07700 900123 if you need more.');
    await page.click('form[action="/phone-answer"] button[type="submit"]');
    await page.waitForSelector('.govuk-panel');
  },
  'answers-to-sanitise': async (page) => {
    await signIn(page, 'analyst.two', 'analysts');
    await page.goto(`${consoleUrl}/answers-to-sanitise`);
  },
  'answer-to-sanitise': async (page) => {
    await signIn(page, 'analyst.two', 'analysts');
    await page.goto(`${consoleUrl}/answers-to-sanitise`);
    await page.click(`#answers a[href^="/answers-to-sanitise/${withKent.reference}/"]`);
    await page.waitForSelector('#text');
  },
  'answer-to-sanitise-emptied': async (page) => {
    await signIn(page, 'analyst.two', 'analysts');
    await page.goto(`${consoleUrl}/answers-to-sanitise`);
    await page.click(`#answers a[href^="/answers-to-sanitise/${withKent.reference}/"]`);
    await page.fill('#text', '');
    await page.click('form[action^="/answers-to-sanitise/"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'answer-approval': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/answers/${withKent.reference}/${answerToApprove}`);
  },
  'answer-approved': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/answers/${withKent.reference}/${answerToApprove}`);
    await page.click('form[action$="/approval"] button[type="submit"]');
    await page.waitForSelector('.govuk-panel');
  },
  'not-found': async (page) => {
    await signIn(page, 'analyst.one', 'analysts');
    await page.goto(`${consoleUrl}/review/PAC-AAAA-AAAA`);
  },
  'not-for-your-role': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.goto(`${consoleUrl}/queue`);
  },
  'stale-form': async (page) => {
    await signIn(page, 'analyst.one', 'analysts');
    await page.evaluate(`document.querySelector('.app-signed-in__form input[name="csrf"]').value = 'a-token-from-another-session'`);
    await page.click('.app-signed-in__form button');
    await page.waitForSelector('h1');
  },
  'sign-in-failed': async (page) => {
    await page.goto(`${consoleUrl}/signed-in?code=made-up&state=made-up`);
  },
  'local-sign-in': async (page) => {
    await page.goto(`${consoleUrl}/sign-in`);
    await page.waitForSelector('#username');
  },
  'signed-out': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.click('.app-signed-in__form button');
    await page.waitForURL(/\/signed-out$/);
  },
};

const unwanted = new Set(['--single-process', '--no-zygote', '--disable-web-security', '--allow-running-insecure-content']);
const browser = await playwright.launch({
  executablePath: await chromium.executablePath(),
  args: [...chromium.args.filter((arg) => !unwanted.has(arg)), '--disable-gpu'],
  headless: true,
});
try {
  await mkdir(outDir, { recursive: true });
  for (const [name, reach] of Object.entries(screens)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await reach(page);
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
}
