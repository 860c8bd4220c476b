/**
 * How every function's code is bundled: esbuild, as ESM for Node.js 24, minified, with the AWS
 * SDK inside (so every function runs the SDK version the lockfile pins) and a source map (its
 * mappings only, not the sources' text).
 *
 * All the handler modules are bundled in one esbuild run, the first time synthesis asks for any of
 * them, and each function's asset is then a copy of its own bundle. Without code splitting each
 * output stands alone: the same bundle a build of its own would give. A build per function (as
 * NodejsFunction does) parses the AWS SDK again for every function: `cdk synth` spent about 40 of
 * its 45 CPU-seconds bundling that way, one esbuild process per function.
 *
 * `npm run bench` bundles with the same options (`bundleOptions`), so it measures what Lambda runs.
 */
import { type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { type BuildOptions, buildSync } from 'esbuild';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-layout.ts';

/** Where the handler modules are: every function runs one of them. */
const HANDLERS_FOLDER = 'functions/handlers';

/** The file a function's bundle is written to, and the handler Lambda is told to run from it. */
const BUNDLE_FILE = 'index.mjs';
export const BUNDLE_HANDLER = 'index.handler';

/** esbuild's options for bundling these entries (name → file) into the folder, one output each. */
export const bundleOptions = (entryPoints: Record<string, string>, outdir: string) =>
  ({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    // A source map, for the stack traces Lambda's Node prints (the functions run with
    // NODE_OPTIONS=--enable-source-maps), but without the sources' text in it: Node reads and parses
    // the whole map at import, and the text (every bundled file, the AWS SDK's included) tripled
    // it, 2.9 MB against 0.9 MB for submit-report, about 10 ms more CPU per cold start (measured,
    // issue 13). Mapping a stack trace needs only the mappings.
    sourcemap: true,
    sourcesContent: false,
    // Some CommonJS dependencies call require(); ESM bundles need it defined.
    banner: { js: "import { createRequire as __pacCreateRequire } from 'node:module'; const require = __pacCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  }) satisfies BuildOptions;

/** Every handler module, relative to the project root. */
const handlerModules = (): string[] =>
  readdirSync(path.join(PROJECT_ROOT, HANDLERS_FOLDER))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `${HANDLERS_FOLDER}/${file}`);

/** The name of a handler module's bundle among the others: its file name without `.ts`. */
const bundleName = (handlerModule: string): string => path.basename(handlerModule, '.ts');

/** The folders the bundles were built in, by the assembly folder they were built for. */
const built = new Map<string, Map<string, string>>();

/**
 * Every handler module's bundle, built once per assembly folder (cdk.out), each in a folder of its
 * own directly under it as a function's asset is, so the source maps' paths are what they will be
 * in the asset. The folders go when the process exits; the assets keep their copies.
 */
const bundlesFor = (assemblyFolder: string): Map<string, string> => {
  const existing = built.get(assemblyFolder);
  if (existing !== undefined) return existing;
  const modules = handlerModules();
  const prefix = `pac-bundle-${process.pid}`;
  const folderOf = (module: string) => `${prefix}.${bundleName(module)}`;
  buildSync({
    ...bundleOptions(Object.fromEntries(modules.map((module) => [`${folderOf(module)}/index`, path.join(PROJECT_ROOT, module)])), assemblyFolder),
  });
  const folders = new Map(modules.map((module) => [module, path.join(assemblyFolder, folderOf(module))]));
  built.set(assemblyFolder, folders);
  process.once('exit', () => {
    for (const folder of folders.values()) rmSync(folder, { recursive: true, force: true });
  });
  return folders;
};

/** A function's bundling: its handler module's bundle from the one shared esbuild run. */
class HandlerBundle implements ILocalBundling {
  private readonly handlerModule: string;

  constructor(handlerModule: string) {
    this.handlerModule = handlerModule;
  }

  tryBundle(outputDir: string): boolean {
    const folder = bundlesFor(path.dirname(outputDir)).get(this.handlerModule);
    if (folder === undefined) throw new Error(`${this.handlerModule} is not a module in ${HANDLERS_FOLDER}, which are the only ones bundled`);
    for (const file of [BUNDLE_FILE, `${BUNDLE_FILE}.map`]) copyFileSync(path.join(folder, file), path.join(outputDir, file));
    return true;
  }
}

/**
 * The asset bundling for a function running this handler module. Bundling is always local, with
 * the esbuild the lockfile pins; the image is named only because CDK asks for one, and never runs.
 */
export const handlerBundling = (handlerModule: string): BundlingOptions => ({
  image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
  local: new HandlerBundle(handlerModule),
});
