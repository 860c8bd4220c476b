/**
 * Staff sign-in as a security team would set it, in the synthesised ContactCentre stack: the staff
 * console's app client is a public client (no secret) allowed the authorization code grant only
 * (PKCE is its code exchange's: see README "## Deploy"), with callback and sign-out URLs from
 * context, the openid scope alone, short-lived tokens, token revocation, no user existence errors
 * and no USER_PASSWORD_AUTH; the pool requires TOTP MFA and runs Cognito's threat protection in
 * full; managed login is on a Cognito domain of the pool's own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { STAFF_TOKEN_VALIDITY } from '../../lib/constructs/contact-centre.ts';
import { LOCAL_STAFF_SIGN_IN, staffSignInUrls, UNCONFIGURED_STAFF_SIGN_IN } from '../../lib/stage.ts';
import { synthesiseApp, synthesisedApp, type Resource } from '../support/synthesised-app.ts';

const only = (resources: Record<string, Resource>, type: string): [string, Resource] => {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]!;
};

/** The staff console's distribution's address and a path on it, as the template writes it. */
const consoleAddress = (resources: Record<string, Resource>, path: string) => {
  const [distributionId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')!;
  return { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, path]] };
};

const CONSOLE = { callbackUrls: ['https://staff.example.police.uk/signed-in'], logoutUrls: ['https://staff.example.police.uk/signed-out'], placeholder: false };
const configured = synthesiseApp({ stage: 'prod', staffSignIn: CONSOLE });

