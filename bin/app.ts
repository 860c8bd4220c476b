#!/usr/bin/env node
/**
 * The CDK app: every stack of the service for the stage (lib/reporting-stacks.ts), named
 * `PoliceReporting-<stage>-<Part>`, in eu-west-2 (or `-c region=…`) but for the Edge stack, which
 * is in us-east-1. `npx cdk synth -c stage=dev|prod`; `npx cdk deploy --all -c stage=prod` deploys
 * them all, in the order their references give.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addReportingStacks } from '../lib/reporting-stacks.ts';
import { breakGlassRoleArn, forceAccounts, parseStage, reviewSettings, serviceRegion, staffSignInUrls } from '../lib/stage.ts';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const stage = parseStage(app.node.tryGetContext('stage'));
const breakGlass = breakGlassRoleArn(app.node.tryGetContext('originalsBreakGlassRoleArn'));
addReportingStacks(app, {
  stage,
  review: reviewSettings(stage, app.node.tryGetContext('review'), app.node.tryGetContext('reviewExemptForces')),
  forceAccounts: forceAccounts(app.node.tryGetContext('forceAccounts')),
  ...(breakGlass === undefined ? {} : { breakGlassRoleArn: breakGlass }),
  staffSignIn: staffSignInUrls(stage, app.node.tryGetContext('staffCallbackUrls'), app.node.tryGetContext('staffLogoutUrls')),
  description: `UK police anti-corruption and abuse reporting service (${stage})`,
  // The Edge stack is in us-east-1 whatever this says (lib/reporting-stacks.ts).
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: serviceRegion(app.node.tryGetContext('region')) },
});
