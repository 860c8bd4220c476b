/**
 * The environment the running function was given. On Lambda that is the process's own. The local
 * runtime runs every function in one Node process, so it runs each invocation inside that one
 * function's environment (exactly what the stack gives it, local/lambda-runtime.ts): a function
 * that needs a variable the stack does not give it fails locally as it would in AWS.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Environment } from './settings.ts';

const scoped = new AsyncLocalStorage<Environment>();

export const functionEnvironment = (): Environment => scoped.getStore() ?? process.env;

/** Runs one invocation in a function's own environment: for the local runtime and tests. */
export const inFunctionEnvironment = <T>(environment: Environment, run: () => T): T => scoped.run(environment, run);

/**
 * What a function makes from its environment (its ports, its settings), made at its first call and
 * kept for the life of the execution environment. Locally each function has an environment of its
 * own, so each gets its own, as on Lambda.
 */
export const perFunction = <T>(make: (environment: Environment) => T): (() => T) => {
  const made = new WeakMap<Environment, T>();
  return () => {
    const environment = functionEnvironment();
    if (!made.has(environment)) made.set(environment, make(environment));
    return made.get(environment) as T;
  };
};
