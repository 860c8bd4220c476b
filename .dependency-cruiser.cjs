/**
 * What may import what: the README's table ("## Layout") as rules that dependency-cruiser checks.
 * test/unit/layering.test.ts runs them in `npm test`; by hand:
 *
 *   npx depcruise --config .dependency-cruiser.cjs functions lib local
 *
 * Every import counts, `import type` too (tsPreCompilationDeps). A folder may always import from
 * itself; bin/, scripts/ and test/ may import anything. When a rule and the table disagree, change
 * both, in the same commit.
 */

/** Code of the project's own folders, by where it lives. */
const DOMAIN = '^functions/domain/';
const PAGES = '^functions/pages/';
const ADAPTERS = '^functions/adapters/';
const HANDLERS = '^functions/handlers/';

/**
 * The domain's entity modules: the records and value types that ports and use cases share
 * (functions/domain/entities/), and the value modules beneath the ports that hold nothing but
 * values, their schemas and parsers (and zod.ts, the zod every schema is built with). They
 * import only each other; ports.ts imports only them; the rules and use cases import all of
 * these. So entity modules ← ports ← rules and use cases.
 */
const ENTITY_MODULES =
  '^functions/domain/(entities/|(audit|disseminable-content|forces|intake|reference|report|review-state|typed-text|zod)[.]ts$)';

/**
 * The functions' configuration: every setting's variable name and check, and the other names the
 * stack and the adapters share. lib/ sets what the functions read from here, so it imports it.
 */
const CONFIGURATION = '^functions/configuration/';

/**
 * Anything of AWS's, or that only runs in or deploys to it: the SDK, Lambda's types and Powertools,
 * middy, the CDK. Resolved npm modules live under node_modules/; a types-only package (aws-lambda)
 * stays unresolved, under its own name.
 */
const AWS =
  '(^|node_modules/)(@aws-sdk/|@smithy/|@aws-lambda-powertools/|(@types/)?aws-lambda(/|$)|@middy/|aws-cdk-lib(/|$)|aws-cdk(/|$)|constructs(/|$)|cdk-nag(/|$))';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module in functions/ may reach itself through its imports, type-only ones included.',
      from: { path: '^functions/' },
      to: { circular: true },
    },
    {
      name: 'domain-nothing-from-aws',
      severity: 'error',
      comment: 'functions/domain/ imports nothing from AWS: no SDK, no Lambda types or Powertools, no middy, no CDK.',
      from: { path: DOMAIN },
      to: { path: AWS },
    },
    {
      name: 'domain-imports-domain',
      severity: 'error',
      comment: 'functions/domain/ imports only itself (and npm packages that are not AWS).',
      from: { path: DOMAIN },
      to: { path: '^(functions/(adapters|handlers|pages|configuration)|lib|local|bin|scripts|test)/' },
    },
    {
      name: 'entities-import-entities',
      severity: 'error',
      comment: 'An entity module imports only entity modules: never a port, a rule or a use case.',
      from: { path: ENTITY_MODULES },
      to: { path: DOMAIN, pathNot: ENTITY_MODULES },
    },
    {
      name: 'ports-import-entities',
      severity: 'error',
      comment: 'functions/domain/ports.ts names its records and values from entity modules only, never from the rules and use cases that use the ports.',
      from: { path: '^functions/domain/ports[.]ts$' },
      to: { path: DOMAIN, pathNot: ENTITY_MODULES },
    },
    {
      name: 'pages-import-domain',
      severity: 'error',
      comment: 'functions/pages/ are pure functions over the domain: they import the domain only, and nothing from AWS.',
      from: { path: PAGES },
      to: { path: `^(functions/(adapters|handlers|configuration)|lib|local|bin|scripts|test)/|${AWS}` },
    },
    {
      name: 'adapters-import-domain-and-pages',
      severity: 'error',
      comment: 'functions/adapters/ may import the domain and pages, not handlers, the stack or the local runtime.',
      from: { path: ADAPTERS },
      to: { path: '^(functions/handlers|lib|local|bin|scripts|test)/' },
    },
    {
      name: 'configuration-imports-only-itself',
      severity: 'error',
      comment: 'functions/configuration/ imports only itself, zod and Node, so that lib/ loads no adapter or domain rule through it.',
      from: { path: CONFIGURATION },
      to: { pathNot: `${CONFIGURATION}|(^|node_modules/)zod(/|$)`, dependencyTypesNot: ['core'] },
    },
    {
      name: 'handlers-import-domain-adapters-and-pages',
      severity: 'error',
      comment: 'functions/handlers/ may import the domain, adapters and pages, not the stack or the local runtime.',
      from: { path: HANDLERS },
      to: { path: '^(lib|local|bin|scripts|test)/' },
    },
    {
      name: 'lib-imports-domain-pages-and-configuration',
      severity: 'error',
      comment: 'lib/ may import the domain, pages and functions/configuration/: no handler, no adapter.',
      from: { path: '^lib/' },
      to: { path: `^(functions/(handlers|adapters)|local|bin|scripts|test)/` },
    },
    {
      name: 'local-imports-functions-and-lib',
      severity: 'error',
      comment: 'local/ hosts the functions: it may import functions/ and lib/, not bin/, scripts/ or test/.',
      from: { path: '^local/' },
      to: { path: '^(bin|scripts|test)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    skipAnalysisNotInRules: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
