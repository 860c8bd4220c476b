/**
 * How every operator command reaches AWS or the local stack. With an endpoint (the local stack),
 * the region defaults to the local stack's and, when no AWS credentials are set, the emulators are
 * lent some (they take any), so nobody needs an AWS account. Without one, the SDK's usual region
 * and credential chain apply, as for the AWS CLI. The endpoint is passed explicitly so that the
 * SQS client sends every call there even when a queue URL names another host.
 */
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/emulators.ts';

export const awsClientConfig = ({ endpoint, region }: { endpoint?: string | undefined; region?: string | undefined }) => {
  const ownCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_PROFILE !== undefined;
  const chosenRegion = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? (endpoint === undefined ? undefined : LOCAL_REGION);
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(chosenRegion === undefined ? {} : { region: chosenRegion }),
    ...(endpoint !== undefined && !ownCredentials ? { credentials: LOCAL_CREDENTIALS } : {}),
  };
};
