/**
 * The force registry: the 48 UK police forces the reporting service covers.
 *
 * One source of truth for the router (which force a report goes to) and for the CDK stack
 * (one queue and DLQ per force). Transcribed from data/uk-police-forces.csv (see data/README.md
 * for its sources); test/unit/forces.test.ts proves the two agree row by row.
 */

export type Nation = 'England' | 'Wales' | 'Scotland' | 'Northern Ireland' | 'Great Britain' | 'United Kingdom';

export interface Force {
  /** Stable id; for England and Wales the data.police.uk force id. */
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  /** Other names people use for the force, beyond its id, name and short name. */
  readonly aliases: readonly string[];
  readonly nation: Nation;
  /** Territorial forces police a geographic area; special forces have a national remit. */
  readonly kind: 'territorial' | 'special';
  /** ONS police force area code; null for the special forces, which have no area. */
  readonly onsCode: string | null;
  /** The day the force began receiving reports through the service (ISO date). */
  readonly joinedService: string;
}

export const FORCES: readonly Force[] = [
  {
    id: 'avon-and-somerset',
    name: 'Avon and Somerset Constabulary',
    shortName: 'Avon and Somerset',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000036',
    joinedService: '2024-03-14',
  },
  {
    id: 'bedfordshire',
    name: 'Bedfordshire Police',
    shortName: 'Bedfordshire',
    aliases: ['Beds'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000026',
    joinedService: '2024-03-14',
  },
  {
    id: 'cambridgeshire',
    name: 'Cambridgeshire Constabulary',
    shortName: 'Cambridgeshire',
    aliases: ['Cambs'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000023',
    joinedService: '2024-03-14',
  },
  {
    id: 'cheshire',
    name: 'Cheshire Constabulary',
    shortName: 'Cheshire',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000006',
    joinedService: '2024-03-14',
  },
  {
    id: 'city-of-london',
    name: 'City of London Police',
    shortName: 'City of London',
    aliases: ['City Police', 'CoLP'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000034',
    joinedService: '2024-03-14',
  },
  {
    id: 'cleveland',
    name: 'Cleveland Police',
    shortName: 'Cleveland',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000013',
    joinedService: '2024-03-14',
  },
  {
    id: 'cumbria',
    name: 'Cumbria Constabulary',
    shortName: 'Cumbria',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000002',
    joinedService: '2024-03-14',
  },
  {
    id: 'derbyshire',
    name: 'Derbyshire Constabulary',
    shortName: 'Derbyshire',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000018',
    joinedService: '2024-03-14',
  },
  {
    id: 'devon-and-cornwall',
    name: 'Devon and Cornwall Police',
    shortName: 'Devon & Cornwall',
    aliases: ['Devon and Cornwall'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000035',
    joinedService: '2024-03-14',
  },
  {
    id: 'dorset',
    name: 'Dorset Police',
    shortName: 'Dorset',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000039',
    joinedService: '2024-03-14',
  },
  {
    id: 'durham',
    name: 'Durham Constabulary',
    shortName: 'Durham',
    aliases: ['County Durham'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000008',
    joinedService: '2024-03-14',
  },
  {
    id: 'dyfed-powys',
    name: 'Dyfed-Powys Police',
    shortName: 'Dyfed-Powys',
    aliases: [],
    nation: 'Wales',
    kind: 'territorial',
    onsCode: 'W15000004',
    joinedService: '2024-03-14',
  },
  {
    id: 'essex',
    name: 'Essex Police',
    shortName: 'Essex',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000028',
    joinedService: '2024-03-14',
  },
  {
    id: 'gloucestershire',
    name: 'Gloucestershire Constabulary',
    shortName: 'Gloucestershire',
    aliases: ['Glos'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000037',
    joinedService: '2024-03-14',
  },
  {
    id: 'greater-manchester',
    name: 'Greater Manchester Police',
    shortName: 'Greater Manchester',
    aliases: ['GMP', 'Manchester Police', 'Manchester'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000005',
    joinedService: '2024-03-14',
  },
  {
    id: 'gwent',
    name: 'Gwent Police',
    shortName: 'Gwent',
    aliases: [],
    nation: 'Wales',
    kind: 'territorial',
    onsCode: 'W15000002',
    joinedService: '2024-03-14',
  },
  {
    id: 'hampshire',
    name: 'Hampshire and Isle of Wight Constabulary',
    shortName: 'Hampshire',
    aliases: ['Hampshire Constabulary', 'Hampshire and IOW', 'Isle of Wight'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000030',
    joinedService: '2024-03-14',
  },
  {
    id: 'hertfordshire',
    name: 'Hertfordshire Constabulary',
    shortName: 'Hertfordshire',
    aliases: ['Herts'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000027',
    joinedService: '2024-03-14',
  },
  {
    id: 'humberside',
    name: 'Humberside Police',
    shortName: 'Humberside',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000012',
    joinedService: '2024-03-14',
  },
  {
    id: 'kent',
    name: 'Kent Police',
    shortName: 'Kent',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000032',
    joinedService: '2024-03-14',
  },
  {
    id: 'lancashire',
    name: 'Lancashire Constabulary',
    shortName: 'Lancashire',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000003',
    joinedService: '2024-03-14',
  },
  {
    id: 'leicestershire',
    name: 'Leicestershire Police',
    shortName: 'Leicestershire',
    aliases: ['Leics'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000021',
    joinedService: '2024-03-14',
  },
  {
    id: 'lincolnshire',
    name: 'Lincolnshire Police',
    shortName: 'Lincolnshire',
    aliases: ['Lincs'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000020',
    joinedService: '2024-03-14',
  },
  {
    id: 'merseyside',
    name: 'Merseyside Police',
    shortName: 'Merseyside',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000004',
    joinedService: '2024-03-14',
  },
  {
    id: 'metropolitan',
    name: 'Metropolitan Police Service',
    shortName: 'Met',
    aliases: ['The Met', 'Met Police', 'Metropolitan Police', 'MPS', 'Scotland Yard', 'New Scotland Yard'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000001',
    joinedService: '2022-11-29',
  },
  {
    id: 'norfolk',
    name: 'Norfolk Constabulary',
    shortName: 'Norfolk',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000024',
    joinedService: '2024-03-14',
  },
  {
    id: 'north-wales',
    name: 'North Wales Police',
    shortName: 'North Wales',
    aliases: [],
    nation: 'Wales',
    kind: 'territorial',
    onsCode: 'W15000001',
    joinedService: '2024-03-14',
  },
  {
    id: 'north-yorkshire',
    name: 'North Yorkshire Police',
    shortName: 'North Yorkshire',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000009',
    joinedService: '2024-03-14',
  },
  {
    id: 'northamptonshire',
    name: 'Northamptonshire Police',
    shortName: 'Northamptonshire',
    aliases: ['Northants'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000022',
    joinedService: '2024-03-14',
  },
  {
    id: 'northumbria',
    name: 'Northumbria Police',
    shortName: 'Northumbria',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000007',
    joinedService: '2024-03-14',
  },
  {
    id: 'nottinghamshire',
    name: 'Nottinghamshire Police',
    shortName: 'Nottinghamshire',
    aliases: ['Notts'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000019',
    joinedService: '2024-03-14',
  },
  {
    id: 'south-wales',
    name: 'South Wales Police',
    shortName: 'South Wales',
    aliases: [],
    nation: 'Wales',
    kind: 'territorial',
    onsCode: 'W15000003',
    joinedService: '2024-03-14',
  },
  {
    id: 'south-yorkshire',
    name: 'South Yorkshire Police',
    shortName: 'South Yorkshire',
    aliases: ['SYP'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000011',
    joinedService: '2024-03-14',
  },
  {
    id: 'staffordshire',
    name: 'Staffordshire Police',
    shortName: 'Staffordshire',
    aliases: ['Staffs'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000015',
    joinedService: '2024-03-14',
  },
  {
    id: 'suffolk',
    name: 'Suffolk Constabulary',
    shortName: 'Suffolk',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000025',
    joinedService: '2024-03-14',
  },
  {
    id: 'surrey',
    name: 'Surrey Police',
    shortName: 'Surrey',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000031',
    joinedService: '2024-03-14',
  },
  {
    id: 'sussex',
    name: 'Sussex Police',
    shortName: 'Sussex',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000033',
    joinedService: '2024-03-14',
  },
  {
    id: 'thames-valley',
    name: 'Thames Valley Police',
    shortName: 'Thames Valley',
    aliases: ['TVP'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000029',
    joinedService: '2024-03-14',
  },
  {
    id: 'warwickshire',
    name: 'Warwickshire Police',
    shortName: 'Warwickshire',
    aliases: ['Warks'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000017',
    joinedService: '2024-03-14',
  },
  {
    id: 'west-mercia',
    name: 'West Mercia Police',
    shortName: 'West Mercia',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000016',
    joinedService: '2024-03-14',
  },
  {
    id: 'west-midlands',
    name: 'West Midlands Police',
    shortName: 'West Midlands',
    aliases: ['WMP'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000014',
    joinedService: '2024-03-14',
  },
  {
    id: 'west-yorkshire',
    name: 'West Yorkshire Police',
    shortName: 'West Yorkshire',
    aliases: ['WYP'],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000010',
    joinedService: '2024-03-14',
  },
  {
    id: 'wiltshire',
    name: 'Wiltshire Police',
    shortName: 'Wiltshire',
    aliases: [],
    nation: 'England',
    kind: 'territorial',
    onsCode: 'E23000038',
    joinedService: '2024-03-14',
  },
  {
    id: 'police-scotland',
    name: 'Police Service of Scotland',
    shortName: 'Police Scotland',
    aliases: ['Scotland'],
    nation: 'Scotland',
    kind: 'territorial',
    onsCode: 'S23000009',
    joinedService: '2024-03-14',
  },
  {
    id: 'northern-ireland',
    name: 'Police Service of Northern Ireland',
    shortName: 'PSNI',
    aliases: ['Northern Ireland Police', 'Northern Ireland'],
    nation: 'Northern Ireland',
    kind: 'territorial',
    onsCode: 'N99999999',
    joinedService: '2024-03-14',
  },
  {
    id: 'british-transport-police',
    name: 'British Transport Police',
    shortName: 'BTP',
    aliases: ['Transport Police'],
    nation: 'Great Britain',
    kind: 'special',
    onsCode: null,
    joinedService: '2024-03-14',
  },
  {
    id: 'civil-nuclear-constabulary',
    name: 'Civil Nuclear Constabulary',
    shortName: 'CNC',
    aliases: ['Civil Nuclear Police'],
    nation: 'United Kingdom',
    kind: 'special',
    onsCode: null,
    joinedService: '2024-03-14',
  },
  {
    id: 'ministry-of-defence-police',
    name: 'Ministry of Defence Police',
    shortName: 'MDP',
    aliases: ['MoD Police', 'MOD'],
    nation: 'United Kingdom',
    kind: 'special',
    onsCode: null,
    joinedService: '2024-03-14',
  },];

export type ForceId = string;

const SPOKEN_FILLER = new Set(['the', 'police', 'constabulary', 'service', 'force', 'of']);

/**
 * Reduces a force name as someone might type or say it to the words that tell forces apart:
 * case, accents, punctuation, "&" and filler words ("the", "police", "constabulary", …) go.
 * "The Met", "met police" and "MET" all become "met".
 */
export const forceNameKey = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !SPOKEN_FILLER.has(word))
    .join(' ');

const buildNameIndex = (forces: readonly Force[]): ReadonlyMap<string, Force> => {
  const index = new Map<string, Force>();
  for (const force of forces) {
    for (const name of [force.id, force.name, force.shortName, ...force.aliases]) {
      const key = forceNameKey(name);
      const holder = index.get(key);
      if (holder !== undefined && holder.id !== force.id) {
        throw new Error(`Force name "${name}" would mean both ${holder.id} and ${force.id}`);
      }
      index.set(key, force);
    }
  }
  return index;
};

// Both indexes are built at their first use, not at import: the public functions that carry this
// module (for a force's id) never look a force up by name, and a cold start should not build what
// it never reads (issue 13). Built lazily, they also leave the module free of import-time work, so
// a bundle that calls neither drops the registry altogether.
let byId: ReadonlyMap<ForceId, Force> | undefined;
let alphabetical: readonly Force[] | undefined;
/**
 * The forces by name, A to Z, built at first use: compared in lower case, which for these names is
 * the order en-GB collation gives (the website's form is held to it by a test), without loading
 * ICU's collator.
 */
export const forcesByName = (): readonly Force[] =>
  (alphabetical ??= [...FORCES].sort((a, b) => {
    const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  }));

let byName: ReadonlyMap<string, Force> | undefined;

export const forceById = (id: ForceId): Force | undefined => (byId ??= new Map(FORCES.map((force) => [force.id, force]))).get(id);

/**
 * The force a reporter meant by what they typed: an id ("metropolitan"), an official name
 * ("Metropolitan Police Service"), a short name ("Met") or an alias ("Scotland Yard"), however
 * cased or punctuated. Undefined when the text names no force, or is ambiguous ("London").
 */
export const findForce = (text: string): Force | undefined => forceById(text) ?? (byName ??= buildNameIndex(FORCES)).get(forceNameKey(text));
