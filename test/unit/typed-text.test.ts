/**
 * Text a person typed: any script and any emoji goes through; the Unicode non-characters and lone
 * surrogates, which SQS refuses and no keyboard makes, are refused naming the field and the
 * character, in every request schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fieldProblems } from '../../functions/adapters/http/validated-body.ts';
import { sqsBody } from '../../functions/adapters/sqs-body.ts';
import { answerRequestSchema, questionRequestSchema, sanitisedAnswerSchema } from '../../functions/domain/follow-up.ts';
import { forceRequestSchemas } from '../../functions/domain/force-work.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { informationRequestSchema, reporterAnswerRequestSchema } from '../../functions/domain/reporter-follow-up.ts';
import { closureSchema, forceChoiceSchema, splitSchema } from '../../functions/domain/review-requests.ts';
import { codePointName, firstUnsendable, typedText } from '../../functions/domain/typed-text.ts';
import { minimalReport, NARRATIVE } from '../support/reports.ts';
import * as z from '../../functions/domain/zod.ts';

const TYPED = [
  'Ça s’est passé près de l’église, à côté du café; não havia ninguém.',
  'Roedd yr heddwas yn y tŷ ger y ffordd fawr, ŵyr i’r maer.',
  'Zażółć gęślą jaźń — policjant żądał łapówki.',
  'طلب الشرطي رشوة مني عند نقطة التفتيش.',
  'پولیس افسر نے مجھ سے رشوت مانگی۔',
  'পুলিশ অফিসার আমার কাছে ঘুষ চেয়েছিলেন।',
  '警察向我索要贿赂，否则就不放我走。',
  'He laughed 😂🤬 at me 👩‍👩‍👧‍👦 🏳️‍🌈 🇬🇧 🏴󠁧󠁢󠁷󠁬󠁳󠁿 𝕏 \u{1F9D1}\u{1F3FD}‍\u{2695}\u{FE0F}',
  'tab\tnewline\ncarriage\rreturn, replacement \uFFFD, private use \uE000 \u{F0000}, last plane \u{10FFFD}',
];

const NON_CHARACTERS = [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0x2fffe, 0xefffe, 0x10fffe, 0x10ffff];

describe('typed text', () => {
  it('accepts every script and every emoji, unchanged', () => {
    const schema = typedText('narrative');
    for (const text of TYPED) assert.equal(schema.parse(text), text);
    for (const text of TYPED) assert.equal(firstUnsendable(text), undefined, text);
  });

  it('refuses each Unicode non-character, in every plane, naming the field and the character', () => {
    const schema = typedText('narrative');
    for (const codePoint of NON_CHARACTERS) {
      const result = schema.safeParse(`before ${String.fromCodePoint(codePoint)} after`);
      assert.equal(result.success, false, codePointName(codePoint));
      assert.deepEqual(fieldProblems(result.error!), [
        { pointer: '', detail: `narrative holds a character that cannot be sent (${codePointName(codePoint)})` },
      ]);
    }
    assert.equal(schema.safeParse('\uFDCF \uFDF0 \uFFFD \u{1FFFD}').success, true, 'the neighbours are ordinary characters');
  });

  it('refuses a lone surrogate, high or low, but not a pair', () => {
    assert.equal(firstUnsendable('a\uD800b'), 0xd800);
    assert.equal(firstUnsendable('a\uDFFF'), 0xdfff);
    assert.equal(firstUnsendable('\uDE00\uD83D'), 0xde00, 'a pair the wrong way round is two lone halves');
    assert.equal(firstUnsendable('\uD83D\uDE00'), undefined);
    assert.match(typedText('answer').safeParse('\uD800').error!.issues[0]!.message, /^answer holds a character that cannot be sent \(U\+D800\)$/);
  });

  it('names a missing or non-text value as the field asks', () => {
    assert.equal(typedText('note').safeParse(3).error!.issues[0]!.message, 'note must be text');
    assert.equal(typedText('question', 'question is required').safeParse(undefined).error!.issues[0]!.message, 'question is required');
  });

  it('takes checks like z.string(): trimmed, and bounded', () => {
    const schema = typedText('reason').check(z.trim(), z.minLength(3), z.maxLength(5));
    assert.equal(schema.parse('  héé  '), 'héé');
    assert.equal(schema.safeParse('ab').success, false);
    assert.equal(schema.safeParse('abc\uFFFF').success, false);
  });

  it('finds exactly the characters outside the well-formed, sendable text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const sendable = [...text].every((c) => {
          const codePoint = c.codePointAt(0)!;
          const loneSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
          return !loneSurrogate && !(codePoint >= 0xfdd0 && codePoint <= 0xfdef) && (codePoint & 0xfffe) !== 0xfffe;
        });
        assert.equal(firstUnsendable(text) === undefined, sendable);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('every request schema refuses unsendable characters in its free text, naming the field', () => {
  const U = '\uFFFE';
  const cases: [string, { safeParse(value: unknown): { success: boolean; error?: unknown } }, unknown, string][] = [
    ['narrative', reportSubmissionSchema, minimalReport({ narrative: `${NARRATIVE}${U}` }), '/narrative'],
    ['force', reportSubmissionSchema, minimalReport({ force: `Kent${U}` }), '/force'],
    ['subject name', reportSubmissionSchema, minimalReport({ subject: { role: 'officer', name: `Jo${U}` } }), '/subject/name'],
    ['subject force', reportSubmissionSchema, minimalReport({ subject: { role: 'officer', force: `Kent${U}` } }), '/subject/force'],
    ['location', reportSubmissionSchema, minimalReport({ location: { description: `by the bridge${U}` } }), '/location/description'],
    [
      'contact',
      reportSubmissionSchema,
      minimalReport({ reporter: { mode: 'confidential', contact: { name: `Jo${U}`, safeTimes: `evenings${U}` } } }),
      '/reporter/contact/name,/reporter/contact/safeTimes',
    ],
    ['force choice', forceChoiceSchema, { force: 'kent', reason: `because${U}` }, '/reason'],
    ['split', splitSchema, { parts: [{ force: `kent${U}`, reason: 'because' }, { force: 'essex', reason: 'because' }] }, '/parts/0/force'],
    ['closure', closureSchema, { reason: 'duplicate', note: `seen${U}` }, '/note'],
    ['question', questionRequestSchema, { question: `Where was it exactly?${U}` }, '/question'],
    ['phone answer', answerRequestSchema, { answer: `by the bridge${U}` }, '/answer'],
    ['sanitised answer', sanitisedAnswerSchema, { text: `by the bridge${U}` }, '/text'],
    ['reporter answer', reporterAnswerRequestSchema, { code: '000000000000', questionId: `q1${U}`, answer: `yes${U}` }, '/answer,/questionId'],
    ['information', informationRequestSchema, { code: '000000000000', information: `more${U}` }, '/information'],
    ['outcome', forceRequestSchemas.outcome, { outcome: 'no_further_action', note: `done${U}` }, '/note'],
    ['transfer', forceRequestSchemas.transfer, { force: 'kent', reason: `theirs${U}` }, '/reason'],
  ];
  for (const [name, schema, value, expected] of cases) {
    it(name, () => {
      const result = schema.safeParse(value);
      assert.equal(result.success, false);
      const problems = fieldProblems(result.error as never).filter((p) => p.detail.includes('cannot be sent (U+FFFE)'));
      assert.equal(problems.map((p) => p.pointer).sort().join(','), expected);
    });
  }
});

describe('an SQS message body', () => {
  it('is ASCII whatever the text holds, and parses back to exactly the value sent', () => {
    for (const text of [...TYPED, '\uFFFE\uFFFF\uD800\u0000\u2028"\\']) {
      const body = sqsBody({ narrative: text, n: 1 });
      assert.match(body, /^[\x20-\x7E]*$/);
      assert.deepEqual(JSON.parse(body), { narrative: text, n: 1 });
    }
  });

  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const body = sqsBody({ value, text });
        assert.match(body, /^[\x20-\x7E]*$/);
        assert.deepEqual(JSON.parse(body), JSON.parse(JSON.stringify({ value, text })));
      }),
      { numRuns: 1_000 },
    );
  });
});
