/**
 * The local runtime's blueprint is the CDK stack itself: it synthesises the same stack (stage
 * `local`, without bundling) and reads the table, queues, functions, routes and event source
 * mappings from the template, so local and deployed can never disagree about names, redrive
 * settings, batch sizes or which handler serves which route.
 */
import { App } from 'aws-cdk-lib';
import { unbundledContext } from '../lib/app-context.ts';
import { ReportingStack } from '../lib/reporting-stack.ts';
import { reviewSettings } from '../lib/stage.ts';

export type Intrinsic = Record<string, unknown>;

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface StackTemplate {
  readonly Resources: Record<string, CfnResource>;
}

export const LOCAL_STACK_NAME = 'PoliceReporting-local';

export const synthesiseLocalTemplate = ({ review }: { review?: 'on' | 'off' } = {}): StackTemplate => {
  const app = new App({ context: unbundledContext() });
  const stack = new ReportingStack(app, LOCAL_STACK_NAME, { stage: 'local', review: reviewSettings('local', review, undefined) });
  return app.synth().getStackArtifact(stack.artifactId).template as StackTemplate;
};

export const resourcesOfType = (template: StackTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/**
 * Resolves the intrinsic functions the stack uses (Ref, Fn::GetAtt, Fn::Join) against what the
 * local emulators created. Anything else is an error: better to fail at start-up than to run a
 * handler with half its configuration.
 */
export const resolver =
  (refs: ReadonlyMap<string, string>, attributes: ReadonlyMap<string, string>) =>
  (value: unknown): string => {
    const resolve = (v: unknown): string => {
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      const intrinsic = v as Intrinsic;
      if ('Ref' in intrinsic) {
        const ref = refs.get(intrinsic.Ref as string);
        if (ref === undefined) throw new Error(`Local stack cannot resolve Ref ${String(intrinsic.Ref)}`);
        return ref;
      }
      if ('Fn::GetAtt' in intrinsic) {
        const [logicalId, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
        const resolved = attributes.get(`${logicalId}.${attribute}`);
        if (resolved === undefined) throw new Error(`Local stack cannot resolve GetAtt ${logicalId}.${attribute}`);
        return resolved;
      }
      if ('Fn::Join' in intrinsic) {
        const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
        return parts.map(resolve).join(separator);
      }
      throw new Error(`Local stack cannot resolve ${JSON.stringify(v)}`);
    };
    return resolve(value);
  };
