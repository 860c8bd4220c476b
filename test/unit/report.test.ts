import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { fieldProblems } from '../../functions/adapters/http/validated-body.ts';
import { fullReport, minimalReport, NARRATIVE } from '../support/reports.ts';

const problemsWith = (input: unknown) => {
  const result = reportSubmissionSchema.safeParse(input);
  assert.equal(result.success, false, 'expected the report to be refused');
  return fieldProblems(result.error!);
};

const pointers = (input: unknown) => problemsWith(input).map((p) => p.pointer).sort();

describe('the report a member of the public sends', () => {
  it('accepts the published example, every field', () => {
    const parsed = reportSubmissionSchema.parse(fullReport());
    assert.equal(parsed.subject?.force, 'kent');
    assert.equal(parsed.force, 'the Met');
  });

  it('needs only categories and what happened; the reporter is anonymous unless they say otherwise', () => {
    const parsed = reportSubmissionSchema.parse(minimalReport());
    assert.deepEqual(parsed.reporter, { mode: 'anonymous' });
  });

  it('refuses fields it does not know, naming each, at any depth', () => {
    assert.deepEqual(pointers({ ...minimalReport(), ipAddress: '1.2.3.4', subject: { role: 'officer', shoeSize: 9 } }), [
      '/ipAddress',
      '/subject/shoeSize',
    ]);
  });

  it('refuses contact details from an anonymous reporter', () => {
    assert.deepEqual(pointers(minimalReport({ reporter: { mode: 'anonymous', contact: { email: 'a@b.example' } } as never })), [
      '/reporter/contact',
    ]);
  });

  it('accepts contact details from a confidential reporter, and checks them', () => {
    const ok = reportSubmissionSchema.parse(minimalReport({ reporter: { mode: 'confidential', contact: { email: 'me@example.org', phone: '+44 20 7946 0000' } } }));
    assert.equal(ok.reporter.mode, 'confidential');
    assert.deepEqual(pointers(minimalReport({ reporter: { mode: 'confidential', contact: { email: 'not-an-address' } } })), [
      '/reporter/contact/email',
    ]);
  });

  it('refuses an unknown reporter mode with a message that lists the choices', () => {
    const [problem] = problemsWith(minimalReport({ reporter: { mode: 'loud' } as never }));
    assert.equal(problem?.pointer, '/reporter/mode');
    assert.match(problem!.detail, /anonymous.*confidential/);
  });

  it('needs at least one category, each known and chosen once', () => {
    assert.deepEqual(pointers(minimalReport({ categories: [] })), ['/categories']);
    assert.deepEqual(pointers(minimalReport({ categories: ['parking'] as never })), ['/categories/0']);
    assert.deepEqual(pointers(minimalReport({ categories: ['bribery', 'bribery'] })), ['/categories']);
  });

  it('needs a narrative of 20 to 10,000 characters, not counting surrounding space', () => {
    assert.deepEqual(pointers({ categories: ['bribery'] }), ['/narrative']);
    assert.deepEqual(pointers(minimalReport({ narrative: `   ${'x'.repeat(19)}   ` })), ['/narrative']);
    assert.equal(reportSubmissionSchema.parse(minimalReport({ narrative: 'x'.repeat(20) })).narrative.length, 20);
    assert.equal(reportSubmissionSchema.parse(minimalReport({ narrative: 'x'.repeat(10_000) })).narrative.length, 10_000);
    assert.deepEqual(pointers(minimalReport({ narrative: 'x'.repeat(10_001) })), ['/narrative']);
  });

  it('knows the roles a person can have', () => {
    for (const role of ['officer', 'staff', 'volunteer', 'unknown'] as const) {
      assert.equal(reportSubmissionSchema.parse(minimalReport({ subject: { role } })).subject?.role, role);
    }
    assert.deepEqual(pointers(minimalReport({ subject: { role: 'chief' as never } })), ['/subject/role']);
  });

  it('takes dates as YYYY-MM-DD, in order, or "ongoing"', () => {
    assert.ok(reportSubmissionSchema.parse(minimalReport({ when: { ongoing: true } })));
    assert.deepEqual(pointers(minimalReport({ when: { from: '31/01/2024' } })), ['/when/from']);
    assert.deepEqual(pointers(minimalReport({ when: { from: '2024-02-02', to: '2024-01-31' } })), ['/when/to']);
  });

  it('takes a full or partial UK postcode, however spaced, and refuses anything else', () => {
    for (const postcode of ['SW1A 1AA', 'sw1a1aa', ' HR3  5AB ', 'HR3', 'HR3 5', 'M1 1AE']) {
      assert.ok(reportSubmissionSchema.parse(minimalReport({ location: { postcode } })), postcode);
    }
    for (const postcode of ['12345', 'SW1A 1AAA', 'not a postcode']) {
      assert.deepEqual(pointers(minimalReport({ location: { postcode } })), ['/location/postcode'], postcode);
    }
  });

  it('reports every failing field at once', () => {
    assert.deepEqual(pointers({ categories: [], narrative: 'short', subject: { role: 'x' } }), [
      '/categories',
      '/narrative',
      '/subject/role',
    ]);
  });

  it('refuses characters that could hide or disguise text, and keeps tabs, line breaks and any script', () => {
    assert.deepEqual(pointers(minimalReport({ narrative: `${NARRATIVE}\u0000` })), ['/narrative']);
    assert.deepEqual(pointers(minimalReport({ narrative: `${NARRATIVE}\u202E` })), ['/narrative']);
    assert.deepEqual(pointers(minimalReport({ subject: { role: 'officer', name: 'PC\u0007Smith' } })), ['/subject/name']);
    const written = `${NARRATIVE}\n\tالشرطي طلب رشوة\r\n警察が賄賂を要求した`;
    assert.equal(reportSubmissionSchema.parse(minimalReport({ narrative: written })).narrative, written);
  });

  it('keeps what the reporter wrote, trimmed', () => {
    assert.equal(reportSubmissionSchema.parse(minimalReport({ narrative: `\n  ${NARRATIVE}  \n` })).narrative, NARRATIVE);
  });
});