for (const [name, app] of [
  ['prod, with the console given', configured],
  ['dev, with the defaults', synthesisedApp('dev')],
] as const) {
  const resources = app.resources.ContactCentre;
  const [clientId, client] = only(resources, 'AWS::Cognito::UserPoolClient');
  const [poolId, pool] = only(resources, 'AWS::Cognito::UserPool');
  const p = client.Properties;

  describe(`the staff app client (${name})`, () => {
    it('allows the authorization code grant and nothing else: no implicit grant, no client credentials', () => {
      assert.deepEqual(p.AllowedOAuthFlows, ['code']);
      assert.equal(p.AllowedOAuthFlowsUserPoolClient, true);
    });

    it('is a public client, with no secret, whose code exchange carries the PKCE verifier', () => {
      assert.notEqual(p.GenerateSecret, true);
    });

    it('asks for the openid scope only: not profile, email, phone, nor aws.cognito.signin.user.admin', () => {
      assert.deepEqual(p.AllowedOAuthScopes, ['openid']);
    });

    it('signs in through Cognito itself, never with USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH or custom auth', () => {
      assert.deepEqual(p.SupportedIdentityProviders, ['COGNITO']);
      assert.deepEqual([...p.ExplicitAuthFlows].sort(), ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    });

    it('issues access and id tokens for 15 minutes and refresh tokens for a working shift at most, and revokes them', () => {
      assert.deepEqual(p.TokenValidityUnits, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' });
      assert.equal(p.AccessTokenValidity, 15);
      assert.equal(p.IdTokenValidity, 15);
      assert.equal(p.AccessTokenValidity, STAFF_TOKEN_VALIDITY.access.toMinutes());
      assert.ok(p.RefreshTokenValidity <= 8 * 60, `refresh tokens last ${p.RefreshTokenValidity} minutes`);
      assert.equal(p.EnableTokenRevocation, true);
    });

    it('does not say whether a user exists', () => {
      assert.equal(p.PreventUserExistenceErrors, 'ENABLED');
    });

    it('is the client the staff authorizer and the staff functions accept', () => {
      const [, authorizer] = only(resources, 'AWS::ApiGatewayV2::Authorizer');
      assert.deepEqual(authorizer.Properties.JwtConfiguration.Audience, [{ Ref: clientId }]);
    });
  });

  describe(`the staff user pool (${name})`, () => {
    it('requires MFA, by authenticator app only', () => {
      assert.equal(pool.Properties.MfaConfiguration, 'ON');
      assert.deepEqual(pool.Properties.EnabledMfas, ['SOFTWARE_TOKEN_MFA']);
    });

    it("runs Cognito's threat protection in full (the Plus plan), for custom auth too", () => {
      assert.equal(pool.Properties.UserPoolTier, 'PLUS');
      assert.deepEqual(pool.Properties.UserPoolAddOns, { AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' } });
    });

    it('has its managed login (the newer one, branded with Cognito\'s own look) on a Cognito domain for the code flow', () => {
      const [, domain] = only(resources, 'AWS::Cognito::UserPoolDomain');
      assert.deepEqual(domain.Properties.UserPoolId, { Ref: poolId });
      assert.equal(domain.Properties.ManagedLoginVersion, 2);
      const [, branding] = only(resources, 'AWS::Cognito::ManagedLoginBranding');
      assert.deepEqual(branding.Properties.ClientId, { Ref: clientId });
      assert.equal(branding.Properties.UseCognitoProvidedValues, true);
    });
  });
}

describe('the staff client\'s callback and sign-out URLs', () => {
  it("are the ones given with -c staffCallbackUrls and staffLogoutUrls, and the console's own distribution's, and nothing else", () => {
    const [, client] = only(configured.resources.ContactCentre, 'AWS::Cognito::UserPoolClient');
    assert.deepEqual(client.Properties.CallbackURLs.slice(0, -1), CONSOLE.callbackUrls);
    assert.deepEqual(client.Properties.LogoutURLs.slice(0, -1), CONSOLE.logoutUrls);
    assert.deepEqual(client.Properties.CallbackURLs.at(-1), consoleAddress(configured.resources.ContactCentre, '/signed-in'));
    assert.deepEqual(client.Properties.LogoutURLs.at(-1), consoleAddress(configured.resources.ContactCentre, '/signed-out'));
    assert.deepEqual(Annotations.fromStack(configured.stacks.contactCentre).findWarning('*', Match.stringLikeRegexp('staffCallbackUrls')), []);
  });

  it("are, without them outside the local stage, an address that receives nothing and the console's own distribution's, with a warning", () => {
    const app = synthesisedApp('prod');
    const [, client] = only(app.resources.ContactCentre, 'AWS::Cognito::UserPoolClient');
    assert.deepEqual(client.Properties.CallbackURLs, [...UNCONFIGURED_STAFF_SIGN_IN.callbackUrls, consoleAddress(app.resources.ContactCentre, '/signed-in')]);
    assert.deepEqual(client.Properties.LogoutURLs, [...UNCONFIGURED_STAFF_SIGN_IN.logoutUrls, consoleAddress(app.resources.ContactCentre, '/signed-out')]);
    for (const url of [...UNCONFIGURED_STAFF_SIGN_IN.callbackUrls, ...UNCONFIGURED_STAFF_SIGN_IN.logoutUrls]) assert.match(new URL(url).hostname, /\.invalid$/);
    assert.equal(Annotations.fromStack(app.stacks.contactCentre).findWarning('*', Match.stringLikeRegexp('staffCallbackUrls')).length, 1);
  });

  it('are parsed from context: a comma list, https only (http for localhost in the local stage), no fragment', () => {
    const parsed = staffSignInUrls('prod', 'https://a.example/in, https://b.example/in', 'https://a.example/out');
    assert.deepEqual(parsed, { callbackUrls: ['https://a.example/in', 'https://b.example/in'], logoutUrls: ['https://a.example/out'], placeholder: false });
    assert.deepEqual(staffSignInUrls('local', undefined, undefined), { ...LOCAL_STAFF_SIGN_IN, placeholder: false });
    assert.equal(staffSignInUrls('dev', 'https://a.example/in', undefined).placeholder, true);
    assert.throws(() => staffSignInUrls('prod', 'http://a.example/in', undefined), /must be https/);
    assert.throws(() => staffSignInUrls('prod', 'http://localhost:3000/in', undefined), /must be https/);
    assert.doesNotThrow(() => staffSignInUrls('local', 'http://localhost:3000/in', undefined));
    assert.throws(() => staffSignInUrls('prod', 'https://a.example/in#x', undefined), /fragment/);
    assert.throws(() => staffSignInUrls('prod', 'not a url', undefined), /not a URL/);
  });
});
