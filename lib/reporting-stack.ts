/**
 * The whole service in one stack, composed of one construct per capability.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ContactCentre } from './constructs/contact-centre.ts';
import { ForceAccess } from './constructs/force-access.ts';
import { ForceApi } from './constructs/force-api.ts';
import { ForceQueues } from './constructs/force-queues.ts';
import { IntakePipeline, type ReviewSettings } from './constructs/intake-pipeline.ts';
import { OriginalsKey } from './constructs/originals-key.ts';
import { Paging } from './constructs/paging.ts';
import { PublicApi } from './constructs/public-api.ts';
import { PublicWebsite } from './constructs/public-website.ts';
import { ReportStore } from './constructs/report-store.ts';
import { StatisticsApi } from './constructs/statistics-api.ts';
import type { Stage } from './stage.ts';

export interface ReportingStackProps extends StackProps {
  readonly stage: Stage;
  /** Review by the contact centre: on unless the stage says otherwise. */
  readonly review?: ReviewSettings;
  /** Forces that read their queue from their own AWS account, by force id. */
  readonly forceAccounts?: Readonly<Record<string, string>>;
}

export class ReportingStack extends Stack {
  readonly reportStore: ReportStore;
  readonly forceQueues: ForceQueues;
  readonly intake: IntakePipeline;
  readonly publicApi: PublicApi;
  readonly website: PublicWebsite;
  readonly contactCentre: ContactCentre;
  readonly forceAccess: ForceAccess;

  constructor(scope: Construct, id: string, props: ReportingStackProps) {
    super(scope, id, props);
    const { stage } = props;
    Tags.of(this).add('service', 'police-anticorruption-reporting');
    Tags.of(this).add('stage', stage);

    const paging = new Paging(this, 'Paging');
    this.reportStore = new ReportStore(this, 'ReportStore', { stage });
    const originalsKey = new OriginalsKey(this, 'OriginalsKey', { stage });
    this.forceQueues = new ForceQueues(this, 'ForceQueues', { stage, paging, ...(props.forceAccounts === undefined ? {} : { forceAccounts: props.forceAccounts }) });
    this.intake = new IntakePipeline(this, 'Intake', {
      stage,
      table: this.reportStore.table,
      forceQueues: this.forceQueues,
      originalsKey,
      review: props.review ?? { enabled: true, exemptForces: [] },
      paging,
    });
    this.publicApi = new PublicApi(this, 'PublicApi', {
      stage,
      table: this.reportStore.table,
      intakeQueue: this.intake.queue,
      originalsKey,
      paging,
    });
    this.website = new PublicWebsite(this, 'Website', { stage, api: this.publicApi.api });

    this.contactCentre = new ContactCentre(this, 'ContactCentre', {
      stage,
      api: this.publicApi.api,
      table: this.reportStore.table,
      intakeQueue: this.intake.queue,
      forceQueues: this.forceQueues,
      originalsKey,
      paging,
    });

    this.forceAccess = new ForceAccess(this, 'ForceAccess', { stage });
    new ForceApi(this, 'ForceApi', {
      stage,
      api: this.publicApi.api,
      table: this.reportStore.table,
      forceAccess: this.forceAccess,
      forceQueues: this.forceQueues,
    });

    new StatisticsApi(this, 'StatisticsApi', { stage, api: this.publicApi.api, table: this.reportStore.table });

    new CfnOutput(this, 'PublicApiUrl', { value: this.publicApi.api.apiEndpoint });
    new CfnOutput(this, 'WebsiteUrl', { value: this.website.url });
    new CfnOutput(this, 'PagingTopicArn', { value: paging.topic.topicArn });
    new CfnOutput(this, 'ReportQueueNameTemplate', { value: this.forceQueues.queueNameTemplate });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.contactCentre.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: this.contactCentre.staffClient.userPoolClientId });
    new CfnOutput(this, 'ForceSystemsUserPoolId', { value: this.forceAccess.userPool.userPoolId });
  }
}
