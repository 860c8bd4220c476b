/**
 * A nickname table, written for this service: the short and familiar forms of English first names
 * that reporters write for an officer ("Dave" for David), and common spellings of one name
 * ("Steven"/"Stephen", "Mohammed"/"Muhammad"). It is not exhaustive and not taken from any list;
 * add a row when a real report shows a form missing.
 *
 * Each row is one canonical name and the forms that may stand for it. A form may stand for more
 * than one name ("Sam" for Samuel or Samantha, "Jon" for John or Jonathan): it then matches each
 * of them, and the two full names still do not match each other ("John" is not "Jonathan").
 */
const ROWS: readonly (readonly [canonical: string, ...forms: string[]])[] = [
  ['abigail', 'abi', 'abby', 'abbie', 'gail'],
  ['alexander', 'alex', 'al', 'alec', 'alistair', 'alasdair', 'sandy', 'xander'],
  ['alexandra', 'alex', 'lexi', 'sandra', 'sandy'],
  ['alan', 'allan', 'allen', 'al'],
  ['andrew', 'andy', 'drew', 'andi'],
  ['anthony', 'antony', 'tony', 'ant'],
  ['barry', 'baz'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['bernard', 'bernie'],
  ['bradley', 'brad'],
  ['catherine', 'katherine', 'kathryn', 'katharine', 'cathy', 'kathy', 'kate', 'katie', 'kat', 'cat', 'kay'],
  ['charles', 'charlie', 'chas', 'chuck', 'chaz'],
  ['christine', 'christina', 'chris', 'tina', 'chrissie'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['clifford', 'cliff'],
  ['craig'],
  ['daniel', 'dan', 'danny'],
  ['darren', 'daz'],
  ['david', 'dave', 'davey', 'davy', 'dai'],
  ['deborah', 'debra', 'debbie', 'debs', 'deb'],
  ['donald', 'don', 'donny'],
  ['douglas', 'doug', 'dougie'],
  ['edward', 'ed', 'eddie', 'eddy', 'ted', 'teddy', 'ned'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby'],
  ['emily', 'em', 'emmy'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['gareth', 'gaz'],
  ['gary', 'gaz', 'garry'],
  ['geoffrey', 'jeffrey', 'jeffery', 'geoff', 'jeff'],
  ['gerald', 'gerry', 'jerry', 'ged'],
  ['gregory', 'greg'],
  ['harold', 'harry', 'hal'],
  ['henry', 'harry', 'hal', 'hank'],
  ['ian', 'iain'],
  ['jacob', 'jake', 'jack'],
  ['james', 'jim', 'jimmy', 'jamie', 'jimbo'],
  ['jennifer', 'jen', 'jenny', 'jenni'],
  ['jessica', 'jess', 'jessie'],
  ['joanne', 'joanna', 'jo', 'jojo'],
  ['john', 'jon', 'johnny', 'jonny', 'jack'],
  ['jonathan', 'jon', 'jonny', 'johnny', 'jonty'],
  ['joseph', 'joe', 'joey', 'jo'],
  ['josephine', 'jo', 'josie'],
  ['kenneth', 'ken', 'kenny'],
  ['kimberley', 'kimberly', 'kim'],
  ['lawrence', 'laurence', 'larry', 'laurie', 'lol'],
  ['leonard', 'len', 'lenny', 'leo'],
  ['margaret', 'maggie', 'meg', 'peggy', 'mags'],
  ['matthew', 'matt', 'matty', 'mat'],
  ['michael', 'mike', 'mick', 'micky', 'mickey', 'mikey', 'mikael'],
  ['mohammed', 'mohammad', 'muhammad', 'muhammed', 'mohamed', 'mohamad', 'mo'],
  ['nathan', 'nathaniel', 'nat', 'nate'],
  ['nicholas', 'nick', 'nicky', 'nico'],
  ['nicola', 'nicky', 'nikki', 'nic'],
  ['patricia', 'pat', 'tricia', 'trish', 'patsy'],
  ['patrick', 'pat', 'paddy'],
  ['peter', 'pete'],
  ['philip', 'phillip', 'phil', 'pip'],
  ['raymond', 'ray'],
  ['rebecca', 'becky', 'becca', 'bex'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['ronald', 'ron', 'ronnie'],
  ['samantha', 'sam', 'sammy'],
  ['samuel', 'sam', 'sammy'],
  ['sarah', 'sara'],
  ['stephanie', 'steph', 'steff'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['stuart', 'stewart', 'stu'],
  ['susan', 'sue', 'suzy', 'susie'],
  ['terence', 'terrence', 'terry', 'tel'],
  ['thomas', 'tom', 'tommy'],
  ['timothy', 'tim', 'timmy'],
  ['victoria', 'vicky', 'vikki', 'tori'],
  ['william', 'will', 'bill', 'billy', 'willie', 'liam'],
  ['zoe', 'zoey'],
];

const build = (): ReadonlyMap<string, readonly string[]> => {
  const names = new Map<string, string[]>();
  const add = (form: string, canonical: string) => {
    const held = names.get(form) ?? [];
    if (!held.includes(canonical)) held.push(canonical);
    names.set(form, held);
  };
  for (const [canonical, ...forms] of ROWS) {
    add(canonical, canonical);
    for (const form of forms) add(form, canonical);
  }
  // A canonical name stands for itself only, even when it is also another name's short form
  // ("Gary" is Gary, though "Gary" is written for Gareth too: "Gaz" matches both).
  for (const [canonical] of ROWS) names.set(canonical, [canonical]);
  return names;
};

const NAMES = build();

const SHORT_FORM_INITIALS: ReadonlyMap<string, readonly string[]> = new Map(
  ROWS.map(([canonical, ...forms]) => [canonical, [...new Set(forms.map((form) => form[0]!))].filter((initial) => initial !== canonical[0])]),
);

/** The initials of a canonical name's short forms that differ from its own: Anthony's "t" (Tony), William's "b" (Bill) and "l" (Liam). */
export const shortFormInitials = (canonical: string): readonly string[] => SHORT_FORM_INITIALS.get(canonical) ?? [];

/**
 * Other common first names in Britain, that the table gives no variants for: enough to read
 * "Kevin" alone as a first name rather than a surname. Written from general knowledge, not from
 * the test data; a name missing here is read as a surname when it stands alone without a rank.
 */
const OTHER_FIRST_NAMES = new Set(
  (
    'aaron adam adrian ahmed aidan aisha alison amy amir angela anna anne aoife arthur ashley barbara ' +
    'brian bryony caroline carl carol cheryl chloe claire colin conor dafydd damian dawn dean declan ' +
    'dennis derek diane dominic donna dylan eileen eleanor emma eric ewan fatima fiona francis gemma ' +
    'george gillian glen gordon graham grace hannah hassan heather helen hugh imran isabel jack jane ' +
    'janet jason jayne joan jordan joshua julie justin karen kathleen keith kelly kevin kieran kirsty ' +
    'laura lee leanne lewis lisa louise lucy luke lynn malcolm mandy maria marie mark martin megan ' +
    'melanie michelle moira natalie neil niamh nigel noel oliver omar owen paul paula pauline priya ' +
    'rachel rhys rhian roger rory ross ruth ryan sally sean shane sharon shaun sheila simon siobhan ' +
    'sonia stacey stella tanya teresa tracey tracy trevor vanessa vincent wayne wendy yasmin yusuf'
  ).split(' '),
);

/**
 * The names a folded first name may stand for: its canonical forms from the table, or the name
 * itself when the table does not hold it.
 */
export const canonicalFirstNames = (folded: string): readonly string[] => NAMES.get(folded) ?? [folded];

/** Whether the word is a first name the table or the list of others knows (used to read "Dave" or "Kevin" alone as a first name, not a surname). */
export const isKnownFirstName = (folded: string): boolean => NAMES.has(folded) || OTHER_FIRST_NAMES.has(folded);
