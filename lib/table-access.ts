/**
 * What each function may do in the report table, declared once, by the handler module it runs:
 * only the actions it uses, each bounded with `dynamodb:LeadingKeys` to the partitions it touches
 * (the item layouts are in functions/adapters/report-store.ts, follow-up-store.ts,
 * follow-up-access-store.ts, statistics-store.ts and idempotent-intake.ts). ReportingFunction
 * grants exactly this (`bindTable`); test/infrastructure/table-access.test.ts holds every
 * function's statements in the synthesised templates to it and fails on anything more; locally
 * each function's requests are checked against those statements (local/dynamodb-guard.ts), so a
 * grant too narrow for what a function does fails the tests too.
 *
 * LeadingKeys bounds partitions, not items: a function that may put into `REPORT#*` may put any
 * item of any report's partition. Nothing here grants Scan or BatchWriteItem, and no statement is
 * without its LeadingKeys condition (as IAM evaluates ForAllValues, a request with no leading keys,
 * a Scan, would otherwise pass).
 */
import { IDEMPOTENCY_PARTITION, QUEUE_INDEX, RETENTION_INDEX } from '../functions/configuration/stack-names.ts';

export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

/** The secondary index a grant is on; none for the table itself. */
export type TableIndex = typeof QUEUE_INDEX | typeof RETENTION_INDEX;

export interface TableGrant {
  /** What the grant is for, in the service's words. */
  readonly purpose: string;
  readonly actions: readonly TableAction[];
  /** `dynamodb:LeadingKeys` patterns (StringLike): the table's PK, or the index's GSI1PK. */
  readonly partitions: readonly string[];
  readonly index?: TableIndex;
}

const grant = (purpose: string, actions: readonly TableAction[], partitions: readonly string[], index?: TableIndex): TableGrant => ({
  purpose,
  actions,
  partitions,
  ...(index === undefined ? {} : { index }),
});

/** The grants functions are made of. */
const READ_REPORT = grant("read a report's items (the report, its questions, answers, code)", ['GetItem'], ['REPORT#*']);
const READ_TRAIL = grant("read a report's audit trail, questions and answers", ['Query'], ['REPORT#*']);
const WRITE_REPORT = grant("write a report's items (each change, its event, a reservation)", ['PutItem'], ['REPORT#*']);
const COUNT = grant('move the statistics counters', ['UpdateItem'], ['STATS#*']);
const READ_STATISTICS = grant('read the statistics counters', ['Query'], ['STATS#*']);
const GIVE_FORCE_REFERENCE = grant('claim a new force reference', ['PutItem'], ['FORCE-REFERENCE#*']);
const LOOK_UP_FORCE_REFERENCE = grant('find the report a force reference stands for', ['GetItem'], ['FORCE-REFERENCE#*']);
const OPEN_CODE_KEY = grant('read the wrapped follow-up code key', ['GetItem'], ['FOLLOW-UP-CODE-KEY']);
const MAKE_CODE_KEY = grant('write the wrapped follow-up code key, once, if none is there', ['PutItem'], ['FOLLOW-UP-CODE-KEY']);
const OPEN_PERSON_LINK_KEY = grant('read the wrapped person-link key', ['GetItem'], ['PERSON-LINK-KEY']);
const MAKE_PERSON_LINK_KEY = grant('write the wrapped person-link key, once, if none is there', ['PutItem'], ['PERSON-LINK-KEY']);
const FILE_PERSON_KEYS = grant("file the keyed hashes of the person a report is about, under the report and under each key", ['PutItem'], ['PERSON-KEYS#*', 'PERSON-KEY#*']);
const READ_PERSON_KEYS = grant("read a report's keyed hashes", ['GetItem'], ['PERSON-KEYS#*']);
const FIND_PERSON_LINKS = grant('find the reports filed under a key, and the links decided for a report', ['Query'], ['PERSON-KEY#*', 'PERSON-LINK#*']);
const READ_LINK_DECISIONS = grant('read the links decided for a report', ['Query'], ['PERSON-LINK#*']);
const DECIDE_PERSON_LINK = grant('record a link confirmed or rejected, for each of its two reports', ['PutItem'], ['PERSON-LINK#*']);
const COUNT_ATTEMPTS = grant('read and record follow-up code attempts', ['GetItem', 'PutItem'], ['FOLLOW-UP-ATTEMPTS#*']);
const IDEMPOTENCY = grant('keep its idempotency records (Powertools)', ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], [IDEMPOTENCY_PARTITION]);
const REVIEW_QUEUE = grant('list the contacts awaiting review, oldest first', ['Query'], ['REVIEW#awaiting'], QUEUE_INDEX);
const FOLLOW_UP_QUEUES = grant('list the questions to relay and the answers to review', ['Query'], ['FOLLOW-UP#*'], QUEUE_INDEX);
const DUE_TO_SEND = grant('find the reports and answers due to be sent, longest due first', ['Query'], ['DUE#report', 'DUE#answer'], QUEUE_INDEX);
const AT_RETENTION_STAGE = grant('find the reports whose retention day may have come', ['Query'], ['RETENTION#*'], RETENTION_INDEX);
const END_RETAINED = grant(
  "remove what the retention schedule ended: a report's contact details, codes, questions, answers and original",
  ['UpdateItem', 'DeleteItem'],
  ['REPORT#*'],
);
const WITH_A_DESTINATION = grant("list the reports with a force (a force's own, by its id)", ['Query'], ['DESTINATION#*'], QUEUE_INDEX);

