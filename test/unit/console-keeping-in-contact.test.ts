/**
 * Keeping in contact on the staff console (functions/pages/console/keeping-in-contact.ts): the
 * examples of a reference it gives are references as the service makes them, and its dates are
 * said the way every other console screen says them.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseReference, REFERENCE_PATTERN } from '../../functions/domain/reference.ts';
import { phoneAnswerPage, questionsPage, sanitiseAnswerPage } from '../../functions/pages/console/keeping-in-contact.ts';
import { dateAndTime, REFERENCE_EXAMPLE } from '../../functions/pages/console/words.ts';

const person = { username: 'call-agent.cal', groups: ['call-agents'], csrf: 'the-token' };
const root = path.resolve(import.meta.dirname, '../..');

describe("the console's example of a reference", () => {
  it('is a reference as the service makes them, and the one the caller form hints at', () => {
    assert.match(REFERENCE_EXAMPLE, REFERENCE_PATTERN);
    assert.equal(parseReference(REFERENCE_EXAMPLE), REFERENCE_EXAMPLE);
    assert.match(phoneAnswerPage({ person }), new RegExp(`<div id="reference-hint" class="govuk-hint">\\s*For example, ${REFERENCE_EXAMPLE}\\s*</div>`));
  });

  it('is the only form of reference any console page or handler gives as an example', async () => {
    const pages = path.join(root, 'functions/pages/console');
    const handlers = path.join(root, 'functions/handlers');
    const files = [
      ...(await readdir(pages)).filter((name) => name.endsWith('.ts')).map((name) => path.join(pages, name)),
      ...(await readdir(handlers)).filter((name) => name.startsWith('console-')).map((name) => path.join(handlers, name)),
      path.join(root, 'functions/adapters/console-http.ts'),
    ];
    const wrong: string[] = [];
    for (const file of files) {
      for (const found of (await readFile(file, 'utf8')).matchAll(/\bPAC-[A-Z0-9][A-Z0-9-]*/g)) {
        if (!REFERENCE_PATTERN.test(found[0])) wrong.push(`${path.relative(root, file)}: ${found[0]}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});

describe("keeping in contact's dates", () => {
  const at = '2026-12-03T15:04:00Z';
  it('are said as the other screens say them', () => {
    assert.equal(dateAndTime(at), '3 December 2026 at 15:04');
    const questions = questionsPage({ person, questions: [{ reference: 'PAC-7K3M-9QXD', questionId: 'q1', force: 'Kent Police', askedAt: at, waitedSeconds: 60, text: 'Which day?' }] });
    assert.match(questions, /\(asked 3 December 2026 at 15:04\)/);
    const answer = phoneAnswerPage({ person, reference: 'PAC-7K3M-9QXD', code: '1234567890123456', questions: [{ questionId: 'q1', askedAt: at, text: 'Which day?' }] });
    assert.match(answer, /Asked 3 December 2026 at 15:04/);
    const sanitise = sanitiseAnswerPage({ person, reference: 'PAC-7K3M-9QXD', answerId: 'a1', channel: 'phone', receivedAt: at, original: 'A Friday.', flags: [], text: 'A Friday.', approved: false });
    assert.match(sanitise, /3 December 2026 at 15:04, phone/);
    for (const page of [questions, answer, sanitise]) assert.doesNotMatch(page, /3 Dec 2026, 15:04/);
  });
});
