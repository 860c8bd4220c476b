/**
 * Links between reports about the same person, the pure part: how what a reporter writes about an
 * officer is normalised, which typed forms are keyed, how two reports' keys are weighed, and how
 * reports are grouped through others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifiersOf, type LinkableReport } from '../../functions/domain/person-links/identifiers.ts';
import { matchKeysOf, type MatchKey } from '../../functions/domain/person-links/match-keys.ts';
import { canonicalFirstNames } from '../../functions/domain/person-links/nicknames.ts';
import { collarDigits, fold, parseName, soundex, stationPlace } from '../../functions/domain/person-links/normalise.ts';
import { assessLink } from '../../functions/domain/person-links/scorer.ts';
import { linkedGroups } from '../../functions/domain/person-links/groups.ts';
import { COMMON_KEY_LIMIT, recordPersonKeys, reportsAboutTheSamePerson, type PersonKeysEntry } from '../../functions/domain/person-links/linking.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import type { ReportSubmission } from '../../functions/domain/report.ts';
import { memoryPersonLinkStore, testKeyer } from '../support/person-links-measure.ts';

const report = (subject: LinkableReport['subject'], extra: Partial<LinkableReport> = {}): LinkableReport => ({
  subject,
  narrative: 'The officer took money from a driver to let him off.',
  ...extra,
});
const formsOf = (r: LinkableReport) => identifiersOf(r).map((identifier) => identifier.form);
const keysOf = (r: LinkableReport): Promise<MatchKey[]> => matchKeysOf(r, testKeyer());
const assess = async (a: LinkableReport, b: LinkableReport) => assessLink(await keysOf(a), await keysOf(b));

describe('names as written', () => {
  it('folds case, accents, apostrophes and hyphens', () => {
    assert.equal(fold("  Siobhán O'Brien-Müller "), 'siobhan obrienmuller');
    assert.equal(fold('SZYMAŃSKI'), 'szymanski');
  });

  it('reads titles and ranks out of a name, and the surname first after a comma', () => {
    for (const written of ['PC Dave Smith', 'Det Sgt David Smith', 'SMITH, David', 'Mr David J Smith', 'A/Sgt Davey Smith', 'D/Sgt Dave Smith']) {
      const name = parseName(written);
      assert.equal(name.surname, 'smith', written);
      assert.deepEqual(name.firstNames, ['david'], written);
    }
  });

  it('reads an initial, a surname alone after a rank, and a known first name alone', () => {
    assert.deepEqual(parseName('D. Smith'), { surname: 'smith', firstNames: [], initials: ['d'] });
    assert.deepEqual(parseName('Sgt Khan'), { surname: 'khan', firstNames: [], initials: [] });
    assert.equal(parseName('Dave').surname, undefined);
    assert.deepEqual(parseName('Dave').firstNames, ['david']);
    assert.equal(parseName('Kevin').surname, undefined, 'a common first name alone is not a surname');
    assert.equal(parseName('Winterbottom').surname, 'winterbottom');
    assert.equal(parseName('front counter achterberg').surname, 'achterberg');
    assert.deepEqual(parseName('front counter achterberg').initials, [], 'a staff role is not a first name');
  });

  it('knows nicknames from its own table, and a short form may stand for more than one name', () => {
    assert.deepEqual(canonicalFirstNames('dave'), ['david']);
    assert.deepEqual(canonicalFirstNames('mike'), ['michael']);
    assert.deepEqual([...canonicalFirstNames('jon')].sort(), ['john', 'jonathan']);
    assert.deepEqual(canonicalFirstNames('john'), ['john'], 'John is not Jonathan');
    assert.deepEqual(canonicalFirstNames('gary'), ['gary']);
    assert.deepEqual(canonicalFirstNames('zebedee'), ['zebedee'], 'a name the table does not hold stands for itself');
  });

  it('gives a first name the initials of its short forms too: T. for Tony, so Anthony', () => {
    assert.ok(parseName('Anthony Doherty').initials.includes('t'));
    assert.ok(parseName('William Jones').initials.includes('b'));
  });

  it('codes surnames by sound, so a misspelling by a vowel or a doubled letter sounds the same', () => {
    assert.equal(soundex('smith'), 's530');
    assert.equal(soundex('smyth'), 's530');
    assert.equal(soundex('roberrts'), soundex('roberts'));
    assert.notEqual(soundex('smith'), soundex('jones'));
  });
});

describe('collar numbers and stations as written', () => {
  it('reduces a collar number to its digits, whatever prefix, suffix or leading zeros', () => {
    for (const written of ['1234', 'MP 1234', 'MP1234', 'PC1234', 'pc 1234', '01234', '1234CW', 'no. 1234']) {
      assert.equal(collarDigits(written), '1234', written);
    }
    assert.equal(collarDigits('12 34'), undefined, 'two groups of digits are not one number');
    assert.equal(collarDigits('none'), undefined);
  });

  it('reduces a station to its place', () => {
    for (const written of ['Brixton', 'Brixton Police Station', 'brixton nick', 'BRIXTON STATION', 'Brixton police stn']) {
      assert.equal(stationPlace(written), 'brixton', written);
    }
    assert.equal(stationPlace('Saint Anne Street'), 'st anne street');
    assert.equal(stationPlace('Police Station'), undefined);
  });
});

describe('the identifiers of the person a report is about', () => {
  it('types each normalised form, with the collar number and station under their force', () => {
    const forms = formsOf(report({ role: 'officer', name: 'PC Dave Smith', collarNumber: 'MP 01234', station: 'Brixton Police Station', force: 'The Met' }));
    for (const form of ['force|metropolitan', 'collar|metropolitan|1234', 'collar-number|1234', 'name|smith|david', 'name-initial|smith|d', 'surname|smith', 'station|metropolitan|brixton', 'station-place|brixton']) {
      assert.ok(forms.includes(form), `${form} in ${forms.join(', ')}`);
    }
    assert.equal(new Set(forms).size, forms.length, 'each form once');
  });

  it("takes the force from the subject, then the report, then where it was routed; 'unknown' is no force", () => {
    assert.ok(formsOf(report({ role: 'officer', collarNumber: '1234' }, { force: 'Kent Police' })).includes('collar|kent|1234'));
    assert.ok(formsOf(report({ role: 'officer', collarNumber: '1234', force: 'unknown' }, { routedTo: 'essex' })).includes('collar|essex|1234'));
    const forceless = formsOf(report({ role: 'officer', collarNumber: '1234', force: 'unknown' }));
    assert.deepEqual(forceless, ['collar-number|1234']);
  });

  it('reads a name or collar number from the narrative when the field is empty', () => {
    const named = formsOf(report({ role: 'officer' }, { narrative: 'PC 4471 Gavin Pryce took £200 off a lad to make it go away.', force: 'Kent' }));
    assert.ok(named.includes('name|pryce|gavin'));
    assert.ok(named.includes('collar|kent|4471'));
    const capitals = formsOf(report({ role: 'officer' }, { narrative: 'DET CON HOLLINGS KEEPS TURNING UP OUTSIDE MY HOUSE.' }));
    assert.ok(capitals.includes('surname|hollings'));
    assert.ok(!capitals.includes('surname|keeps'));
    const shoulder = formsOf(report({ role: 'officer', name: 'Gavin Pryce' }, { narrative: 'The officer with shoulder number 2213 took cash.' }));
    assert.ok(shoulder.includes('collar-number|2213'));
  });

  it('gives nothing for a report that names and numbers no one', () => {
    assert.deepEqual(formsOf(report({ role: 'unknown' })), []);
  });

  it('keys every form through the keyer, so no name or number is in a match key', async () => {
    const keys = await keysOf(report({ role: 'officer', name: 'Gavin Pryce', collarNumber: '4471', force: 'kent' }));
    assert.ok(keys.length > 5);
    for (const { key } of keys) {
      assert.match(key, /^[A-Za-z0-9_-]{43}$/, 'an HMAC-SHA-256, base64url');
      assert.doesNotMatch(key.toLowerCase(), /pryce|gavin|4471|kent/);
    }
    const other = await matchKeysOf(report({ role: 'officer', name: 'Gavin Pryce' }), testKeyer('another key'));
    assert.ok(!other.some((k) => keys.some((mine) => mine.key === k.key)), 'under another key, nothing matches');
  });
});

describe('whether two reports may concern the same person', () => {
  it('links the same collar number in the same force, however written', async () => {
    const a = await assess(report({ role: 'officer', collarNumber: 'MP 1234', force: 'Met' }), report({ role: 'officer', collarNumber: '01234' }, { force: 'Metropolitan Police Service' }));
    assert.equal(a.mayConcernSamePerson, true);
    assert.ok(a.evidence.includes('same collar number and force'));
    const elsewhere = await assess(report({ role: 'officer', collarNumber: '1234', force: 'Kent' }), report({ role: 'officer', collarNumber: '1234', force: 'Essex' }));
    assert.equal(elsewhere.mayConcernSamePerson, false, 'the same digits in another force are another officer');
  });

  it('links a full name across forces, nicknames and case folded: officers move', async () => {
    const a = await assess(report({ role: 'officer', name: 'Dave Winterbottom', force: 'Kent' }), report({ role: 'officer', name: 'DS DAVID WINTERBOTTOM', force: 'Essex' }));
    assert.equal(a.mayConcernSamePerson, true);
  });

  it('links a common surname with an initial only with its force or station', async () => {
    const inForce = await assess(report({ role: 'officer', name: 'D. Smith', force: 'Kent' }), report({ role: 'officer', name: 'David Smith', force: 'Kent' }));
    assert.equal(inForce.mayConcernSamePerson, true);
    const across = await assess(report({ role: 'officer', name: 'D. Smith', force: 'Kent' }), report({ role: 'officer', name: 'David Smith', force: 'Essex' }));
    assert.equal(across.mayConcernSamePerson, false);
  });

  it('does not link different people with the same surname at the same station', async () => {
    const a = await assess(
      report({ role: 'officer', name: 'David Smith', station: 'Brixton', force: 'Met' }),
      report({ role: 'officer', name: 'Claire Smith', station: 'Brixton police station', force: 'Met' }),
    );
    assert.equal(a.mayConcernSamePerson, false);
    assert.equal(a.keepApart, true);
  });

  it('does not link on a station and force alone', async () => {
    const a = await assess(report({ role: 'officer', station: 'Brixton', force: 'Met' }), report({ role: 'officer', station: 'Brixton nick', force: 'Met' }));
    assert.equal(a.mayConcernSamePerson, false);
  });

  it('links a misspelt surname with the same first name and force', async () => {
    const a = await assess(report({ role: 'officer', name: 'Claire Roberts', force: 'Essex' }), report({ role: 'officer', name: 'Claire Roberrts', force: 'Essex' }));
    assert.equal(a.mayConcernSamePerson, true);
  });
});

describe('reports grouped through others', () => {
  it('joins a chain of links, and keeps apart reports that cannot be one person', () => {
    const links = [
      { a: 'name-only', b: 'name-and-collar', score: 3 },
      { a: 'name-and-collar', b: 'collar-only', score: 4 },
      { a: 'collar-only', b: 'claire', score: 2 },
    ];
    const groups = linkedGroups(['name-only', 'name-and-collar', 'collar-only', 'claire', 'alone'], links, [['name-only', 'claire']]);
    const sorted = groups.map((g) => [...g].sort()).sort((x, y) => y.length - x.length);
    assert.deepEqual(sorted, [['collar-only', 'name-and-collar', 'name-only'], ['claire'], ['alone']]);
  });

  it('lets a tentative link join a group only when it points to that group alone', () => {
    const firm = [
      { a: 'a1', b: 'a2', score: 3 },
      { a: 'b1', b: 'b2', score: 3 },
    ];
    const toOne = linkedGroups(['a1', 'a2', 'b1', 'b2', 'x'], [...firm, { a: 'x', b: 'a1', score: 1.5, tentative: true }], [['a1', 'b1']]);
    assert.ok(toOne.some((g) => g.includes('x') && g.includes('a1')));
    const toTwo = linkedGroups(['a1', 'a2', 'b1', 'b2', 'x'], [...firm, { a: 'x', b: 'a1', score: 1.5, tentative: true }, { a: 'x', b: 'b2', score: 1.5, tentative: true }], [['a1', 'b1']]);
    assert.ok(toTwo.some((g) => g.length === 1 && g[0] === 'x'), 'pointing to two groups, it joins neither');
  });
});

describe('person links as the service keeps them', () => {
  const memoryStore = () => {
    const store = memoryPersonLinkStore();
    const filed = new Map<string, true>();
    const recordKeys = store.recordKeys;
    return {
      store: { ...store, recordKeys: async (entry: PersonKeysEntry, under: readonly string[]) => { for (const key of under) filed.set(key, true); await recordKeys(entry, under); } },
      entries: store.entries,
      filed,
    };
  };
  const submission = (subject: LinkableReport['subject'], narrative = 'The officer took money from a driver to let him off.'): ReportSubmission => ({
    categories: ['bribery'],
    subject,
    narrative,
    reporter: { mode: 'anonymous' },
  });
  const ref = (text: string) => text as Reference;

  it('records keys only, and shows the reports that may concern the same person, directly or through another', async () => {
    const { store, entries, filed } = memoryStore();
    const ports = { keyer: testKeyer(), links: store };
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0001'), report: submission({ role: 'officer', name: 'Gavin Pryce' }), receivedAt: '2025-01-10T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0002'), report: submission({ role: 'officer', name: 'PC Gav Pryce', collarNumber: '4471' }), receivedAt: '2024-03-01T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0003'), report: submission({ role: 'officer' }, 'PC 4471 took my money at the station.'), receivedAt: '2026-06-01T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0004'), report: submission({ role: 'officer', name: 'Claire Pryce', collarNumber: '9120' }), receivedAt: '2025-02-01T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0005'), report: submission({ role: 'unknown' }), receivedAt: '2025-02-01T10:00:00Z', force: 'kent' });

    assert.equal(entries.has(ref('PAC-AAAA-0005')), false, 'a report naming and numbering no one is not recorded');
    const kept = JSON.stringify([...entries.values(), ...filed.keys()]).toLowerCase();
    for (const plaintext of ['pryce', 'gavin', 'claire', '4471', 'david']) assert.ok(!kept.includes(plaintext), `${plaintext} is not kept`);

    const links = await reportsAboutTheSamePerson({ links: store }, ref('PAC-AAAA-0001'));
    assert.deepEqual(links.map((l) => l.reference), ['PAC-AAAA-0002', 'PAC-AAAA-0003'], 'oldest first; Claire Pryce is another person');
    assert.deepEqual(links[0]!.evidence, ['same surname and initial', 'same force'], '"Gav" is not in the nickname table: the initial still agrees');
    assert.equal(links[0]!.force, 'kent');
    assert.equal(links[1]!.through, 'PAC-AAAA-0002', 'the collar-only report is linked through the one with both');
    assert.deepEqual(await reportsAboutTheSamePerson({ links: store }, ref('PAC-AAAA-0009')), []);
  });

  it('still finds a person with a common first name and a common surname when each alone is too common to search by', async () => {
    const { store } = memoryStore();
    const ports = { keyer: testKeyer(), links: store };
    const firsts = ['Adam', 'Ben', 'Carl', 'Dan', 'Eric', 'Frank', 'Gary', 'Harry', 'Ian', 'Jack'];
    for (let i = 0; i < COMMON_KEY_LIMIT + 10; i += 1) {
      await recordPersonKeys(ports, { reference: ref(`PAC-SMTH-${String(i).padStart(4, '0')}`), report: submission({ role: 'officer', name: `${firsts[i % firsts.length]}${'a'.repeat(Math.floor(i / firsts.length))} Smith` }), receivedAt: '2025-01-10T10:00:00Z', force: 'essex' });
      await recordPersonKeys(ports, { reference: ref(`PAC-DAVD-${String(i).padStart(4, '0')}`), report: submission({ role: 'officer', name: `David Q${'u'.repeat(i)}inn` }), receivedAt: '2025-01-10T10:00:00Z', force: 'essex' });
    }
    for (const n of [1, 2, 3]) {
      await recordPersonKeys(ports, { reference: ref(`PAC-AAAA-000${n}`), report: submission({ role: 'officer', name: 'PC David Smith', station: 'Maidstone' }), receivedAt: `202${n}-01-10T10:00:00Z`, force: 'kent' });
    }
    const links = await reportsAboutTheSamePerson({ links: store }, ref('PAC-AAAA-0001'));
    assert.deepEqual(links.map((l) => l.reference), ['PAC-AAAA-0002', 'PAC-AAAA-0003']);
  });

  it('does not search by a key filed for more reports than COMMON_KEY_LIMIT, and reads a bounded number of candidates', async () => {
    const { store } = memoryStore();
    const ports = { keyer: testKeyer(), links: store };
    const surnames = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke'];
    // Far more reports about a David than the limit, each another person (another surname, another collar number).
    for (let i = 0; i < COMMON_KEY_LIMIT + 50; i += 1) {
      const name = `David ${surnames[i % surnames.length]}${'e'.repeat(Math.floor(i / surnames.length))}x`;
      await recordPersonKeys(ports, { reference: ref(`PAC-DAVE-${String(i).padStart(4, '0')}`), report: submission({ role: 'officer', name, collarNumber: String(10_000 + i) }), receivedAt: '2025-01-10T10:00:00Z', force: 'essex' });
    }
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0001'), report: submission({ role: 'officer', name: 'David Pryce', collarNumber: '4471' }), receivedAt: '2025-01-10T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-AAAA-0002'), report: submission({ role: 'officer' }, 'PC 4471 took my money at the station.'), receivedAt: '2026-01-10T10:00:00Z', force: 'kent' });
    let read = 0;
    const counting = { ...store, keysOf: async (reference: Reference) => { read += 1; return store.keysOf(reference); } };
    const links = await reportsAboutTheSamePerson({ links: counting }, ref('PAC-AAAA-0001'));
    assert.deepEqual(links.map((l) => l.reference), ['PAC-AAAA-0002'], 'found by the collar number; the first name is too common to search by');
    assert.ok(read < 20, `read ${read} reports' keys, not every David's`);
  });
});
