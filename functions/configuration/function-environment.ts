/**
 * The environment the running function was given. On Lambda that is the process's own. The local
 * runtime runs every function in one Node process, so it runs each invocation inside that one
 * function's environment (exactly what the stack gives it, local/lambda-runtime.ts): a function
 * that needs a variable the stack does not give it fails locally as it would in AWS.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readSettings, type Environment, type SettingName, type Settings } from './settings.ts';

const scoped = new AsyncLocalStorage<Environment>();

export const functionEnvironment = (): Environment => scoped.getStore() ?? process.env;

/** Runs one invocation in a function's own environment: for the local runtime and tests. */
export const inFunctionEnvironment = <T>(environment: Environment, run: () => T): T => scoped.run(environment, run);

/**
 * Settings a function reads beyond its ports (its token issuers, say): read from its environment
 * at first call and kept, as ports are (functions/adapters/composition-root.ts).
 */
export const settingsFor = <K extends SettingName>(...names: K[]): (() => Settings<K>) => {
  const read = new WeakMap<Environment, Settings<K>>();
  return () => {
    const environment = functionEnvironment();
    let settings = read.get(environment);
    if (settings === undefined) {
      settings = readSettings(environment, names);
      read.set(environment, settings);
    }
    return settings;
  };
};
