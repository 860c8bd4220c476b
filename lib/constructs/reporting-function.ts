/**
 * The one way this stack makes a Lambda function: Node.js 24 on arm64, bundled locally by esbuild
 * as ESM with the AWS SDK inside (so every function runs the SDK version the lockfile pins),
 * X-Ray tracing, and a log group with a retention the stage decides. `bindTable` grants and wires
 * the table in one call.
 *
 * Each function records the handler module it runs as template metadata (`pac:handler`): the
 * local runtime reads it to run the same module behind the same route or queue.
 */
import { AssetHashType, type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import { variableOf } from '../../functions/configuration/settings.ts';
import { HANDLER_METADATA, PROJECT_ROOT } from '../project-layout.ts';
import { BUNDLE_HANDLER, handlerBundling } from './function-bundles.ts';
import { handlerName, tableAccessOf } from '../table-access.ts';
import { FORMER_QUEUE_INDEX, QUEUE_INDEX } from '../../functions/configuration/stack-names.ts';
import { inQueueIndexTransition } from './report-store.ts';

export interface ReportingFunctionProps {
  readonly stage: Stage;
  /** The handler module, relative to the project root, e.g. `functions/handlers/submit-report.ts`. */
  readonly handlerModule: string;
  readonly description: string;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
}

/**
 * The name of the role a function runs with: `pac-<stage>-<handler>`. Fixed, so that a key policy
 * can name the role without referring to it across stacks (lib/constructs/sealing-key.ts).
 */
export const functionRoleName = (stage: Stage, handler: string): string => `${resourcePrefix(stage)}-${handlerName(handler)}`;

export class ReportingFunction extends LambdaFunction {
  /** The handler module it runs, relative to the project root. */
  readonly handlerModule: string;

  constructor(scope: Construct, id: string, props: ReportingFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: isProduction(props.stage) ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // A role of its own with no managed policy: it may write to its own log group and nothing
    // else until a grant says so (AWSLambdaBasicExecutionRole would let it write any log group).
    const role = new Role(scope, `${id}Role`, {
      roleName: functionRoleName(props.stage, props.handlerModule),
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.handlerModule}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      // The asset is the bundle alone (function-bundles.ts), hashed by its content: the project
      // folder is named only as where bundling starts, and nothing of it is copied.
      code: Code.fromAsset(PROJECT_ROOT, { assetHashType: AssetHashType.OUTPUT, bundling: handlerBundling(props.handlerModule) }),
      role,
      handler: BUNDLE_HANDLER,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'police-reporting',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
    });
    this.handlerModule = props.handlerModule;
    (this.node.defaultChild as CfnFunction).addMetadata(HANDLER_METADATA, props.handlerModule);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords accept no resource but *.',
    });
  }

  /**
   * Sets TABLE_NAME and grants exactly the access lib/table-access.ts declares for this function's
   * handler: each grant its own statement, on the table or its index, bounded by LeadingKeys.
   */
  bindTable(table: ITable): void {
    this.addEnvironment(variableOf('tableName'), table.tableName);
    // While a deployed table moves to the keys-only queue index, the old code still running reads the old one.
    const transition = inQueueIndexTransition(this);
    for (const { actions, partitions, index } of tableAccessOf(this.handlerModule)) {
      const resources =
        index === undefined ? [table.tableArn] : (transition && index === QUEUE_INDEX ? [index, FORMER_QUEUE_INDEX] : [index]).map((name) => `${table.tableArn}/index/${name}`);
      for (const resource of resources) {
        this.addToRolePolicy(
          new PolicyStatement({
            actions: actions.map((action) => `dynamodb:${action}`),
            resources: [resource],
            conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } },
          }),
        );
      }
    }
  }
}
