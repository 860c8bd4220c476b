/** Refuses request bodies over a size with 413, before anything tries to parse them. */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { statusProblem } from './problem.ts';

export const bodyByteLength = (event: APIGatewayProxyEventV2): number =>
  event.body === undefined ? 0 : Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');

export const bodyLimit = <Event = APIGatewayProxyEventV2>(maxBytes: number): MiddlewareObj<Event> => ({
  before: ({ event }) => {
    if (bodyByteLength(event as unknown as APIGatewayProxyEventV2) > maxBytes) {
      throw statusProblem(413, 'Content Too Large', `The request body must be at most ${maxBytes} bytes.`);
    }
  },
});
