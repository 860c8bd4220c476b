/**
 * A KMS key that seals what a reporter wrote by envelope encryption (functions/adapters/
 * originals-vault.ts): the originals key, which only the contact centre may open, and the intake
 * key, which only the router may open. Its key policy is the service's own, not CDK's default
 * (the account root with kms:*, under which any IAM policy granting kms:Decrypt would open every
 * original):
 *
 * - the account administers the key (its policy, rotation, aliases, tags, deletion) and may not
 *   use it: no Encrypt, Decrypt, GenerateDataKey, ReEncrypt, and no CreateGrant, which would let
 *   an administrator hand out what it may not do itself;
 * - kms:GenerateDataKey for the roles of the functions that seal with it, kms:Decrypt for the
 *   roles of those that open (lib/key-access.ts declares both), each named by its ARN in an
 *   `aws:PrincipalArn` condition; the functions' roles have fixed names for that reason, since the
 *   key (in the Data stack) cannot refer to roles made in the stacks that refer to it;
 * - kms:Decrypt for a break-glass role, if one is named by context, for an investigation that
 *   must read originals outside the service (its use is in CloudTrail with each key's encryption
 *   context: for originals sealed since key-encryption keys, the key-encryption key's id, whose
 *   reports the data keys table names; for earlier ones, the reference).
 *
 * No statement conditions on the encryption context: the keys are one per purpose, and the
 * principal conditions are what keep a function to sealing or opening. The originals key's sealers
 * make key-encryption keys under it (functions/adapters/key-encryption-keys.ts), whose context is
 * a purpose and a random id, not a reference; a condition on the reference would refuse them.
 *
 * The functions' own role policies grant the same actions on the key: both must allow.
 *
 * Upgrading a stage deployed before these policies (`-c keyPolicyTransition=on`, for one deploy):
 * the Data stack deploys first, and the live functions still run under their old roles, which the
 * new policy does not name, until their own stacks are deployed after it. For that deploy the
 * policy also lets the account's principals whose own policies allow it seal and open, as CDK's
 * default did; the next deploy, without the flag, takes that away (README "Deploy").
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IGrantable, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeyUsers } from '../key-access.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { DataKeyStore } from './data-key-store.ts';
import { functionRoleName, ReportingFunction } from './reporting-function.ts';

/** What the account may do with the key: administer it, never use it or grant its use. */
export const KEY_ADMINISTRATION = [
  'kms:Describe*',
  'kms:List*',
  'kms:Get*',
  'kms:PutKeyPolicy',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:UpdateKeyDescription',
  'kms:UpdateAlias',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

export interface SealingKeyProps {
  readonly stage: Stage;
  /** The alias after the stage's prefix: `alias/pac-<stage>-<alias>`. */
  readonly alias: string;
  readonly description: string;
  readonly users: KeyUsers;
  /** A role that may open what the key sealed outside the service, for an investigation. */
  readonly breakGlassRoleArn?: string;
}

export class SealingKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SealingKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const roleArn = (handler: string) => stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: functionRoleName(props.stage, handler) });
    const account = new AccountRootPrincipal();
    const transition = this.node.tryGetContext('keyPolicyTransition') === 'on';
    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({ sid: 'AdministerWithoutUse', principals: [account], actions: [...KEY_ADMINISTRATION], resources: ['*'] }),
        new PolicyStatement({
          sid: 'Seal',
          principals: [account],
          actions: ['kms:GenerateDataKey'],
          resources: ['*'],
          conditions: { ArnEquals: { 'aws:PrincipalArn': props.users.seal.map(roleArn) } },
        }),
        new PolicyStatement({
          sid: 'Open',
          principals: [account],
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: {
            ArnEquals: { 'aws:PrincipalArn': [...props.users.open.map(roleArn), ...(props.breakGlassRoleArn === undefined ? [] : [props.breakGlassRoleArn])] },
          },
        }),
        ...(transition
          ? [
              new PolicyStatement({
                sid: 'TransitionFromDefaultPolicy',
                principals: [account],
                actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
                resources: ['*'],
              }),
            ]
          : []),
      ],
    });
    this.key = new Key(this, 'Key', {
      alias: `alias/${resourcePrefix(props.stage)}-${props.alias}`,
      description: props.description,
      policy,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /**
   * Where the data keys made under this key are kept, when they are kept apart from what they
   * seal (the originals key's: lib/constructs/data-key-store.ts): a function that seals or opens
   * with the key is given that table too.
   */
  dataKeys: DataKeyStore | undefined = undefined;

  /** May seal with the key, and never open. */
  grantSeal(grantee: IGrantable): void {
    this.key.grant(grantee, 'kms:GenerateDataKey');
    if (grantee instanceof ReportingFunction) this.dataKeys?.bind(grantee, 'seal');
  }

  /** May open what the key sealed. */
  grantOpen(grantee: IGrantable): void {
    this.key.grant(grantee, 'kms:Decrypt');
    if (grantee instanceof ReportingFunction) this.dataKeys?.bind(grantee, 'open');
  }
}
