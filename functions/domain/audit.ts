/** The audit trail: an append-only record of everything that happened to a report, and who did it. */
export interface AuditEvent {
  readonly type: string;
  readonly at: string;
  /** The member of staff, or the force, who acted; absent for the service's own steps. */
  readonly by?: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export const auditEvent = (type: string, at: Date | string, detail: Record<string, unknown> = {}, by?: string): AuditEvent => ({
  type,
  at: typeof at === 'string' ? at : at.toISOString(),
  ...(by === undefined ? {} : { by }),
  detail,
});
