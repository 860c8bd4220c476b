/**
 * Fuzz tests for finding identifying details: whatever a reporter types, the analyst gets a list
 * of highlights that can be drawn on the text as it is, and a planted e-mail address or phone
 * number is always among them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findIdentifyingDetails, type IdentifyingDetail, type IdentifyingKind } from '../../functions/domain/identifying-details.ts';
import { ADVERSARIAL_TEXTS } from '../support/adversarial-texts.ts';

const KINDS: readonly IdentifyingKind[] = ['email', 'phone', 'postcode', 'url', 'vehicle_registration', 'address', 'self_identification'];

/** Sorted, non-overlapping, in bounds, and each highlight is exactly the text it covers. */
const assertDrawable = (text: string, details: readonly IdentifyingDetail[]) => {
  let previousEnd = 0;
  for (const detail of details) {
    assert.ok(KINDS.includes(detail.kind), detail.kind);
    assert.ok(Number.isInteger(detail.start) && Number.isInteger(detail.end));
    assert.ok(detail.start >= previousEnd, 'sorted by start and never overlapping');
    assert.ok(detail.start < detail.end && detail.end <= text.length, 'in bounds and not empty');
    assert.equal(text.slice(detail.start, detail.end), detail.text);
    previousEnd = detail.end;
  }
};

/** Pieces of real reports, so generated text reaches every kind of detail and their edges. */
const reportish = fc
  .array(
    fc.constantFrom(
      'my name is', 'My name is', 'Jo', 'Bloggs', 'de', 'I am', "I'm", 'his', 'her', 'ex-', 'wife', 'colleague', 'of', 'I live at',
      'I work for', 'next door', '12', 'Acacia', 'Avenue', 'and', 'which', 'car', 'reg', 'number plate', 'PC', 'collar', '4521',
      'AB', 'AB12', 'CDE', 'A123', 'BCD', 'ABC', '123D', '1234', 'SW1A', '1AA', 'M1', 'GIR', '0AA', '07700', '900123', '+44', '(0)',
      '(020)', '020', '7946', '0000', '+33', '1', '23', '2024-01-31', '31/01/2024', '£200', '10:30', '@', 'jo', 'example', '.com',
      '.co.uk', 'www.', 'https://', 'facebook.com/', ' ', ' ', ' ', '\n', ',', '.', '-', '(', ')', '/', '😡', 'é',
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), reportish);

const label = fc.stringMatching(/^[a-z0-9]{1,10}$/);
const emailAddress = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('.', '_', '+', '-'),
    fc.array(label, { minLength: 1, maxLength: 2 }),
    fc.constantFrom('com', 'org', 'net', 'uk', 'co.uk', 'police.uk', 'example'),
  )
  .map(([local, joiner, domain, tld]) => `${local.join(joiner)}@${domain.join('.')}.${tld}`);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const phoneNumber = fc.oneof(
  digits(9).map((d) => `07${d.slice(0, 3)} ${d.slice(3)}`),
  digits(9).map((d) => `07${d}`),
  digits(9).map((d) => `+44 7${d.slice(0, 3)} ${d.slice(3)}`),
  digits(8).map((d) => `(020) ${d.slice(0, 4)} ${d.slice(4)}`),
  digits(8).map((d) => `020 ${d.slice(0, 4)} ${d.slice(4)}`),
  digits(7).map((d) => `0161-${d.slice(0, 3)}-${d.slice(3)}`),
  digits(8).map((d) => `+44 (0)20 ${d.slice(0, 4)} ${d.slice(4)}`),
  digits(8).map((d) => `+33 1 ${d.match(/../g)!.join(' ')}`),
);

/** Plain prose with no details of its own. */
const prose = fc
  .array(fc.constantFrom('the', 'officer', 'said', 'he', 'would', 'money', 'and', 'was', 'at', 'night', 'station', '.', ',', '!', '\n'), {
    maxLength: 30,
  })
  .map((words) => words.join(' '));

describe('fuzz: identifying details', () => {
  it('any text: never throws, and every highlight can be drawn on the text as it is', () => {
    fc.assert(
      fc.property(anyText, (text) => assertDrawable(text, findIdentifyingDetails(text))),
      { numRuns: 3_000 },
    );
  });

  // On its own line, because a number is written with spaces in it: any text glued to it by a
  // space ("+44 020 …", "facebook.com/x+44 020 …") can make a longer detail it is only part of.
  it('an e-mail address or phone number planted on its own line in any text is always highlighted, wholly', () => {
    fc.assert(
      fc.property(anyText, fc.oneof(emailAddress, phoneNumber), anyText, (before, planted, after) => {
        const text = `${before}\n${planted}\n${after}`;
        const start = before.length + 1;
        const end = start + planted.length;
        const details = findIdentifyingDetails(text);
        assertDrawable(text, details);
        assert.ok(
          details.some((detail) => detail.start <= start && detail.end >= end),
          `${JSON.stringify(planted)} not covered in ${JSON.stringify(details)}`,
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('an e-mail address or phone number planted in plain prose is highlighted as exactly itself', () => {
    fc.assert(
      fc.property(
        prose,
        fc.oneof(emailAddress.map((text) => ['email', text] as const), phoneNumber.map((text) => ['phone', text] as const)),
        prose,
        (before, [kind, planted], after) => {
          const text = `${before} ${planted} ${after}`;
          const start = before.length + 1;
          assert.deepEqual(findIdentifyingDetails(text), [{ kind, start, end: start + planted.length, text: planted }]);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('finishes on 10,000-character texts built to make patterns backtrack', { timeout: 120_000 }, () => {
    // The timeout only guards against a hang: these take milliseconds (the measurement script
    // prints the slowest), while a pattern that backtracks takes minutes or never ends.
    for (const text of ADVERSARIAL_TEXTS) {
      assert.equal(text.length >= 10_000, true);
      for (const variant of [text, text.toUpperCase()]) assertDrawable(variant, findIdentifyingDetails(variant));
    }
  });

  it('finishes on long generated reports', () => {
    const longReport = fc
      .array(reportish, { minLength: 200, maxLength: 400 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(longReport, (text) => assertDrawable(text, findIdentifyingDetails(text))),
      { numRuns: 50 },
    );
  });
});
