/**
 * Who may use each of the service's KMS keys, by the handler module its function runs: the
 * functions that seal with a key may only make data keys under it (kms:GenerateDataKey), and
 * only those that open may unwrap them (kms:Decrypt). Each key's own policy names exactly these
 * functions' roles (lib/constructs/sealing-key.ts), so an IAM policy elsewhere in the account
 * that grants kms:Decrypt opens nothing; test/infrastructure/keys.test.ts holds the templates to
 * this declaration.
 *
 * - The originals key seals each reporter's own words for the contact centre: the router seals
 *   the report, the follow-up functions the reporter's answers and added information, the call
 *   agents' function an answer taken by phone; only the two review views open them. A sealer makes
 *   key-encryption keys with it, each kept for minutes to wrap the data keys of the texts that
 *   function itself seals (functions/adapters/key-encryption-keys.ts): it sees those texts anyway,
 *   and still may not open a key-encryption key's blob, or anything else, with kms:Decrypt.
 * - The follow-up code key wraps the secret every new follow-up code is hashed under
 *   (functions/adapters/follow-up-code-keys.ts): a copied table holds the hashes and the wrapped
 *   secret, and neither is of use without this key.
 * - The person-link key wraps the secret the match keys of the person a report is about are
 *   HMACs under (functions/adapters/person-link-store.ts): only the router, which files each
 *   report's keys, may make or open it. Reading links needs no key (the keys are stored as
 *   hashes, and compared as they are), so no contact-centre function holds it: a copied table
 *   holds hashes that cannot be tested against a guessed name without it.
 * - The intake key seals each submission on the intake queue (the whole report, a confidential
 *   reporter's contact details among it) from the moment it is taken in until the router opens
 *   it: an operator who may redrive the queue or its DLQ moves ciphertext and reads nothing.
 */
import { handlerModuleOf, ROUTE_FUNCTIONS } from './route-registry.ts';
import { handlerName } from './table-access.ts';

export interface KeyUsers {
  /** Handlers whose functions seal with the key. */
  readonly seal: readonly string[];
  /** Handlers whose functions open what it sealed. */
  readonly open: readonly string[];
}

const routeHandlers = (chosen: (access: (typeof ROUTE_FUNCTIONS)[number]['access']) => boolean): string[] =>
  ROUTE_FUNCTIONS.filter((fn) => chosen(fn.access)).map((fn) => handlerName(handlerModuleOf(fn)));

/** The router is not a route: it seals originals and opens the intake queue's submissions. */
const ROUTER = 'route-report';
/** The staff console's phone report form (lib/constructs/staff-console.ts): it takes reports in and issues their codes, as the staff API's phone route does. */
const CONSOLE_PHONE_REPORT = 'console-phone-report';
/** The staff console's review screen: it opens originals for review, as the staff API's review view does. */
const CONSOLE_REVIEW = 'console-review';

/** The staff console's supervisor screens (lib/constructs/staff-console.ts): they open an original for approval, as the staff API's review view does. */
const CONSOLE_APPROVAL = 'console-approval';
/** The staff console's keeping-in-contact screens for analysts: they open an answer to sanitise it. */
const CONSOLE_KEEPING_IN_CONTACT = 'console-keeping-in-contact';
/** The staff console's phone answers, for call agents: they check a caller's follow-up code and seal the caller's words. */
const CONSOLE_PHONE_ANSWER = 'console-phone-answer';

export const ORIGINALS_KEY_USERS: KeyUsers = {
  seal: [...routeHandlers((access) => access.originals === 'seal'), ROUTER, CONSOLE_PHONE_ANSWER],
  open: [...routeHandlers((access) => access.originals === 'open'), CONSOLE_REVIEW, CONSOLE_APPROVAL, CONSOLE_KEEPING_IN_CONTACT],
};

/**
 * The follow-up code key wraps the secret new follow-up codes are hashed under: the functions that
 * issue codes may make it (the first one to need it does), and they and the functions that check
 * codes may open it.
 */
export const FOLLOW_UP_CODE_KEY_USERS: KeyUsers = {
  seal: [...routeHandlers((access) => access.followUpCodes === 'issue'), CONSOLE_PHONE_REPORT],
  open: [...routeHandlers((access) => access.followUpCodes !== undefined), CONSOLE_PHONE_REPORT, CONSOLE_PHONE_ANSWER],
};

export const INTAKE_KEY_USERS: KeyUsers = {
  seal: [...routeHandlers((access) => access.intake === true), CONSOLE_PHONE_REPORT],
  open: [ROUTER],
};

/** The person-link key: the router files each report's match keys, and is the only function that makes them. */
export const PERSON_LINK_KEY_USERS: KeyUsers = {
  seal: [ROUTER],
  open: [ROUTER],
};
