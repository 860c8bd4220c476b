/**
 * The one logger every function uses: structured JSON for CloudWatch. Nothing may pass it an
 * event, a request or a report's content; anonymity depends on it.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'police-reporting' });
