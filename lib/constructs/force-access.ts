/**
 * Force access: who may call the force API. A Cognito user pool that holds no people, only one
 * machine-to-machine app client per force (OAuth2 client credentials, with a secret), each allowed
 * exactly one scope, `police-reporting/force.<id>`, its own force's. A force system gets a token
 * from the pool's domain (`https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`) and
 * calls the API with it; API Gateway's JWT authorizer checks the token, and each function checks
 * it again and binds it to its force (functions/adapters/http/force-authentication.ts).
 *
 * The operator hands each force its client id and secret (`aws cognito-idp describe-user-pool-client`)
 * over a channel fit for a credential; nothing here outputs a secret.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { FORCE_RESOURCE_SERVER } from '../../functions/configuration/stack-names.ts';
import { FORCES, type ForceId } from '../../functions/domain/forces.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { ReportingFunction } from './reporting-function.ts';
import { variableOf } from '../../functions/configuration/settings.ts';

/** API Gateway's hard limit on a JWT authorizer's audiences: one per app client. */
const MAX_AUTHORIZER_AUDIENCES = 50;

export interface ForceAccessProps {
  readonly stage: Stage;
}

export class ForceAccess extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly resourceServer: UserPoolResourceServer;
  /** Each force's app client, by force id. */
  readonly clients: ReadonlyMap<ForceId, UserPoolClient>;
  /** The issuer force tokens must come from: what every force function checks. */
  readonly issuer: string;
  /** API Gateway's check of a force token: this pool, any force's client. */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: ForceAccessProps) {
    super(scope, id);
    const { stage } = props;
    const prefix = resourcePrefix(stage);
    const stack = Stack.of(this);

    this.userPool = new UserPool(this, 'ForceSystemsPool', {
      userPoolName: `${prefix}-force-systems`,
      selfSignUpEnabled: false,
      // It holds no people and no app client lets a person sign in. Should someone add a user by
      // hand all the same, they would need a strong password and an authenticator app.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.NONE,
      deletionProtection: isProduction(stage),
      removalPolicy: isProduction(stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        "The Plus plan buys threat protection for people's sign-ins. This pool has no people: only forces' machine clients, " +
        'which get tokens by client credentials with a secret, each limited to its own force.',
    });

    // Cognito domain prefixes are unique per region across every AWS account, and may not contain
    // "aws", "amazon" or "cognito". The account id (resolved by CloudFormation; twelve digits) makes
    // the prefix unique per account and stage, is stable across deployments (force systems
    // configure the token URL once), and cannot collide between two accounts deploying the same
    // stage, as a name made from the construct path would.
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `${prefix}-forces-${stack.account}` } });

    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: FORCE_RESOURCE_SERVER,
      userPoolResourceServerName: `${prefix}-force-api`,
      scopes: FORCES.map((force) => new ResourceServerScope({ scopeName: `force.${force.id}`, scopeDescription: force.name })),
    });

    const clients = new Map<ForceId, UserPoolClient>();
    for (const force of FORCES) {
      const forceScope = new ResourceServerScope({ scopeName: `force.${force.id}`, scopeDescription: force.name });
      clients.set(
        force.id,
        this.userPool.addClient(`Client-${force.id}`, {
          userPoolClientName: `${prefix}-force-${force.id}`,
          generateSecret: true,
          // No person signs in through a force's client: no user flow is allowed (Cognito keeps
          // refresh-token auth on every client; client credentials never issue a refresh token).
          authFlows: { user: false, userSrp: false, userPassword: false, adminUserPassword: false, custom: false },
          oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(this.resourceServer, forceScope)] },
          accessTokenValidity: Duration.hours(1),
          preventUserExistenceErrors: true,
          enableTokenRevocation: true,
        }),
      );
    }
    this.clients = clients;
    if (clients.size > MAX_AUTHORIZER_AUDIENCES) {
      throw new Error(`${clients.size} force clients: one JWT authorizer takes at most ${MAX_AUTHORIZER_AUDIENCES} audiences`);
    }

    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.authorizer = new HttpUserPoolAuthorizer('ForceAuthorizer', this.userPool, { userPoolClients: [...clients.values()] });
  }

  /**
   * Sets what authenticatedForce() reads: FORCE_TOKEN_ISSUER and FORCE_CLIENT_IDS, the latter as
   * `<force id>=<client id>` entries so the function can bind each client to its force. With 48
   * forces and Cognito's 26-character client ids that is about 1.9 KB of Lambda's 4 KB for all of
   * a function's environment (test/infrastructure/force-access.test.ts measures it).
   */
  bindForceAuthentication(fn: ReportingFunction): void {
    fn.addEnvironment(variableOf('forceTokenIssuer'), this.issuer);
    fn.addEnvironment(variableOf('forceClientIds'), [...this.clients].map(([forceId, client]) => `${forceId}=${client.userPoolClientId}`).join(','));
  }
}
