/**
 * The whole service as six stacks, one per part of the architecture and one at the edge, so that
 * each can grow: one stack held about 400 of CloudFormation's 500 resources, and each capability
 * adds tens. They are named `PoliceReporting-<stage>-<Part>` and composed of the same constructs
 * (lib/constructs/).
 *
 * - Data: the report table, the data keys table (lib/constructs/data-key-store.ts), the originals
 *   key and the paging topic. It refers to nothing, so
 *   every other stack may refer to it (the topic is here for that reason: every part's alarms
 *   page through it).
 * - Delivery: the intake queue and its DLQ, the router, the forces' and triage's queues, their
 *   DLQs and queue policies, the sweeper that sends what a step left unsent, and the retention job.
 * - ContactCentre: the staff user pool and its client, the staff functions, and the contact
 *   centre's own HTTP API with their routes and its JWT authorizer.
 * - ForceAccess: the force systems' user pool, its domain, resource server and 48 clients, the
 *   force API's functions, and the force API's own HTTP API with their routes and its authorizer.
 * - Edge: the website's and the staff console's web application firewalls
 *   (lib/constructs/edge-protection.ts, console-protection.ts). A WAF for
 *   CloudFront must be made in us-east-1, so this stack is always there, whatever region the
 *   others are in.
 * - Public: the public HTTP API and its stage, the public functions (statistics among them) and
 *   the website (CloudFront, its bucket and the deployment of its files, and the Edge stack's
 *   firewall on it).
 *
 * What crosses between stacks is passed as constructs (props) and CDK makes the exports and
 * imports: the table's name and ARN, the key's ARN and the topic's ARN from Data; the intake
 * queue's URL and ARN and the force queues' ARNs from Delivery. The firewall's ARN goes from Edge
 * (us-east-1) to Public (the service's region), which CloudFormation exports cannot do: it is a
 * weak reference, `Fn::GetStackOutput` with the Edge stack's region, which CloudFormation resolves
 * when it deploys the Public stack. No custom resource, nothing to acknowledge to cdk-nag; but
 * CloudFormation will not stop the Edge stack being deleted while Public uses its web ACL, so
 * `cdk destroy` goes Public first (it does: the reference makes Public depend on Edge). Every stack
 * therefore has an explicit region: the service's (`eu-west-2` unless given) and `us-east-1`.
 *
 * Each API lives with the routes it serves. A route added to an HttpApi is created under the API
 * (HttpApi.addRoutes), and so are its Lambda integration, the permission that lets API Gateway
 * invoke the function, and the JWT authorizer; with one API for everything, the staff and force
 * routes had to live in the Public stack (putting them in their own stacks would have made those
 * stacks import the API's id while the authorizers, under the API, imported their pools: a
 * cycle). With an API for each audience nothing crosses: the staff and force stacks hold their
 * APIs, routes, authorizers and integrations, and the Public stack refers to neither. The public
 * API is also kept apart from staff and forces: only it is behind CloudFront (and its WAF), and
 * only it refuses what did not come through CloudFront.
 */
import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ContactCentre } from './constructs/contact-centre.ts';
import { DataKeyStore } from './constructs/data-key-store.ts';
import { DisseminationSweeper } from './constructs/dissemination-sweeper.ts';
import { RetentionJob } from './constructs/retention-job.ts';
import { ConsoleProtection } from './constructs/console-protection.ts';
import { EdgeProtection } from './constructs/edge-protection.ts';
import { ForceAccess } from './constructs/force-access.ts';
import { ForceApi } from './constructs/force-api.ts';
import { ForceQueues } from './constructs/force-queues.ts';
import { IntakePipeline, type ReviewSettings } from './constructs/intake-pipeline.ts';
import { SealingKey } from './constructs/sealing-key.ts';
import { FOLLOW_UP_CODE_KEY_USERS, INTAKE_KEY_USERS, ORIGINALS_KEY_USERS, PERSON_LINK_KEY_USERS } from './key-access.ts';
import { Paging } from './constructs/paging.ts';
import { PublicApi } from './constructs/public-api.ts';
import { PublicWebsite } from './constructs/public-website.ts';
import { ReportStore } from './constructs/report-store.ts';
import { StatisticsApi } from './constructs/statistics-api.ts';
import { DEFAULT_SERVICE_REGION, type Stage, type StaffSignInUrls, staffSignInUrls } from './stage.ts';

