/**
 * The local runtime's blueprint is the CDK app itself: it synthesises the same stacks (stage
 * `local`, without bundling) and reads the table, queues, functions, routes and event source
 * mappings from their templates, so local and deployed can never disagree about names, redrive
 * settings, batch sizes or which handler serves which route.
 *
 * The app is several stacks (lib/reporting-stacks.ts) that refer to each other through exports
 * and imports; the local runtime sees them as one template: every stack's resources and outputs,
 * with each `Fn::ImportValue` replaced by the value of the output that exports it, so that it
 * refers to the exporting stack's resource as a reference within one stack would.
 *
 * This module only reads templates and imports nothing of the CDK, so a process given a template
 * synthesised earlier (every integration test file) does not load aws-cdk-lib at all;
 * local/synthesise.ts makes one.
 */

export type Intrinsic = Record<string, unknown>;

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnOutput {
  readonly Value: unknown;
  readonly Export?: { readonly Name: unknown };
  readonly Description?: string;
}

export interface StackTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, CfnOutput>;
}

/** The CDK's own record of its version, one per stack under the same logical id; nothing runs it. */
const CDK_METADATA = 'AWS::CDK::Metadata';

/**
 * The stacks' templates as one, by stack name: every resource and output of every stack, each
 * `Fn::ImportValue` replaced by the value its export gives. Fails on a logical id or an output
 * two stacks share (a reference by logical id would be ambiguous), on an export two outputs make,
 * and on an import that no stack exports or whose name is not a plain string.
 */
export const mergeStackTemplates = (templates: Readonly<Record<string, StackTemplate>>): StackTemplate => {
  const resources: Record<string, CfnResource> = {};
  const outputs: Record<string, CfnOutput> = {};
  const exports = new Map<string, { stack: string; value: unknown }>();
  const resourceStack = new Map<string, string>();
  const outputStack = new Map<string, string>();
  for (const [stack, template] of Object.entries(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type === CDK_METADATA) continue;
      const other = resourceStack.get(logicalId);
      if (other !== undefined) throw new Error(`Stacks ${other} and ${stack} both have a resource ${logicalId}; the local runtime needs logical ids unique across the app`);
      resourceStack.set(logicalId, stack);
      resources[logicalId] = resource;
    }
    for (const [outputId, output] of Object.entries(template.Outputs ?? {})) {
      const other = outputStack.get(outputId);
      if (other !== undefined) throw new Error(`Stacks ${other} and ${stack} both have an output ${outputId}`);
      outputStack.set(outputId, stack);
      outputs[outputId] = output;
      if (output.Export === undefined) continue;
      const name = output.Export.Name;
      if (typeof name !== 'string') throw new Error(`Stack ${stack} exports output ${outputId} under a name that is not a plain string: ${JSON.stringify(name)}`);
      const exporter = exports.get(name);
      if (exporter !== undefined) throw new Error(`Stacks ${exporter.stack} and ${stack} both export ${name}`);
      exports.set(name, { stack, value: output.Value });
    }
  }

  const imported = (where: string, value: unknown, seen: readonly string[] = []): unknown => {
    if (Array.isArray(value)) return value.map((item) => imported(where, item, seen));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Intrinsic);
    if (entries.length === 1 && entries[0]![0] === 'Fn::ImportValue') {
      const name = entries[0]![1];
      if (typeof name !== 'string') throw new Error(`${where} imports a value by a name that is not a plain string: ${JSON.stringify(name)}`);
      const exporter = exports.get(name);
      if (exporter === undefined) throw new Error(`${where} imports ${name}, which no stack of the app exports`);
      if (seen.includes(name)) throw new Error(`${where} imports ${name}, whose value imports itself`);
      return imported(where, exporter.value, [...seen, name]);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, imported(where, item, seen)]));
  };

  return {
    Resources: Object.fromEntries(
      Object.entries(resources).map(([logicalId, resource]) => [logicalId, imported(`${resourceStack.get(logicalId)}/${logicalId}`, resource) as CfnResource]),
    ),
    Outputs: Object.fromEntries(
      Object.entries(outputs).map(([outputId, output]) => [outputId, imported(`${outputStack.get(outputId)} output ${outputId}`, output) as CfnOutput]),
    ),
  };
};

export const resourcesOfType = (template: StackTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/**
 * Resolves the intrinsic functions the stack uses (Ref, Fn::GetAtt, Fn::Join) against what the
 * local emulators created. Anything else is an error: better to fail at start-up than to run a
 * handler with half its configuration. An `Fn::ImportValue` is one too: a merged template
 * (mergeStackTemplates) has none left.
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
      if ('Fn::ImportValue' in intrinsic) {
        throw new Error(`Local stack cannot resolve ${JSON.stringify(v)}: imports are resolved when the stacks' templates are merged (mergeStackTemplates)`);
      }
      throw new Error(`Local stack cannot resolve ${JSON.stringify(v)}`);
    };
    return resolve(value);
  };
