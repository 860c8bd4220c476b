/**
 * The flagged details as both analyst screens show them (functions/pages/console/redactions.ts, one
 * module for the report's review and an answer to sanitise): each marked and named for a screen
 * reader, the words around it escaped with their line breaks, and each replaced by its placeholder
 * where the sanitised version starts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findIdentifyingDetails } from '../../functions/domain/identifying-details.ts';
import { markedText, PLACEHOLDERS, withPlaceholders } from '../../functions/pages/console/redactions.ts';

const words = 'Ring me on 07700 900123 <after six>\nor e-mail jo.bloggs@example.com.';
const flags = findIdentifyingDetails(words);

describe('the flagged details, on the analyst screens', () => {
  it('marks each, named for a screen reader, and escapes the rest with its line breaks', () => {
    assert.deepEqual(flags.map((flag) => flag.kind), ['phone', 'email']);
    assert.equal(
      String(markedText(words, flags)),
      'Ring me on <mark class="app-flag" data-kind="phone"><span class="govuk-visually-hidden">Flagged phone number: </span>07700 900123</mark> &lt;after six&gt;<br>or e-mail ' +
        '<mark class="app-flag" data-kind="email"><span class="govuk-visually-hidden">Flagged e-mail address: </span>jo.bloggs@example.com</mark>.',
    );
    assert.equal(String(markedText(words, [])), 'Ring me on 07700 900123 &lt;after six&gt;<br>or e-mail jo.bloggs@example.com.');
  });

  it('replaces each detail given by its placeholder, and only those', () => {
    assert.equal(withPlaceholders(words, flags), 'Ring me on [phone number removed] <after six>\nor e-mail [e-mail address removed].');
    assert.equal(withPlaceholders(words, flags.slice(1)), 'Ring me on 07700 900123 <after six>\nor e-mail [e-mail address removed].');
    assert.equal(withPlaceholders(words, []), words);
  });

  it('leaves no flagged detail in the text it starts the sanitised version from', () => {
    const detail = fc.constantFrom('07700 900123', 'jo.bloggs@example.com', 'SW1A 1AA', 'https://example.com/me', ' ', 'the officer', '.', '\n');
    fc.assert(
      fc.property(fc.array(detail, { maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        const started = withPlaceholders(text, findIdentifyingDetails(text));
        assert.deepEqual(findIdentifyingDetails(started.replaceAll(/\[[^\]]*\]/g, ' ')), [], started);
        const placeholders = Object.values(PLACEHOLDERS);
        assert.equal(started.match(/\[[^\]]*\]/g)?.filter((found) => !placeholders.includes(found)).length ?? 0, 0);
      }),
      { numRuns: 200 },
    );
  });
});