/** The parts, in the order they deploy. */
export const STACK_PARTS = ['Data', 'Delivery', 'ContactCentre', 'ForceAccess', 'Edge', 'Public'] as const;
export type StackPart = (typeof STACK_PARTS)[number];

/** `PoliceReporting-<stage>`: what every stack's name starts with. */
export const stackNamePrefix = (stage: Stage): string => `PoliceReporting-${stage}`;
export const stackName = (stage: Stage, part: StackPart, prefix = stackNamePrefix(stage)): string => `${prefix}-${part}`;

const PART_DESCRIPTIONS: Readonly<Record<StackPart, string>> = {
  Data: 'the report table, the originals key and the paging topic',
  Delivery: "the intake queue, the router, and the forces' and triage's queues",
  ContactCentre: "staff sign-in, the contact centre functions and the contact centre's API",
  ForceAccess: "the force systems' sign-in, the force API functions and the force API",
  Edge: "the website's web application firewall (us-east-1, as CloudFront requires)",
  Public: 'the public HTTP API, the public functions and the website',
};

/** Where a web ACL for CloudFront must be. */
export const EDGE_REGION = 'us-east-1';

export interface ReportingStacksProps extends Omit<StackProps, 'stackName' | 'description'> {
  readonly stage: Stage;
  /** Review by the contact centre: on unless the stage says otherwise. */
  readonly review?: ReviewSettings;
  /** Forces that read their queue from their own AWS account, by force id. */
  readonly forceAccounts?: Readonly<Record<string, string>>;
  /** Each stack's description starts with this, and goes on with what the stack holds. */
  readonly description?: string;
  /** What the stacks' names start with: `PoliceReporting-<stage>` unless given. */
  readonly namePrefix?: string;
  /** A role that may open originals outside the service, for an investigation (lib/constructs/sealing-key.ts). */
  readonly breakGlassRoleArn?: string;
  /** The staff console's callback and sign-out URLs: the stage's defaults (lib/stage.ts staffSignInUrls) unless given. */
  readonly staffSignIn?: StaffSignInUrls;
}

interface PartProps extends StackProps {
  readonly stage: Stage;
}

/** A stack of the service, tagged as the one stack was. */
abstract class ReportingPart extends Stack {
  constructor(scope: Construct, id: string, props: PartProps) {
    super(scope, id, props);
    Tags.of(this).add('service', 'police-anticorruption-reporting');
    Tags.of(this).add('stage', props.stage);
  }
}

export class DataStack extends ReportingPart {
  readonly paging: Paging;
  readonly reportStore: ReportStore;
  readonly dataKeys: DataKeyStore;
  readonly originalsKey: SealingKey;
  readonly intakeKey: SealingKey;
  readonly followUpCodeKey: SealingKey;
  readonly personLinkKey: SealingKey;

  constructor(scope: Construct, id: string, props: PartProps & { breakGlassRoleArn?: string }) {
    super(scope, id, props);
    const { stage } = props;
    this.paging = new Paging(this, 'Paging');
    this.reportStore = new ReportStore(this, 'ReportStore', { stage });
    this.dataKeys = new DataKeyStore(this, 'DataKeys', { stage });
    this.originalsKey = new SealingKey(this, 'OriginalsKey', {
      stage,
      alias: 'report-originals',
      description: "Seals reporters' original words; only the contact centre may open them",
      users: ORIGINALS_KEY_USERS,
      ...(props.breakGlassRoleArn === undefined ? {} : { breakGlassRoleArn: props.breakGlassRoleArn }),
    });
    // Each original's own data key is kept apart, to be destroyed on its day (crypto-shredding).
    this.originalsKey.dataKeys = this.dataKeys;
    this.intakeKey = new SealingKey(this, 'IntakeKey', {
      stage,
      alias: 'intake',
      description: 'Seals each report on the intake queue; only the router may open it',
      users: INTAKE_KEY_USERS,
    });
    this.followUpCodeKey = new SealingKey(this, 'FollowUpCodeKey', {
      stage,
      alias: 'follow-up-codes',
      description: 'Wraps the secret follow-up codes are hashed under; only the functions that issue or check codes may open it',
      users: FOLLOW_UP_CODE_KEY_USERS,
    });
    this.personLinkKey = new SealingKey(this, 'PersonLinkKey', {
      stage,
      alias: 'person-links',
      description: 'Wraps the secret the match keys of the person a report is about are keyed under; only the router may make or open it',
      users: PERSON_LINK_KEY_USERS,
    });
    new CfnOutput(this, 'PagingTopicArn', { value: this.paging.topic.topicArn });
  }
}

