/**
 * What the intake queue carries: each intake message sealed for the router by envelope encryption
 * under the intake key (the same sealing as the originals', functions/adapters/originals-vault.ts,
 * with its own purpose in the encryption context). The queue, its DLQ and anyone who may receive
 * from them or redrive them see the reference and ciphertext, never the report or a confidential
 * reporter's contact details. The functions that take reports in may only seal; only the router
 * may open (lib/key-access.ts).
 *
 *     { "schemaVersion": 2, "reference": "PAC-…", "sealed": { algorithm, keyId, encryptedDataKey, iv, ciphertext, authTag } }
 *
 * An unsealed message (schemaVersion 1, the intake message itself) is still opened, so that
 * whatever waits on the queue or its DLQ when this is deployed is routed, not lost.
 */
import * as z from '#domain/zod.ts';
import { parseOrThrow } from '#domain/zod.ts';
import { intakeMessageFrom, parseIntakeMessage, type IntakeMessage } from '#domain/intake.ts';
import type { OriginalsVault } from '#domain/ports.ts';
import { REFERENCE_PATTERN, type Reference } from '#domain/reference.ts';
import { sqsBody } from './sqs-body.ts';

const sealedSchema = z.strictObject({
  algorithm: z.literal('AES-256-GCM'),
  keyId: z.string().check(z.minLength(1)),
  encryptedDataKey: z.base64(),
  iv: z.base64(),
  ciphertext: z.base64(),
  authTag: z.base64(),
});

const sealedIntakeSchema = z.strictObject({
  schemaVersion: z.literal(2),
  reference: z.string().check(z.regex(REFERENCE_PATTERN)),
  sealed: sealedSchema,
});

/** The body the intake queue carries for a message: sealed, under its reference. */
export const sealIntakeMessage = async (sealer: Pick<OriginalsVault, 'seal'>, message: IntakeMessage): Promise<string> =>
  sqsBody({ schemaVersion: 2, reference: message.reference, sealed: await sealer.seal(message.reference, JSON.stringify(message)) });

/**
 * The intake message a body carries, and whether it came sealed; throws (and so ends on the DLQ)
 * if it is not one, or was not sealed for its reference.
 */
export const openIntakeMessage = async (opener: Pick<OriginalsVault, 'open'>, body: string): Promise<{ message: IntakeMessage; sealed: boolean }> => {
  const parsed: unknown = JSON.parse(body);
  if ((parsed as { schemaVersion?: unknown } | null)?.schemaVersion === 1) return { message: intakeMessageFrom(parsed), sealed: false };
  const { reference, sealed } = parseOrThrow(sealedIntakeSchema, parsed);
  const message = parseIntakeMessage(await opener.open(reference as Reference, sealed));
  if (message.reference !== reference) throw new Error('The sealed intake message names another reference');
  return { message, sealed: true };
};
