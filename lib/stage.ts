/** Deployment stages, from `-c stage=…`. `local` is the stack the local runtime builds from. */
export const STAGES = ['dev', 'prod', 'local'] as const;
export type Stage = (typeof STAGES)[number];

export const parseStage = (value: unknown): Stage => {
  const stage = value ?? 'dev';
  if (!(STAGES as readonly unknown[]).includes(stage)) {
    throw new Error(`Unknown stage "${String(stage)}": use -c stage=${STAGES.join('|')}`);
  }
  return stage as Stage;
};

/** Every named resource starts with this, so two stages can share an account. */
export const resourcePrefix = (stage: Stage): string => `pac-${stage}`;

export const isProduction = (stage: Stage): boolean => stage === 'prod';
