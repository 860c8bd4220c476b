/**
 * The local stage's template, synthesised from the CDK app itself (stage `local`, without
 * bundling) and merged into one (mergeStackTemplates). The only part of the local runtime that
 * loads aws-cdk-lib: local/stack.ts imports it only when it is not given a template.
 */
import { App } from 'aws-cdk-lib';
import { unbundledContext } from '../lib/app-context.ts';
import { addReportingStacks, stackNamePrefix } from '../lib/reporting-stacks.ts';
import { reviewSettings } from '../lib/stage.ts';
import { mergeStackTemplates, type StackTemplate } from './stack-template.ts';

/** What the local stacks' names start with: `PoliceReporting-local-Data`, … */
const LOCAL_STACK_NAME = stackNamePrefix('local');

/**
 * Every stack of the app in the `local` stage, unbundled, as one template (mergeStackTemplates).
 * The Edge stack's web ACL comes with it and is ignored: there is no WAF locally, and no resource of
 * a type the local runtime has no stand-in for is created.
 */
export const synthesiseLocalTemplate = ({ review }: { review?: 'on' | 'off' } = {}): StackTemplate => {
  // CloudFormation's template validation takes most of a synthesis and only warns; `cdk synth`
  // runs it. The local runtime only reads the template, so it starts seconds sooner without it.
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const app = new App({ context: unbundledContext() });
    addReportingStacks(app, { stage: 'local', review: reviewSettings('local', review, undefined), namePrefix: LOCAL_STACK_NAME });
    const { stacks } = app.synth();
    return mergeStackTemplates(Object.fromEntries(stacks.map((stack) => [stack.stackName, stack.template as StackTemplate])));
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
};
