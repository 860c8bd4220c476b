/**
 * What the operator deploys for force access, asserted in a template of its own: a user pool of
 * machine clients only, one app client per force that can get its own force's scope and nothing
 * else, an authorizer that takes every force's client, and a function environment that still fits
 * Lambda's 4 KB with all 48 clients bound in it. The same template also goes through the local
 * runtime's provisioning, as `npm start` would take it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FORCES } from '../../functions/domain/forces.ts';
import { unbundledContext } from '../../lib/app-context.ts';
import { ForceAccess } from '../../lib/constructs/force-access.ts';
import { ReportingFunction } from '../../lib/constructs/reporting-function.ts';
import type { Stage } from '../../lib/stage.ts';
import { provision, type LocalServices } from '../../local/provision.ts';
import { LOCAL_USER_POOL_ID } from '../../local/oidc-issuer.ts';
import { resolver, resourcesOfType, type StackTemplate } from '../../local/stack-template.ts';

type Resource = { Type: string; Properties: Record<string, any> };

/** ForceAccess, with one function bound to it behind one route, as the force API will use it. */
const synth = (stage: Stage) => {
  const app = new App({ context: unbundledContext() });
  const stack = new Stack(app, `ForceAccess-${stage}`);
  const access = new ForceAccess(stack, 'ForceAccess', { stage });
  const fn = new ReportingFunction(stack, 'ForceFunction', {
    stage,
    handlerModule: 'functions/handlers/list-reviews.ts',
    description: 'stands in for a force API function',
  });
  fn.addEnvironment('TABLE_NAME', `pac-${stage}-reports`);
  access.bindForceAuthentication(fn);
  const api = new HttpApi(stack, 'Api');
  api.addRoutes({ path: '/force/reports', methods: [HttpMethod.GET], authorizer: access.authorizer, integration: new HttpLambdaIntegration('Integration', fn) });
  const template = Template.fromStack(stack);
  return { template, json: template.toJSON() as { Resources: Record<string, Resource> } };
};

const { template: dev, json } = synth('dev');
const resources = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const refOf = (type: string) => resources(type).map(([id]) => id);