/** Seeing the reports that may concern the same person as one, and the links decided for it. */
const SEE_PERSON_LINKS = [READ_PERSON_KEYS, FIND_PERSON_LINKS];

/** Reading a report, changing it (with its event), and nothing else. */
const REVIEW_STEP = [READ_REPORT, WRITE_REPORT];
/** What sending a report to a force needs: its reference given, its answers found, its dissemination counted. */
const DISSEMINATE = [READ_REPORT, READ_TRAIL, WRITE_REPORT, GIVE_FORCE_REFERENCE, COUNT];

/** Every function's access, by its handler module in functions/handlers/ (without `.ts`). */
export const TABLE_ACCESS: Readonly<Record<string, readonly TableGrant[]>> = {
  // The public's: take a report in; follow one up with its reference and code.
  'submit-report': [WRITE_REPORT, IDEMPOTENCY, OPEN_CODE_KEY, MAKE_CODE_KEY],
  'report-form': [WRITE_REPORT, IDEMPOTENCY, OPEN_CODE_KEY, MAKE_CODE_KEY],
  'open-report': [READ_REPORT, READ_TRAIL, COUNT_ATTEMPTS, OPEN_CODE_KEY],
  'answer-question': [READ_REPORT, READ_TRAIL, WRITE_REPORT, COUNT_ATTEMPTS, OPEN_CODE_KEY],
  'add-information': [READ_REPORT, READ_TRAIL, WRITE_REPORT, COUNT_ATTEMPTS, OPEN_CODE_KEY],
  'follow-up-pages': [READ_REPORT, READ_TRAIL, WRITE_REPORT, COUNT_ATTEMPTS, OPEN_CODE_KEY],
  'get-statistics': [READ_STATISTICS],
  // The router, and the sweeper that finishes what a step decided but did not send.
  'route-report': [...DISSEMINATE, OPEN_PERSON_LINK_KEY, MAKE_PERSON_LINK_KEY, FILE_PERSON_KEYS],
  'sweep-due': [...DISSEMINATE, DUE_TO_SEND],
  // The retention job: reads what may be due, removes what ended, records it (never a counter).
  'apply-retention': [AT_RETENTION_STAGE, READ_REPORT, READ_TRAIL, WRITE_REPORT, END_RETAINED],
  // The contact centre's.
  'record-phone-report': [WRITE_REPORT, OPEN_CODE_KEY, MAKE_CODE_KEY],
  // The queue index holds only what a force's list shows: the contact centre's lists read each item they list.
  'list-reviews': [REVIEW_QUEUE, READ_REPORT],
  'measure-review-backlog': [REVIEW_QUEUE],
  'view-review': [READ_REPORT, READ_TRAIL, WRITE_REPORT, ...SEE_PERSON_LINKS],
  'decide-person-link': [READ_REPORT, WRITE_REPORT, ...SEE_PERSON_LINKS, DECIDE_PERSON_LINK],
  'note-held-reports': [...REVIEW_STEP, READ_LINK_DECISIONS],
  'sanitise-report': REVIEW_STEP,
  'choose-force': REVIEW_STEP,
  'close-contact': REVIEW_STEP,
  'confirm-closure': [...REVIEW_STEP, COUNT],
  'return-to-analyst': REVIEW_STEP,
  'split-contact': REVIEW_STEP,
  'approve-dissemination': DISSEMINATE,
  'list-follow-ups': [FOLLOW_UP_QUEUES, READ_REPORT],
  'relay-question': REVIEW_STEP,
  'record-phone-answer': [READ_REPORT, READ_TRAIL, WRITE_REPORT, COUNT_ATTEMPTS, OPEN_CODE_KEY],
  'view-answer': REVIEW_STEP,
  'sanitise-answer': REVIEW_STEP,
  'approve-answer': [READ_REPORT, WRITE_REPORT, GIVE_FORCE_REFERENCE],
  // The staff console's screens (functions/handlers/console-*.ts): each only what its screen reads or does.
  'console-session': [],
  'console-queue': [REVIEW_QUEUE, READ_REPORT, FOLLOW_UP_QUEUES],
  'console-phone-report': [WRITE_REPORT, IDEMPOTENCY, OPEN_CODE_KEY, MAKE_CODE_KEY],
  // What the staff API's review view, review steps and link decisions together do (view-review, sanitise-report, choose-force, split-contact, close-contact, decide-person-link).
  'console-review': [READ_REPORT, READ_TRAIL, WRITE_REPORT, ...SEE_PERSON_LINKS, DECIDE_PERSON_LINK],
  // The supervisor's: list, open an original or answer (its reading recorded), approve and send, return, confirm a closure.
  'console-approval': [REVIEW_QUEUE, FOLLOW_UP_QUEUES, ...DISSEMINATE],
  // Keeping in contact: list the questions and answers, relay, open a caller's report with their code (each attempt counted), record their words, open an answer (its reading recorded) and sanitise it.
  'console-keeping-in-contact': [FOLLOW_UP_QUEUES, READ_REPORT, READ_TRAIL, WRITE_REPORT],
  // A caller's answer by phone: their code checked (its attempts counted), their words kept.
  'console-phone-answer': [READ_REPORT, READ_TRAIL, WRITE_REPORT, COUNT_ATTEMPTS, OPEN_CODE_KEY],
  // The forces': every report reached by the force's own reference for it.
  'list-force-reports': [WITH_A_DESTINATION],
  'read-force-report': [LOOK_UP_FORCE_REFERENCE, READ_REPORT, READ_TRAIL, WRITE_REPORT],
  'record-outcome': [LOOK_UP_FORCE_REFERENCE, READ_REPORT, WRITE_REPORT, COUNT],
  'transfer-report': [LOOK_UP_FORCE_REFERENCE, ...DISSEMINATE],
  'ask-question': [LOOK_UP_FORCE_REFERENCE, READ_REPORT, WRITE_REPORT],
};

/** The module name TABLE_ACCESS knows a handler by: `functions/handlers/submit-report.ts` → `submit-report`. */
export const handlerName = (handlerModule: string): string => handlerModule.replace(/^functions\/handlers\//, '').replace(/\.ts$/, '');

/** A function's declared access; a function with none declared is a mistake, not a function with none. */
export const tableAccessOf = (handlerModule: string): readonly TableGrant[] => {
  const declared = TABLE_ACCESS[handlerName(handlerModule)];
  if (declared === undefined) throw new Error(`${handlerModule} has no declared table access in lib/table-access.ts`);
  return declared;
};
