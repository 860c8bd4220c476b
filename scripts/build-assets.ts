/**
 * `npm run assets` (and npm's postinstall, `npm start` and `cdk synth`, so nothing is built by
 * hand): builds the website's stylesheet and script into web/static/assets from GOV.UK Frontend,
 * the npm package pinned in package.json, and the service's own few pieces in web/src.
 *
 * - site.css: web/src/site.scss compiled with the `sass` package. It @uses the package's Sass with
 *   this service's settings (the system's fonts, no GDS Transport font face, no crown) and only the
 *   components the pages use.
 * - site.js: web/src/site.js bundled by esbuild with the package's components (tree-shaken to the
 *   ones started there), one classic deferred script.
 * - govuk-frontend-supported.js: the package's start-of-body snippet, as a file (no inline script
 *   under the Content-Security-Policy).
 *
 * The output is not committed (web/static/assets is ignored by git); test/unit/website-assets.test.ts
 * checks that what is there is what a fresh build gives and names the pinned version.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import * as sass from 'sass';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'web/src');
export const ASSETS_FOLDER = path.join(ROOT, 'web/static/assets');
const PACKAGE_FOLDER = path.join(ROOT, 'node_modules/govuk-frontend');

/** The version of GOV.UK Frontend installed in node_modules. */
export const installedGovukFrontendVersion = async (): Promise<string> =>
  (JSON.parse(await readFile(path.join(PACKAGE_FOLDER, 'package.json'), 'utf8')) as { version: string }).version;

/** Each built asset's file name (in web/static/assets) and its content. */
export const buildAssets = async (): Promise<Map<string, string>> => {
  const version = await installedGovukFrontendVersion();
  const banner = `/*! GOV.UK Frontend ${version} (MIT licence, Crown copyright), built with the service's own settings and pieces */`;

  const css = sass.compile(path.join(SOURCE, 'site.scss'), {
    loadPaths: [path.join(PACKAGE_FOLDER, 'dist')],
    style: 'compressed',
    // The package's own deprecation warnings are its to fix, not this service's.
    quietDeps: true,
  }).css;

  const script = await build({
    entryPoints: [path.join(SOURCE, 'site.js')],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    banner: { js: banner },
    logLevel: 'silent',
  });
  const js = script.outputFiles[0]?.text;
  if (js === undefined) throw new Error('esbuild wrote no script');

  return new Map([
    ['site.css', `${banner}\n${css}\n`],
    ['site.js', js],
    ['govuk-frontend-supported.js', (await transform(await readFile(path.join(SOURCE, 'govuk-frontend-supported.js'), 'utf8'), { minify: true, target: 'es2020' })).code],
  ]);
};

/**
 * The staff console's stylesheet as a module its functions serve it from (functions/pages/console/):
 * the console has no bucket of its own, and its pages must not be served from the public site's.
 */
export const CONSOLE_STYLESHEET_MODULE = path.join(ROOT, 'functions/pages/console/stylesheet.generated.ts');
export const buildConsoleStylesheet = async (): Promise<string> => {
  const css = sass.compile(path.join(SOURCE, 'console.scss'), { loadPaths: [path.join(PACKAGE_FOLDER, 'dist')], style: 'compressed', quietDeps: true }).css;
  return `/*! GOV.UK Frontend ${await installedGovukFrontendVersion()} (MIT licence, Crown copyright), with the staff console's own pieces */\n${css.replace(/^\uFEFF/, '')}\n`;
};
export const consoleStylesheetModule = (css: string): string =>
  `/** The staff console's stylesheet (web/src/console.scss), written by scripts/build-assets.ts: do not edit. */\nexport const CONSOLE_STYLESHEET = ${JSON.stringify(css)};\n`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const assets = await buildAssets();
  await mkdir(ASSETS_FOLDER, { recursive: true });
  for (const [name, content] of assets) await writeFile(path.join(ASSETS_FOLDER, name), content);
  const consoleModule = consoleStylesheetModule(await buildConsoleStylesheet());
  if ((await readFile(CONSOLE_STYLESHEET_MODULE, 'utf8').catch(() => '')) !== consoleModule) await writeFile(CONSOLE_STYLESHEET_MODULE, consoleModule);
  console.error(`built web/static/assets (${[...assets.keys()].join(', ')}) from govuk-frontend ${await installedGovukFrontendVersion()}`);
}
