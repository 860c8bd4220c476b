/**
 * The secret CloudFront sends the public API in its origin header (CLOUDFRONT_ORIGIN_HEADER), and
 * every public function checks (functions/adapters/http/cloudfront-origin.ts): a Secrets Manager
 * secret whose value Secrets Manager generates when the stack is created. Neither the code nor the
 * template holds it: both the distribution's origin header and the functions' environment carry a
 * dynamic reference (`{{resolve:secretsmanager:…}}`), which CloudFormation resolves as it deploys.
 *
 * Why in the environment, not read by each function from Secrets Manager when it starts: reading
 * it would add a Secrets Manager call (tens of milliseconds, and one more thing to fail) to every
 * cold start of every public function, and one more permission and SDK client to each; for a
 * value whose only job is to tell CloudFront's requests from others. What the environment costs:
 * anyone who may read the functions' configuration (lambda:GetFunctionConfiguration) or the
 * distribution's (cloudfront:GetDistributionConfig) can read it, and they are operators who
 * could reach the functions anyway. A leaked value lets someone go around the WAF, not in: every
 * function still checks everything else.
 *
 * Rotating it: `aws secretsmanager put-secret-value` with a new random value, then deploy the
 * Public stack with `-c originSecretVersion=<the VersionId it answered>`. CloudFormation resolves a
 * dynamic reference again only when its text changes, so a deploy without a new version would keep
 * the old value everywhere, and a later deploy that happened to update one function would give it
 * the new value while CloudFront kept the old one: that function would refuse every request. With
 * the version in both references, both change in the same deploy. Until CloudFront has the new
 * value everywhere (minutes), some requests may be refused.
 */
import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CLOUDFRONT_ORIGIN_HEADER, variableOf } from '../../functions/configuration/settings.ts';
import { resourcePrefix, type Stage } from '../stage.ts';

/** `-c originSecretVersion=<VersionId>`: the secret's version both ends use; the current one unless given. */
export const originSecretVersion = (value: unknown): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]{32,64}$/.test(value)) throw new Error(`originSecretVersion "${String(value)}" is not a Secrets Manager VersionId`);
  return value;
};

export class CloudFrontOriginSecret extends Construct {
  readonly secret: Secret;
  /** The header CloudFront adds to each request to the API: name and (a dynamic reference to) the value. */
  readonly originHeaders: Readonly<Record<string, string>>;
  /** What every public function is given: the variable, and (a dynamic reference to) the value. */
  readonly functionEnvironment: Readonly<Record<string, string>>;

  /**
   * @param props.name the secret's name after the stage's prefix (`cloudfront-origin`, the public site's, unless given)
   * @param props.versionContext the context key that pins its version (`originSecretVersion` unless given)
   */
  constructor(scope: Construct, id: string, props: { stage: Stage; name?: string; versionContext?: string; describes?: string }) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: `${resourcePrefix(props.stage)}-${props.name ?? 'cloudfront-origin'}`,
      description: props.describes ?? "What CloudFront sends the public API in its origin header; the public functions refuse requests without it",
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Nothing is lost with it: a new one is made with the stack, and both ends are given it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: CloudFront and the functions get the value from dynamic references resolved at deploy, so a rotated value would reach neither until the Public stack is deployed again; it is rotated by putting a new value and deploying (see the construct). It is not a credential to anything: it only tells CloudFront\'s requests from requests sent around the website.',
    });
    // A dynamic reference, resolved by CloudFormation at deploy: never the value itself. Pinned to
    // a version when one is given, so that changing it changes every reference at once.
    const versionId = originSecretVersion(this.node.tryGetContext(props.versionContext ?? 'originSecretVersion'));
    const value = (versionId === undefined ? this.secret.secretValue : SecretValue.secretsManager(this.secret.secretArn, { versionId })).unsafeUnwrap();
    this.originHeaders = { [CLOUDFRONT_ORIGIN_HEADER]: value };
    this.functionEnvironment = { [variableOf('cloudFrontOriginSecret')]: value };
  }
}
