/**
 * The last middleware in every public chain (so the first to see an error): turns any error into
 * an RFC 9457 problem+json response. Client mistakes keep their 4xx status; anything else is our
 * fault, is logged (the error only, never the event) and answered with a 500 that says nothing
 * about the inside of the service.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../logger.ts';
import { answerLanguageOf, type AnswerLanguage } from './accept-language.ts';
import { problem } from './problem-catalogue.ts';
import { problemInWelsh } from './problem-welsh.ts';
import { Problem, problemResponse, statusProblem } from './problem.ts';

interface MiddyHttpError {
  statusCode: number;
  message: string;
  expose?: boolean;
}

const isMiddyHttpError = (error: unknown): error is MiddyHttpError =>
  error instanceof Error && typeof (error as Partial<MiddyHttpError>).statusCode === 'number';

const asProblem = (error: unknown): Problem => {
  if (error instanceof Problem) return error;
  if (error instanceof Error && error.name === 'IdempotencyValidationError') {
    return problem('idempotency-key-reused', { detail: 'Send a new report with a new Idempotency-Key.' });
  }
  if (error instanceof Error && error.name === 'IdempotencyAlreadyInProgressError') {
    return problem('in-progress', { detail: 'Wait a moment and send it again with the same Idempotency-Key.', headers: { 'Retry-After': '2' } });
  }
  if (isMiddyHttpError(error) && error.statusCode >= 400 && error.statusCode < 500) {
    // @middy/http-json-body-parser answers malformed JSON with 422; RFC 9110 keeps 422 for content
    // that parsed but means something wrong, and 400 for content that does not parse at all.
    if (error.statusCode === 422) return statusProblem(400, 'Bad Request', 'The request body is not valid JSON.');
    if (error.statusCode === 415) {
      return statusProblem(415, 'Unsupported Media Type', 'Send the report as JSON, with Content-Type: application/json.');
    }
    return statusProblem(error.statusCode, error.message);
  }
  logger.error('Unhandled error answering a request', { error: error instanceof Error ? error : String(error) });
  return statusProblem(500, 'Internal Server Error', 'Something went wrong on our side. Please try again later.');
};

/** The problem's response in the language asked for: Welsh when the request prefers it. */
export const localisedProblemResponse = (found: Problem, language: AnswerLanguage): APIGatewayProxyStructuredResultV2 =>
  problemResponse(found, language, language === 'cy' ? problemInWelsh(found.body) : found.body);

export const problemDetails = (): MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    // anonymise() has kept, of Accept-Language, only whether the answer is to be in Welsh.
    const { headers } = (request.event ?? {}) as { headers?: Record<string, string | undefined> };
    request.response = localisedProblemResponse(asProblem(request.error), answerLanguageOf(headers));
  },
});