export class DeliveryStack extends ReportingPart {
  readonly forceQueues: ForceQueues;
  readonly intake: IntakePipeline;

  constructor(
    scope: Construct,
    id: string,
    props: PartProps & { data: DataStack; review: ReviewSettings; forceAccounts?: Readonly<Record<string, string>> },
  ) {
    super(scope, id, props);
    const { stage, data } = props;
    this.forceQueues = new ForceQueues(this, 'ForceQueues', {
      stage,
      paging: data.paging,
      ...(props.forceAccounts === undefined ? {} : { forceAccounts: props.forceAccounts }),
    });
    this.intake = new IntakePipeline(this, 'Intake', {
      stage,
      table: data.reportStore.table,
      forceQueues: this.forceQueues,
      originalsKey: data.originalsKey,
      intakeKey: data.intakeKey,
      personLinkKey: data.personLinkKey,
      review: props.review,
      paging: data.paging,
    });
    // Sends what a step recorded as due for a force but did not finish sending.
    new DisseminationSweeper(this, 'DisseminationSweeper', { stage, table: data.reportStore.table, forceQueues: this.forceQueues, paging: data.paging });
    // Ends what the retention schedule has ended, once a day.
    new RetentionJob(this, 'Retention', { stage, table: data.reportStore.table, dataKeys: data.dataKeys, paging: data.paging });
    new CfnOutput(this, 'ReportQueueNameTemplate', { value: this.forceQueues.queueNameTemplate });
  }
}

export class EdgeStack extends ReportingPart {
  readonly protection: EdgeProtection;
  readonly consoleProtection: ConsoleProtection;

  constructor(scope: Construct, id: string, props: PartProps) {
    super(scope, id, props);
    this.protection = new EdgeProtection(this, 'Protection', { stage: props.stage });
    // Read by the Public stack in another region: Fn::GetStackOutput, not an export.
    CrossStackReferences.of(this.protection.webAcl).produce(ReferenceStrength.WEAK);
    new CfnOutput(this, 'WebAclArn', { value: this.protection.webAcl.attrArn });
    // The staff console's, read by the ContactCentre stack the same way.
    this.consoleProtection = new ConsoleProtection(this, 'ConsoleProtection', { stage: props.stage });
    CrossStackReferences.of(this.consoleProtection.webAcl).produce(ReferenceStrength.WEAK);
    new CfnOutput(this, 'ConsoleWebAclArn', { value: this.consoleProtection.webAcl.attrArn });
  }
}

export class PublicStack extends ReportingPart {
  readonly publicApi: PublicApi;
  readonly website: PublicWebsite;
  readonly statisticsApi: StatisticsApi;

  constructor(scope: Construct, id: string, props: PartProps & { data: DataStack; delivery: DeliveryStack; edge: EdgeStack }) {
    super(scope, id, props);
    const { stage, data, delivery, edge } = props;
    this.publicApi = new PublicApi(this, 'PublicApi', {
      stage,
      table: data.reportStore.table,
      intakeQueue: delivery.intake.queue,
      originalsKey: data.originalsKey,
      intakeKey: data.intakeKey,
      followUpCodeKey: data.followUpCodeKey,
      paging: data.paging,
    });
    this.website = new PublicWebsite(this, 'Website', {
      stage,
      api: this.publicApi.api,
      webAclArn: edge.protection.webAcl.attrArn,
      originHeaders: this.publicApi.originSecret.originHeaders,
    });
    this.statisticsApi = new StatisticsApi(this, 'StatisticsApi', { stage, publicApi: this.publicApi, table: data.reportStore.table });
    new CfnOutput(this, 'PublicApiUrl', { value: this.publicApi.api.apiEndpoint });
    new CfnOutput(this, 'WebsiteUrl', { value: this.website.url });
  }
}

