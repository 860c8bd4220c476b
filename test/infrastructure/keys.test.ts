/**
 * The keys that seal what reporters write, read from the synthesised templates as someone holding
 * an IAM policy with kms:Decrypt on `*` would read them: each key's own policy lets the account
 * administer it and never use it, lets only the roles lib/key-access.ts names seal or open with
 * it, and those roles are exactly the ones whose own policies grant the same on the same key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HANDLER_METADATA } from '../../lib/project-layout.ts';
import { FOLLOW_UP_CODE_KEY_USERS, INTAKE_KEY_USERS, ORIGINALS_KEY_USERS, PERSON_LINK_KEY_USERS, type KeyUsers } from '../../lib/key-access.ts';
import { handlerName } from '../../lib/table-access.ts';
import { synthesiseApp, synthesisedApp, type Resource, type SynthesisedApp } from '../support/synthesised-app.ts';

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const USE = /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|CreateGrant|\*)/;

const KEYS = [
  ['OriginalsKey', ORIGINALS_KEY_USERS],
  ['IntakeKey', INTAKE_KEY_USERS],
  ['FollowUpCodeKey', FOLLOW_UP_CODE_KEY_USERS],
  ['PersonLinkKey', PERSON_LINK_KEY_USERS],
] as const satisfies readonly (readonly [string, KeyUsers])[];

/** The key's resource and its policy's statements. */
const keyOf = (app: SynthesisedApp, constructId: string): [string, Statement[]] => {
  const found = Object.entries(app.merged.Resources).find(([id, r]) => r.Type === 'AWS::KMS::Key' && new RegExp(`^${constructId}[0-9A-F]{8}$`).test(id));
  assert.ok(found !== undefined, `no key ${constructId}`);
  return [found[0], found[1].Properties.KeyPolicy.Statement as Statement[]];
};

/** The role names an `aws:PrincipalArn` condition lists, from the ARNs CloudFormation will make of them. */
const roleNamesIn = (statement: Statement | undefined): string[] =>
  list((statement?.Condition?.ArnEquals?.['aws:PrincipalArn'] ?? []) as unknown[]).map((arn) => {
    const text = JSON.stringify(arn);
    return /:role\/([\w+=,.@-]+)"/.exec(text)?.[1] ?? text;
  });

/** The role names of our functions whose own policies allow the action on the key. */
const rolesAllowed = (app: SynthesisedApp, keyId: string, action: string): string[] => {
  const resources = Object.entries(app.merged.Resources);
  const functions = resources.filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.[HANDLER_METADATA] !== undefined) as [string, Resource][];
  return functions
    .map(([, fn]) => (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0])
    .filter((roleId) =>
      resources.some(
        ([, p]) =>
          p.Type === 'AWS::IAM::Policy' &&
          (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId) &&
          (p.Properties.PolicyDocument.Statement as Statement[]).some(
            (s) =>
              list(s.Action).includes(action) &&
              list(s.Resource as unknown[]).some((resource) => JSON.stringify(resource) === JSON.stringify({ 'Fn::GetAtt': [keyId, 'Arn'] })),
          ),
      ),
    )
    .map((roleId) => String(app.merged.Resources[roleId]?.Properties.RoleName))
    .sort();
};

for (const stage of ['dev', 'prod'] as const) {
  describe(`the ${stage} app's sealing keys`, () => {
    const app = synthesisedApp(stage);

    for (const [constructId, users] of KEYS) {
      describe(constructId, () => {
        const [keyId, statements] = keyOf(app, constructId);

        it('lets the account administer the key and never use it or grant its use', () => {
          const forAccount = statements.filter((s) => s.Condition === undefined);
          assert.deepEqual(forAccount.map((s) => s.Sid), ['AdministerWithoutUse']);
          assert.deepEqual(list(forAccount[0]!.Action).filter((action) => USE.test(action)), []);
          assert.ok(list(forAccount[0]!.Action).includes('kms:PutKeyPolicy'), 'the account can still mend the policy');
          assert.ok(statements.every((s) => s.Effect === 'Allow'));
          assert.ok(!statements.some((s) => list(s.Action).some((action) => action === 'kms:*' || action === '*')), 'no kms:* for anyone');
        });

        it('lets only the declared roles seal and open, and each only that', () => {
          const using = statements.filter((s) => list(s.Action).some((action) => USE.test(action)));
          assert.deepEqual(using.map((s) => [s.Sid, list(s.Action)]), [
            ['Seal', ['kms:GenerateDataKey']],
            ['Open', ['kms:Decrypt']],
          ]);
          const roleName = (handler: string) => `pac-${stage}-${handlerName(handler)}`;
          assert.deepEqual(roleNamesIn(using[0]).sort(), users.seal.map(roleName).sort());
          assert.deepEqual(roleNamesIn(using[1]).sort(), users.open.map(roleName).sort());
        });

        it("names exactly the functions whose own roles grant the same on this key", () => {
          const [seal, open] = statements.filter((s) => s.Sid === 'Seal' || s.Sid === 'Open');
          assert.deepEqual(rolesAllowed(app, keyId, 'kms:GenerateDataKey'), roleNamesIn(seal).sort());
          assert.deepEqual(rolesAllowed(app, keyId, 'kms:Decrypt'), roleNamesIn(open).sort());
        });
      });
    }
  });
}

