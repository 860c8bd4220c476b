/**
 * The public API's problem details in Welsh, for a request whose Accept-Language prefers Welsh
 * (accept-language.ts): every title in the problem catalogue, the titles of the problems whose
 * status says it all, and every detail a public route can give, the field errors of the request
 * schemas included. The schemas (functions/domain) keep their English messages, which are the
 * API's contract; they are translated here, by the English message, so that a schema never has to
 * know about languages. test/unit/welsh.test.ts sends the public schemas a corpus of bad requests
 * and fails on any message that has no Welsh here.
 *
 * AWAITING REVIEW by a professional translator, as the pages' Welsh (functions/pages/messages/cy.ts).
 * Field names (`narrative`, `contact.email`) and values (`"anonymous"`) are the API's own words
 * and stay as they are.
 */
import { PROBLEM_CATALOGUE, type ProblemName } from './problem-catalogue.ts';
import type { FieldProblem, ProblemBody } from './problem.ts';

/** Every catalogued problem's title, in Welsh: the type makes a missing one a compile error. */
export const WELSH_TITLES: Readonly<Record<ProblemName, string>> = {
  'invalid-report': 'Mae angen sylw ar rai o atebion yr adroddiad',
  'invalid-follow-up': 'Mae angen sylw ar y cais dilynol',
  'invalid-answer': 'Mae angen sylw ar yr ateb',
  'invalid-information': 'Mae angen sylw ar yr wybodaeth',
  'invalid-sanitised-report': 'Mae angen sylw ar rai o atebion yr adroddiad wedi’i lanweithio',
  'invalid-force-choice': 'Mae angen sylw ar y dewis o heddlu',
  'invalid-closure': 'Mae angen sylw ar y cau',
  'invalid-return': 'Mae angen rheswm dros ei ddychwelyd',
  'invalid-split': 'Mae angen sylw ar y rhannu',
  'invalid-sanitised-answer': 'Mae angen sylw ar yr ateb wedi’i lanweithio',
  // Staff routes only (never answered in Welsh today), kept complete as the type asks.
  'invalid-person-link-decision': 'Mae angen sylw ar y penderfyniad am y cysylltiad',
  'same-report': 'Ni ellir cysylltu adroddiad ag ef ei hun',
  'not-suggested': 'Nid yw’r cysylltiad hwn wedi’i awgrymu',
  'foreign-reference': 'Mae hyn yn enwi adroddiad na chaiff yr heddlu wybod amdano',
  'no-held-reports': 'Nid oes gan yr heddlu adroddiad cysylltiedig',
  'invalid-question': 'Mae angen sylw ar y cwestiwn',
  'invalid-outcome': 'Mae angen sylw ar y canlyniad',
  'invalid-transfer': 'Mae angen sylw ar y trosglwyddiad',
  'invalid-query': 'Statws anhysbys',
  'invalid-statistics-query': 'Mae angen sylw ar yr ymholiad ystadegau',
  'unknown-force': 'Dim heddlu o’r fath',
  'same-force-twice': 'Mae heddlu wedi’i enwi ddwywaith',
  'same-force': 'Eich heddlu chi yw hwnnw',
  'not-through-website': 'Anfonwch hwn drwy gyfeiriad gwefan y gwasanaeth',
  'four-eyes': 'Rhaid i oruchwyliwr arall gymeradwyo hyn',
  'four-eyes-confirmation': 'Rhaid i oruchwyliwr arall gadarnhau hyn',
  'not-recognised': 'Nid oes adroddiad sy’n cyfateb i’r cyfeirnod a’r cod dilynol hynny',
  'no-such-question': 'Nid oes cwestiwn o’r fath ar gyfer yr adroddiad hwn',
  'too-many-attempts': 'Gormod o ymdrechion i agor yr adroddiad hwn',
  'not-awaiting-review': 'Nid yw’r cyswllt hwn yn aros am adolygiad',
  'not-sanitised': 'Nid oes neb wedi glanweithio’r adroddiad hwn eto',
  'answer-not-sanitised': 'Nid oes neb wedi glanweithio’r ateb hwn eto',
  'no-force-chosen': 'Nid oes heddlu wedi’i ddewis',
  'no-closure-proposed': 'Nid oes neb wedi cynnig cau’r cyswllt hwn',
  'protected-unit': 'Ni chaiff hwn fynd at yr heddlu hwnnw',
  'wrong-state': 'Nid yw’n bosibl ar y cam hwn',
  lifecycle: 'Nid yw’n bosibl ar y cam hwn',
  'passed-on': 'Mae eich heddlu wedi trosglwyddo’r adroddiad hwn',
  changed: 'Mae rhywun arall wedi newid hyn yn y cyfamser',
  'already-answered': 'Mae’r cwestiwn hwn eisoes wedi cael ei ateb',
  'not-yet-recorded': 'Mae eich adroddiad yn dal i gael ei gofnodi',
  'in-progress': 'Mae’r adroddiad hwn yn dal i gael ei dderbyn',
  'idempotency-key-reused': 'Defnyddiwyd yr Idempotency-Key hwn ar gyfer adroddiad gwahanol',
};

