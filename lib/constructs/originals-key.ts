/**
 * The contact-centre key: the KMS key that seals each report's original words. The router may
 * only seal with it (GenerateDataKey); only the contact-centre function that shows a contact for
 * review may open with it (Decrypt). Nothing a force can reach is granted either.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';

export class OriginalsKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/${resourcePrefix(props.stage)}-report-originals`,
      description: "Seals reporters' original words; only the contact centre may open them",
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /** May seal originals, and never open them. */
  grantSeal(grantee: IGrantable): void {
    this.key.grant(grantee, 'kms:GenerateDataKey');
  }

  /** May open originals: for the contact centre's own functions only. */
  grantOpen(grantee: IGrantable): void {
    this.key.grant(grantee, 'kms:Decrypt');
  }
}