describe('the person-link key', () => {
  it('is the router\'s alone: no contact-centre, public or force function may make or open it', () => {
    const [, statements] = keyOf(synthesisedApp('prod'), 'PersonLinkKey');
    for (const sid of ['Seal', 'Open']) assert.deepEqual(roleNamesIn(statements.find((s) => s.Sid === sid)), ['pac-prod-route-report']);
  });

  it('reaches the router as its setting, and no other function', () => {
    const app = synthesisedApp('prod');
    const [keyId] = keyOf(app, 'PersonLinkKey');
    const withSetting = Object.values(app.merged.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && (r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.PERSON_LINK_KEY_ID !== undefined,
    );
    assert.deepEqual(withSetting.map((r) => r.Metadata?.[HANDLER_METADATA]), ['functions/handlers/route-report.ts']);
    assert.ok(JSON.stringify(withSetting[0]!.Properties.Environment).includes(keyId));
  });
});

describe('the originals key', () => {
  it("lets the router make key-encryption keys under it and never open one: it sees each report it seals, and no other", () => {
    const app = synthesisedApp('prod');
    const [keyId, statements] = keyOf(app, 'OriginalsKey');
    assert.ok(roleNamesIn(statements.find((s) => s.Sid === 'Seal')).includes('pac-prod-route-report'));
    assert.ok(!roleNamesIn(statements.find((s) => s.Sid === 'Open')).includes('pac-prod-route-report'));
    assert.ok(rolesAllowed(app, keyId, 'kms:GenerateDataKey').includes('pac-prod-route-report'));
    assert.ok(!rolesAllowed(app, keyId, 'kms:Decrypt').includes('pac-prod-route-report'));
  });
});

describe('a break-glass role', () => {
  it('may open originals when named by context, and nothing on the intake queue', () => {
    const breakGlassRoleArn = 'arn:aws:iam::111122223333:role/pac-originals-break-glass';
    const app = synthesiseApp({ stage: 'prod', breakGlassRoleArn });
    const [, originals] = keyOf(app, 'OriginalsKey');
    assert.ok(roleNamesIn(originals.find((s) => s.Sid === 'Open')).includes('pac-originals-break-glass'));
    assert.ok(!roleNamesIn(originals.find((s) => s.Sid === 'Seal')).includes('pac-originals-break-glass'));
    const [, intake] = keyOf(app, 'IntakeKey');
    assert.ok(!JSON.stringify(intake).includes('break-glass'));
  });

  it('is none unless named', () => {
    const [, originals] = keyOf(synthesisedApp('prod'), 'OriginalsKey');
    assert.deepEqual(roleNamesIn(originals.find((s) => s.Sid === 'Open')).sort(), ['pac-prod-console-approval', 'pac-prod-console-keeping-in-contact', 'pac-prod-console-review', 'pac-prod-view-answer', 'pac-prod-view-review']);
  });
});

describe('upgrading a stage deployed before these key policies', () => {
  const policyWith = async (context: Record<string, string>) => {
    const { App, Stack } = await import('aws-cdk-lib');
    const { Template } = await import('aws-cdk-lib/assertions');
    const { SealingKey } = await import('../../lib/constructs/sealing-key.ts');
    const stack = new Stack(new App({ context }), 'Keys');
    new SealingKey(stack, 'Originals', { stage: 'prod', alias: 'report-originals', description: 'test', users: { seal: ['route-report'], open: ['view-review'] } });
    const [key] = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'));
    return key!.Properties.KeyPolicy.Statement as Statement[];
  };

  it('lets the live functions keep using the key for the one deploy that says so, and only then', async () => {
    const during = await policyWith({ keyPolicyTransition: 'on' });
    const transition = during.find((s) => s.Sid === 'TransitionFromDefaultPolicy');
    assert.deepEqual(list(transition?.Action ?? []), ['kms:GenerateDataKey', 'kms:Decrypt']);
    assert.equal(transition?.Condition, undefined);
    const after = await policyWith({});
    assert.equal(after.find((s) => s.Sid === 'TransitionFromDefaultPolicy'), undefined);
    assert.ok(after.filter((s) => s.Condition === undefined).every((s) => list(s.Action).every((action) => !USE.test(action))));
  });
});
