/** Reports as people send them, for tests. */
import type { ReportSubmissionInput } from '../../functions/domain/report.ts';

export const NARRATIVE = 'The officer at the front desk asked me for £200 to make my brother’s case go away.';

/** The example from the public contract, complete. */
export const fullReport = (): ReportSubmissionInput => ({
  categories: ['bribery'],
  subject: { role: 'officer', name: 'PC Smith', collarNumber: 'AB123', rank: 'Constable', station: 'Brixton', force: 'kent' },
  force: 'the Met',
  location: { description: 'Outside the station', postcode: 'SW1A 1AA' },
  when: { from: '2024-01-31', to: '2024-02-02', ongoing: false },
  narrative: NARRATIVE,
  reporter: { mode: 'anonymous' },
});

export const minimalReport = (overrides: Partial<ReportSubmissionInput> = {}): ReportSubmissionInput => ({
  categories: ['abuse_of_position'],
  narrative: NARRATIVE,
  ...overrides,
});