/** The titles of the problems whose status says it all (statusProblem), by their English title. */
const WELSH_STATUS_TITLES: Readonly<Record<string, string>> = {
  'Bad Request': 'Cais gwallus',
  Unauthorized: 'Heb awdurdod',
  Forbidden: 'Gwaharddedig',
  'Not Found': 'Heb ei ganfod',
  'Method Not Allowed': 'Dull heb ei ganiatáu',
  'Content Too Large': 'Mae’r cynnwys yn rhy fawr',
  'Unsupported Media Type': 'Math o gyfrwng heb ei gefnogi',
  'Too Many Requests': 'Gormod o geisiadau',
  'Internal Server Error': 'Gwall mewnol ar y gweinydd',
  'Service Unavailable': 'Nid yw’r gwasanaeth ar gael',
};

const TITLES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(WELSH_STATUS_TITLES),
  ...(Object.keys(PROBLEM_CATALOGUE) as ProblemName[]).map((name) => [PROBLEM_CATALOGUE[name].title, WELSH_TITLES[name]] as const),
]);

type Translation = readonly [english: RegExp, welsh: (...groups: string[]) => string];

/** A message with nothing in it that changes. */
const exactly = (english: string, welsh: string): Translation => [new RegExp(`^${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), () => welsh];

/**
 * Every detail a public route gives, and every message of the public request schemas, by its
 * English: the first whose pattern matches the whole message gives the Welsh.
 */
export const WELSH_MESSAGES: readonly Translation[] = [
  // The request as a whole (problem-details.ts, body-limit.ts, cloudfront-origin.ts, validated-body.ts, the reporter's problems).
  exactly('Something went wrong on our side. Please try again later.', 'Aeth rhywbeth o’i le ar ein hochr ni. Rhowch gynnig arall arni yn nes ymlaen.'),
  exactly('The request body is not valid JSON.', 'Nid yw corff y cais yn JSON dilys.'),
  exactly('Send the report as JSON, with Content-Type: application/json.', 'Anfonwch yr adroddiad fel JSON, gyda Content-Type: application/json.'),
  exactly('Send a new report with a new Idempotency-Key.', 'Anfonwch adroddiad newydd gydag Idempotency-Key newydd.'),
  exactly('Wait a moment and send it again with the same Idempotency-Key.', 'Arhoswch am eiliad ac anfonwch ef eto gyda’r un Idempotency-Key.'),
  exactly(
    "This address answers only requests sent through the service's website address.",
    'Dim ond i geisiadau a anfonir drwy gyfeiriad gwefan y gwasanaeth y mae’r cyfeiriad hwn yn ateb.',
  ),
  exactly('Check the reference and the follow-up code and try again.', 'Gwiriwch y cyfeirnod a’r cod dilynol a rhowch gynnig arall arni.'),
  exactly(
    'There have been too many attempts with this reference. Try again in an hour.',
    'Bu gormod o ymdrechion gyda’r cyfeirnod hwn. Rhowch gynnig arall arni ymhen awr.',
  ),
  exactly('Try again in a few minutes.', 'Rhowch gynnig arall arni ymhen ychydig funudau.'),
  [/^The request body must be at most (\d+) bytes\.$/, (bytes) => `Rhaid i gorff y cais fod yn ${bytes} beit ar y mwyaf.`],
  [/^(\d+) (?:answer needs|answers need) attention\.$/, (count) => `Mae angen sylw ar ${count} ateb.`],
  [/^"(.*)" is not a field this service accepts here; remove it$/s, (key) => `Nid yw "${key}" yn faes y mae’r gwasanaeth hwn yn ei dderbyn yma; tynnwch ef`],

  // The request schemas' own messages (functions/domain/report.ts, reporter-follow-up.ts, typed-text.ts).
  [/^(\S+) must not be empty; leave it out if you do not know it$/, (field) => `Ni chaiff ${field} fod yn wag; gadewch ef allan os nad ydych yn ei wybod`],
  [/^(\S+) must be ([\d,]+) characters or fewer$/, (field, limit) => `Rhaid i ${field} fod yn ${limit} nod neu lai`],
  [/^(\S+) contains characters that cannot be shown$/, (field) => `Mae ${field} yn cynnwys nodau na ellir eu dangos`],
  [/^(\S+) holds a character that cannot be sent \((U\+[0-9A-F]+)\)$/, (field, codePoint) => `Mae ${field} yn cynnwys nod na ellir ei anfon (${codePoint})`],
  [/^(\S+) must be text$/, (field) => `Rhaid i ${field} fod yn destun`],
  [/^(\S+) must be a date written as YYYY-MM-DD$/, (field) => `Rhaid i ${field} fod yn ddyddiad ar y ffurf YYYY-MM-DD`],
  [/^role must be one of: (.+)$/, (list) => `Rhaid i role fod yn un o’r rhain: ${list}`],
  exactly(
    'postcode must be a UK postcode such as SW1A 1AA, or its first part such as SW1A or SW1A 1',
    'Rhaid i postcode fod yn god post yn y DU fel SW1A 1AA, neu ei ran gyntaf fel SW1A neu SW1A 1',
  ),
  exactly('ongoing must be true or false', 'Rhaid i ongoing fod yn true neu false'),
  exactly('when.to must not be before when.from', 'Ni chaiff when.to fod cyn when.from'),
  exactly('contact.email must be an e-mail address', 'Rhaid i contact.email fod yn gyfeiriad e-bost'),
  exactly('contact.phone must be a telephone number', 'Rhaid i contact.phone fod yn rhif ffôn'),
  exactly('reporter.mode must be "anonymous" or "confidential"', 'Rhaid i reporter.mode fod yn "anonymous" neu "confidential"'),
  [/^each category must be one of: (.+)$/, (list) => `Rhaid i bob categori fod yn un o’r rhain: ${list}`],
  exactly('categories must be a list', 'Rhaid i categories fod yn rhestr'),
  exactly('choose at least one category', 'Dewiswch o leiaf un categori'),
  exactly('each category may be chosen once', 'Dim ond unwaith y caiff pob categori ei ddewis'),
  exactly('narrative is required: tell us what happened', 'Mae angen narrative: dywedwch wrthym beth ddigwyddodd'),
  [/^narrative must be at least (\d+) characters: tell us what happened$/, (minimum) => `Rhaid i narrative fod yn o leiaf ${minimum} nod: dywedwch wrthym beth ddigwyddodd`],
  exactly('code is required: the follow-up code you were given', 'Mae angen code: y cod dilynol a roddwyd i chi'),
  [/^code must be the (\d+)-digit follow-up code you were given$/, (digits) => `Rhaid i code fod y cod dilynol ${digits} digid a roddwyd i chi`],
  [/^(\S+) is required$/, (field) => `Mae angen ${field}`],
  [/^(\S+) must not be empty$/, (field) => `Ni chaiff ${field} fod yn wag`],

  // zod's own messages, where a schema gives none.
  [/^Invalid input: expected (\w+), received (\w+)$/, (expected, received) => `Mewnbwn annilys: disgwyliwyd ${expected}, cafwyd ${received}`],
  [/^Invalid input$/, () => 'Mewnbwn annilys'],
  [/^Too big: expected (\w+) to have <=?(\d+) (characters|items)$/, (kind, limit, unit) => `Rhy fawr: disgwyliwyd ${kind} gyda ${limit} ${unit === 'characters' ? 'nod' : 'eitem'} ar y mwyaf`],
  [/^Too small: expected (\w+) to have >=?(\d+) (characters|items)$/, (kind, limit, unit) => `Rhy fach: disgwyliwyd ${kind} gydag o leiaf ${limit} ${unit === 'characters' ? 'nod' : 'eitem'}`],
  [/^Invalid option: expected one of (.+)$/, (list) => `Opsiwn annilys: disgwyliwyd un o ${list}`],
];

/** The Welsh of an English message, or undefined when there is none. */
export const welshMessage = (english: string): string | undefined => {
  for (const [pattern, welsh] of WELSH_MESSAGES) {
    const match = pattern.exec(english);
    if (match !== null) return welsh(...match.slice(1).map((group) => group ?? ''));
  }
  return undefined;
};

/** The Welsh of a title, or undefined when there is none. */
export const welshTitle = (english: string): string | undefined => TITLES.get(english);

/**
 * The problem document in Welsh. Anything without Welsh (which the tests do not let happen on a
 * public route) is left in English rather than lost.
 */
export const problemInWelsh = (body: ProblemBody): ProblemBody => ({
  ...body,
  title: welshTitle(body.title) ?? body.title,
  ...(body.detail === undefined ? {} : { detail: welshMessage(body.detail) ?? body.detail }),
  ...(body.errors === undefined
    ? {}
    : { errors: body.errors.map((error): FieldProblem => ({ pointer: error.pointer, detail: welshMessage(error.detail) ?? error.detail })) }),
});