export class ContactCentreStack extends ReportingPart {
  readonly contactCentre: ContactCentre;

  constructor(scope: Construct, id: string, props: PartProps & { data: DataStack; delivery: DeliveryStack; edge: EdgeStack; signIn: StaffSignInUrls }) {
    super(scope, id, props);
    const { stage, data, delivery } = props;
    this.contactCentre = new ContactCentre(this, 'ContactCentre', {
      stage,
      signIn: props.signIn,
      consoleWebAclArn: props.edge.consoleProtection.webAcl.attrArn,
      table: data.reportStore.table,
      intakeQueue: delivery.intake.queue,
      forceQueues: delivery.forceQueues,
      originalsKey: data.originalsKey,
      intakeKey: data.intakeKey,
      followUpCodeKey: data.followUpCodeKey,
      paging: data.paging,
    });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.contactCentre.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: this.contactCentre.staffClient.userPoolClientId });
    new CfnOutput(this, 'ContactCentreApiUrl', { value: this.contactCentre.api.apiEndpoint });
    new CfnOutput(this, 'StaffSignInDomain', { value: this.contactCentre.domain.baseUrl() });
    new CfnOutput(this, 'StaffConsoleUrl', { value: this.contactCentre.staffConsole.url });
  }
}

export class ForceAccessStack extends ReportingPart {
  readonly forceAccess: ForceAccess;
  readonly forceApi: ForceApi;

  constructor(scope: Construct, id: string, props: PartProps & { data: DataStack; delivery: DeliveryStack }) {
    super(scope, id, props);
    const { stage, data, delivery } = props;
    this.forceAccess = new ForceAccess(this, 'ForceAccess', { stage });
    this.forceApi = new ForceApi(this, 'ForceApi', {
      stage,
      table: data.reportStore.table,
      forceAccess: this.forceAccess,
      forceQueues: delivery.forceQueues,
    });
    new CfnOutput(this, 'ForceSystemsUserPoolId', { value: this.forceAccess.userPool.userPoolId });
    new CfnOutput(this, 'ForceApiUrl', { value: this.forceApi.api.apiEndpoint });
  }
}

export interface ReportingStacks {
  readonly data: DataStack;
  readonly delivery: DeliveryStack;
  readonly contactCentre: ContactCentreStack;
  readonly forceAccess: ForceAccessStack;
  readonly edge: EdgeStack;
  readonly public: PublicStack;
}

/** Every stack of the service for the stage, in `scope` (the app). */
export const addReportingStacks = (scope: Construct, props: ReportingStacksProps): ReportingStacks => {
  const { stage, review, forceAccounts, description, namePrefix, env, staffSignIn, breakGlassRoleArn, ...stackProps } = props;
  const part = (name: StackPart): PartProps => ({
    ...stackProps,
    env: { ...env, region: name === 'Edge' ? EDGE_REGION : (env?.region ?? DEFAULT_SERVICE_REGION) },
    stage,
    stackName: stackName(stage, name, namePrefix),
    ...(description === undefined ? {} : { description: `${description}: ${PART_DESCRIPTIONS[name]}` }),
  });
  const id = (name: StackPart) => stackName(stage, name, namePrefix);
  const data = new DataStack(scope, id('Data'), { ...part('Data'), ...(breakGlassRoleArn === undefined ? {} : { breakGlassRoleArn }) });
  const delivery = new DeliveryStack(scope, id('Delivery'), {
    ...part('Delivery'),
    data,
    review: review ?? { enabled: true, exemptForces: [] },
    ...(forceAccounts === undefined ? {} : { forceAccounts }),
  });
  const edge = new EdgeStack(scope, id('Edge'), part('Edge'));
  const contactCentre = new ContactCentreStack(scope, id('ContactCentre'), {
    ...part('ContactCentre'),
    data,
    delivery,
    edge,
    signIn: staffSignIn ?? staffSignInUrls(stage, undefined, undefined),
  });
  const forceAccess = new ForceAccessStack(scope, id('ForceAccess'), { ...part('ForceAccess'), data, delivery });
  const publicStack = new PublicStack(scope, id('Public'), { ...part('Public'), data, delivery, edge });
  return { data, delivery, contactCentre, forceAccess, edge, public: publicStack };
};
