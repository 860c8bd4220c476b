#!/usr/bin/env node
/** The CDK app: `npx cdk synth -c stage=dev|prod`, `npx cdk deploy -c stage=prod`. */
import { App } from 'aws-cdk-lib';
import { ReportingStack } from '../lib/reporting-stack.ts';
import { parseStage } from '../lib/stage.ts';

const app = new App();
const stage = parseStage(app.node.tryGetContext('stage'));
new ReportingStack(app, `PoliceReporting-${stage}`, {
  stage,
  description: `UK police anti-corruption and abuse reporting service (${stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-2' },
});
