/** The audit trail: an append-only record of everything that happened to a report, and who did it. */
export interface AuditEvent {
  /**
   * This event's own identity, decided with the event: two events of the same type in the same
   * millisecond (two staff opening an original at once) are two entries in the trail, and the
   * same decided event written again (a retry) is still one. Never shown to a force.
   */
  readonly id: string;
  readonly type: string;
  readonly at: string;
  /** The member of staff, or the force, who acted; absent for the service's own steps. */
  readonly by?: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** A fresh event identity: random, so that nothing about the event or its actor can be read from it. */
export const newAuditEventId = (): string => crypto.randomUUID();

export const auditEvent = (
  type: string,
  at: Date | string,
  detail: Record<string, unknown> = {},
  by?: string,
  id: string = newAuditEventId(),
): AuditEvent => ({
  id,
  type,
  at: typeof at === 'string' ? at : at.toISOString(),
  ...(by === undefined ? {} : { by }),
  detail,
});