describe('force access', () => {
  it('is a user pool of machine clients: nobody signs themselves up, and it keeps no way to recover a person', () => {
    dev.resourceCountIs('AWS::Cognito::UserPool', 1);
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'pac-dev-force-systems',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
      MfaConfiguration: 'ON',
    });
  });

  it('keeps the pool if the prod stack is deleted, and refuses to delete it there', () => {
    const prod = synth('prod').template;
    prod.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
    dev.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete', Properties: { DeletionProtection: 'INACTIVE' } });
  });

  it('has a domain for the token endpoint, unique per account and stage', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['pac-dev-forces-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('has the resource server police-reporting with one scope per force, described by its name', () => {
    const [[, server]] = resources('AWS::Cognito::UserPoolResourceServer') as [[string, Resource]];
    assert.equal(server.Properties.Identifier, 'police-reporting');
    assert.deepEqual(
      server.Properties.Scopes,
      FORCES.map((force) => ({ ScopeName: `force.${force.id}`, ScopeDescription: force.name })),
    );
    assert.equal(server.Properties.Scopes.length, 48);
  });

  it('has one app client per force, with a secret, allowed only client credentials and only its own force scope', () => {
    const clients = resources('AWS::Cognito::UserPoolClient');
    assert.equal(clients.length, 48);
    const [server] = refOf('AWS::Cognito::UserPoolResourceServer');
    for (const force of FORCES) {
      const found = clients.filter(([, c]) => c.Properties.ClientName === `pac-dev-force-${force.id}`);
      assert.equal(found.length, 1, force.id);
      const [[, client]] = found as [[string, Resource]];
      assert.equal(client.Properties.GenerateSecret, true, force.id);
      assert.deepEqual(client.Properties.AllowedOAuthFlows, ['client_credentials'], force.id);
      assert.equal(client.Properties.AllowedOAuthFlowsUserPoolClient, true, force.id);
      assert.deepEqual(client.Properties.AllowedOAuthScopes, [{ 'Fn::Join': ['', [{ Ref: server }, `/force.${force.id}`]] }], force.id);
      // No person signs in through it: no user flow, only the refresh-token flow Cognito always keeps.
      assert.deepEqual(client.Properties.ExplicitAuthFlows, ['ALLOW_REFRESH_TOKEN_AUTH'], force.id);
      assert.equal(client.Properties.AccessTokenValidity, 60, force.id);
      assert.equal(client.Properties.TokenValidityUnits.AccessToken, 'minutes', force.id);
      assert.equal(client.Properties.CallbackURLs, undefined, force.id);
    }
  });

  it("checks tokens at the gateway: this pool's issuer, every force client as an audience, under API Gateway's 50", () => {
    const [pool] = refOf('AWS::Cognito::UserPool');
    const [[, authorizer]] = resources('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    assert.equal(authorizer.Properties.AuthorizerType, 'JWT');
    assert.deepEqual(authorizer.Properties.JwtConfiguration.Issuer, {
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: pool }]],
    });
    const audience = authorizer.Properties.JwtConfiguration.Audience as { Ref: string }[];
    assert.deepEqual(new Set(audience.map((a) => a.Ref)), new Set(refOf('AWS::Cognito::UserPoolClient')));
    assert.ok(audience.length === 48 && audience.length <= 50);
  });

  it("binds a function to the pool's issuer and to each force's client, within Lambda's 4 KB environment", (t) => {
    const [[, fn]] = resources('AWS::Lambda::Function') as [[string, Resource]];
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    const [pool] = refOf('AWS::Cognito::UserPool');
    assert.deepEqual(variables.FORCE_TOKEN_ISSUER, {
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: pool }]],
    });
    // Resolved as in AWS: Cognito's pool ids are <region>_<9 characters>, its client ids 26 characters.
    const clientIds = new Map(refOf('AWS::Cognito::UserPoolClient').map((id, i) => [id, `${i}`.padStart(26, 'c')]));
    const resolve = (value: unknown): string => {
      if (typeof value === 'string') return value;
      const v = value as Record<string, any>;
      if ('Ref' in v) return v.Ref === 'AWS::Region' ? 'eu-west-2' : v.Ref === 'AWS::URLSuffix' ? 'amazonaws.com' : v.Ref === pool ? 'eu-west-2_AbCdEfGhI' : clientIds.get(v.Ref)!;
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(separator);
    };
    const resolved = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)]));
    const entries = resolved.FORCE_CLIENT_IDS!.split(',');
    assert.equal(entries.length, 48);
    assert.deepEqual(
      entries.map((entry) => entry.split('=')[0]),
      FORCES.map((force) => force.id),
    );
    const bytes = Object.entries(resolved).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
    const forceBytes = ['FORCE_TOKEN_ISSUER', 'FORCE_CLIENT_IDS'].reduce((sum, name) => sum + name.length + resolved[name]!.length, 0);
    t.diagnostic(`environment ${bytes} bytes in all, of which force access ${forceBytes} (FORCE_CLIENT_IDS ${resolved.FORCE_CLIENT_IDS!.length})`);
    assert.ok(bytes < 4096 - 1536, `${bytes} bytes leaves less than 1.5 KB of Lambda's 4 KB for the function's own settings`);
  });

  it('raises no cdk-nag AWS Solutions finding that is not acknowledged with a reason', () => {
    const app = new App({ context: unbundledContext() });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new ForceAccess(new Stack(app, 'ForceAccessNag'), 'ForceAccess', { stage: 'prod' });
    assert.doesNotThrow(() => app.synth());
  });

  it("provisions locally beside the staff pool: both pools stand for the local issuer, and the function's environment resolves", async () => {
    const localTemplate = (clientOfStaffPool: string) => {
      const app = new App({ context: unbundledContext() });
      const stack = new Stack(app, 'ForceAccess-local');
      const access = new ForceAccess(stack, 'ForceAccess', { stage: 'local' });
      new UserPool(stack, 'StaffPool').addClient('StaffClient', { userPoolClientName: clientOfStaffPool });
      const fn = new ReportingFunction(stack, 'ForceFunction', { stage: 'local', handlerModule: 'functions/handlers/list-reviews.ts', description: 'x' });
      access.bindForceAuthentication(fn);
      return app.synth().getStackArtifact(stack.artifactId).template as StackTemplate;
    };
    // Only the issuer is used: the template declares no table, queue or key.
    const services = { issuer: { issuer: 'http://127.0.0.1:9/eu-west-2_local' } } as LocalServices;
    const template = localTemplate('pac-local-contact-centre');
    const provisioned = await provision(template, services);
    assert.equal(provisioned.userPoolClients.size, 49);
    assert.equal(provisioned.userPoolClients.get('pac-local-force-metropolitan'), 'pac-local-force-metropolitan');

    const [[, fn]] = resourcesOfType(template, 'AWS::Lambda::Function') as [[string, Resource]];
    const resolve = resolver(provisioned.refs, provisioned.attributes);
    const environment = Object.fromEntries(
      Object.entries(fn.Properties.Environment.Variables as Record<string, unknown>).map(([name, value]) => {
        const resolved = resolve(value);
        return [name, provisioned.localEquivalents.get(resolved) ?? resolved];
      }),
    );
    assert.equal(environment.FORCE_TOKEN_ISSUER, `http://127.0.0.1:9/${LOCAL_USER_POOL_ID}`);
    assert.equal(environment.FORCE_CLIENT_IDS, FORCES.map((force) => `${force.id}=pac-local-force-${force.id}`).join(','));

    await assert.rejects(provision(localTemplate('pac-local-force-kent'), services), /Two app clients are named pac-local-force-kent/);
  });
});
