/**
 * What the domain needs from the outside world, named in the service's words. The DynamoDB and
 * SQS adapters in functions/adapters/ implement these; tests may implement them in memory.
 */
import type { ForceNotification } from './force-notification.ts';
import type { IntakeMessage } from './intake.ts';
import type { Reference } from './reference.ts';
import type { RoutedReport } from './routed-report.ts';
import type { Destination } from './routing.ts';

export interface ReportStore {
  /** Claims a reference for a new report; false if it is already taken. */
  reserveReference(reference: Reference, at: Date): Promise<boolean>;
  /**
   * Records a routed report with its audit trail, once. When the reference is already recorded
   * (a repeated delivery), nothing is written and the report as first recorded is returned.
   */
  recordRouted(report: RoutedReport): Promise<RoutedReport>;
  /** Records that the destination's queue holds the report; a repeat changes nothing. */
  recordNotified(report: RoutedReport, at: Date): Promise<void>;
  find(reference: Reference): Promise<RoutedReport | undefined>;
}

export interface IntakeQueue {
  enqueue(message: IntakeMessage): Promise<void>;
}

export interface ForceQueues {
  /** Puts the notification on the destination's queue; repeats with the same id are dropped. */
  notify(destination: Destination, notification: ForceNotification, deduplicationId: string): Promise<void>;
}

/**
 * A report's original words, sealed so that only the contact centre can read them: the original
 * may identify the reporter, and is never sent to a force.
 */
export interface SealedOriginal {
  readonly algorithm: 'AES-256-GCM';
  /** The key that wraps the data key (a KMS key ARN in AWS). */
  readonly keyId: string;
  /** Base64 of the data key as wrapped by the key. */
  readonly encryptedDataKey: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}

export interface OriginalsVault {
  /** Seals the text under the contact-centre key, bound to the report's reference. */
  seal(reference: Reference, plaintext: string): Promise<SealedOriginal>;
  /** Opens a sealed original; fails if it was sealed for another reference or tampered with. */
  open(reference: Reference, sealed: SealedOriginal): Promise<string>;
}
