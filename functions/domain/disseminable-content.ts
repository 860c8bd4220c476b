/**
 * What a force may see of a report: the report without anything about the reporter. With review
 * on, the contact centre writes it (sanitised so that it cannot identify the reporter); with review
 * off, it is the report as given, less the reporter's details.
 */
import * as z from './zod.ts';
import { named } from './zod.ts';
import { reportSubmissionSchema, type ReportSubmission } from './report.ts';

export const disseminableContentSchema = named(
  z.pick(reportSubmissionSchema, { categories: true, subject: true, force: true, location: true, when: true, narrative: true }),
  { id: 'SanitisedReport', title: 'A report as a force will see it, sanitised by the contact centre' },
);

export type DisseminableContent = z.output<typeof disseminableContentSchema>;

export const contentFromSubmission = ({ reporter: _reporter, ...content }: ReportSubmission): DisseminableContent => content;
