/**
 * Fuzz tests: generated input, beside the example-based tests. They look for inputs that make a
 * pure function throw or break its promise, not for particular answers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { anonymousRequest, PERMITTED_HEADERS } from '../../functions/adapters/http/anonymous-request.ts';
import { fieldProblems } from '../../functions/adapters/http/validated-body.ts';
import { findForce } from '../../functions/domain/forces.ts';
import { newReference, parseReference, REFERENCE_PATTERN } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { routeReport } from '../../functions/domain/routing.ts';

const POINTER = /^(\/([^~/]|~[01])*)*$/;

describe('fuzz', () => {
  it('validating any JSON value never throws, and every problem points at a field', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = reportSubmissionSchema.safeParse(value);
        if (!result.success) {
          const problems = fieldProblems(result.error);
          assert.ok(problems.length > 0);
          for (const problem of problems) assert.match(problem.pointer, POINTER);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('validating near-miss reports never throws, and whatever passes can be routed', () => {
    const nearMiss = fc.record(
      {
        categories: fc.array(fc.constantFrom('bribery', 'discrimination', 'x', ''), { maxLength: 8 }),
        subject: fc.record({ role: fc.constantFrom('officer', 'staff', 'nobody'), force: fc.string() }, { requiredKeys: [] }),
        force: fc.oneof(fc.string(), fc.constantFrom('the Met', 'unknown', 'Kent')),
        narrative: fc.string({ minLength: 0, maxLength: 60 }),
        reporter: fc.record({ mode: fc.constantFrom('anonymous', 'confidential', 'other') }),
        when: fc.record({ from: fc.string(), ongoing: fc.boolean() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(nearMiss, fc.date({ noInvalidDate: true }), (value, received) => {
        const result = reportSubmissionSchema.safeParse(value);
        if (result.success) routeReport(result.data, received.toISOString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('reading a reference back never throws, and every reference issued reads back as itself', () => {
    fc.assert(fc.property(fc.string(), (typed) => void parseReference(typed)));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const reference = newReference((b) => (b.set(bytes), b));
        assert.match(reference, REFERENCE_PATTERN);
        assert.equal(parseReference(reference.toLowerCase()), reference);
      }),
    );
  });

  it('looking up a force by any text never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (typed) => void findForce(typed)));
  });

  it('an anonymised request keeps no header beyond content type, length and idempotency key', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.ipV4(), fc.string(), (headers, ip, agent) => {
        const event = {
          version: '2.0',
          routeKey: 'POST /reports',
          rawPath: '/reports',
          rawQueryString: '',
          headers,
          requestContext: { http: { method: 'POST', path: '/reports', protocol: 'HTTP/1.1', sourceIp: ip, userAgent: agent } },
          isBase64Encoded: false,
        } as unknown as APIGatewayProxyEventV2;
        const seen = anonymousRequest(event);
        for (const name of Object.keys(seen.headers)) assert.ok((PERMITTED_HEADERS as readonly string[]).includes(name), name);
        assert.equal(seen.requestContext.http.sourceIp, '');
        assert.equal(seen.requestContext.http.userAgent, '');
      }),
    );
  });
});
