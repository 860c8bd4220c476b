/**
 * The CDK app as the infrastructure tests read it: every stack of the service for a stage
 * (lib/reporting-stacks.ts), synthesised without bundling as the local runtime synthesises it,
 * once per stage in a test file however many of its tests ask, with each stack's Template
 * (aws-cdk-lib/assertions) and every stack's resources as one template, each import replaced by
 * what it imports (local/stack-template.ts), for the assertions that follow a reference from one
 * stack into another or look at everything the app deploys.
 */
import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { unbundledContext } from '../../lib/app-context.ts';
import { addReportingStacks, type ReportingStacks, type ReportingStacksProps, STACK_PARTS, type StackPart } from '../../lib/reporting-stacks.ts';
import type { Stage } from '../../lib/stage.ts';
import { mergeStackTemplates, type CfnResource, type StackTemplate } from '../../local/stack-template.ts';

export type Resource = CfnResource & { readonly Properties: Record<string, any>; readonly DeletionPolicy?: string };
export type Resources = Record<string, Resource>;

export interface SynthesisedApp {
  readonly stacks: ReportingStacks;
  /** Each stack's template, by part. */
  readonly templates: Readonly<Record<StackPart, Template>>;
  /** Each stack's resources, by part. */
  readonly resources: Readonly<Record<StackPart, Resources>>;
  /** Every stack's resources and outputs as one template, imports resolved (mergeStackTemplates). */
  readonly merged: StackTemplate & { readonly Resources: Resources };
  /** The logical id of a construct's CloudFormation resource, in its own stack. */
  logicalId(construct: IConstruct): string;
  /** The part whose stack holds the construct. */
  partOf(construct: IConstruct): StackPart;
}

/** Synthesises the app afresh: for a test that needs other settings than the stage's defaults. */
export const synthesiseApp = (
  props: ReportingStacksProps,
  { nag = false, context = {} }: { nag?: boolean; context?: Record<string, string> } = {},
): SynthesisedApp => {
  const app = new App({ context: { ...unbundledContext(), ...context } });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stacks = addReportingStacks(app, props);
  const assembly = app.synth();
  const json = Object.fromEntries(STACK_PARTS.map((part) => [part, assembly.getStackArtifact(stacks[partKey(part)].artifactId).template])) as Record<
    StackPart,
    { Resources: Resources }
  >;
  const partOf = (construct: IConstruct): StackPart => {
    const stack = Stack.of(construct);
    const part = STACK_PARTS.find((candidate) => stacks[partKey(candidate)] === stack);
    if (part === undefined) throw new Error(`${construct.node.path} is in no stack of the app`);
    return part;
  };
  return {
    stacks,
    templates: Object.fromEntries(STACK_PARTS.map((part) => [part, Template.fromJSON(json[part])])) as Record<StackPart, Template>,
    resources: Object.fromEntries(STACK_PARTS.map((part) => [part, json[part].Resources])) as Record<StackPart, Resources>,
    merged: mergeStackTemplates(Object.fromEntries(STACK_PARTS.map((part) => [stacks[partKey(part)].stackName, json[part]]))) as StackTemplate & { Resources: Resources },
    logicalId: (construct) => {
      const element = (construct.node.defaultChild ?? construct) as CfnElement;
      return Stack.of(element).getLogicalId(element);
    },
    partOf,
  };
};

const partKey = (part: StackPart): keyof ReportingStacks =>
  (({ Data: 'data', Delivery: 'delivery', ContactCentre: 'contactCentre', ForceAccess: 'forceAccess', Edge: 'edge', Public: 'public' }) as const)[part];

const byStage = new Map<Stage, SynthesisedApp>();

/** The app for the stage with its defaults (review on, no force reading from its own account), synthesised once per file. */
export const synthesisedApp = (stage: Stage): SynthesisedApp => {
  let synthesised = byStage.get(stage);
  if (synthesised === undefined) {
    synthesised = synthesiseApp({ stage });
    byStage.set(stage, synthesised);
  }
  return synthesised;
};
