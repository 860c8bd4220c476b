/** Configuration from the function's environment, set by the CDK stack (or the local stack). */
export const requiredEnvironment = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Environment variable ${name} is not set`);
  return value;
};
