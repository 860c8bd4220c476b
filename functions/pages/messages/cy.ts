/**
 * Popeth y mae'r wefan gyhoeddus yn ei ddweud, yn Gymraeg: everything the public website says, in
 * Welsh, key for key with the English catalogue (en.ts); the type makes a missing or extra key a
 * compile error, and test/unit/welsh.test.ts renders every Welsh page to check no English is left.
 *
 * AWAITING REVIEW: written by the development team, not yet reviewed by a professional translator.
 * It must be reviewed (and this note removed) before the Welsh pages are announced. Register:
 * formal, as Welsh public bodies write ("chi", "Rhowch …", "Rhaid i … fod …"). Terms kept throughout:
 *   report (noun)        adroddiad              follow-up code    cod dilynol
 *   report (verb)        rhoi gwybod am         reference         cyfeirnod
 *   police force         heddlu                 contact centre    canolfan gyswllt
 *   anonymous            dienw                  character (text)  nod
 *   identify you         eich adnabod           Leave this site   Gadael y wefan hon
 */
import { groupedNumber } from '#domain/entities/numerals.ts';
import type { Messages } from './en.ts';

type DatePart = 'day' | 'month' | 'year';

const DATE_PARTS: Record<DatePart, string> = { day: 'diwrnod', month: 'mis', year: 'blwyddyn' };

const listed = (parts: readonly string[]): string =>
  parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} a ${parts[parts.length - 1]!}`;

/**
 * A free-text answer's three messages: `afterI` names it after "Rhaid i" ("i'w henw"), `named`
 * as the subject of "Mae … yn cynnwys" ("eu henw"), `enter` after "Rhowch".
 */
const textField = (afterI: string, named: string, enter: string) => ({
  tooLong: (limit: string): string => `Rhaid ${afterI} fod yn ${limit} nod neu lai`,
  hidden: `Mae ${named} yn cynnwys nodau cudd na ellir eu dangos. Teipiwch y testun eto yn hytrach na’i ludo`,
  enter: `Rhowch ${enter}`,
});

/** Welsh uses every CLDR plural category; after a numeral the noun stays singular, so one text serves them all. */
const everyCount = (text: string) => ({ zero: text, one: text, two: text, few: text, many: text, other: text });

export const cy: Messages = {
  languageName: 'Cymraeg',
  locale: 'cy-GB',

  shell: {
    serviceName: 'Rhoi gwybod am lygredd a cham-drin gan yr heddlu',
    errorSummaryTitle: 'Mae problem wedi codi',
    errorTitlePrefix: 'Gwall: ',
    skipLink: 'Neidio i’r prif gynnwys',
    quickExitLabel: 'Gadael yn gyflym',
    quickExit: 'Gadael y wefan hon',
    emergency: 'Os ydych chi neu rywun arall mewn perygl nawr, ffoniwch 999.',
    footer:
      'Elusen annibynnol sy’n rhedeg y gwasanaeth hwn. Nid ydym byth yn cofnodi eich cyfeiriad IP, eich porwr na’ch dyfais. Nid yw’r wefan hon yn defnyddio cwcis.',
    languageLabel: 'Iaith',
  },

  script: {
    sending: 'Yn anfon…',
    exitPressesLeft: (left: number): string =>
      left === 1
        ? 'Shift: pwyswch unwaith eto i adael y wefan hon.'
        : left === 2
          ? 'Shift: pwyswch ddwywaith eto i adael y wefan hon.'
          : `Shift: pwyswch ${left} gwaith eto i adael y wefan hon.`,
  },

  components: {
    errorPrefix: 'Gwall:',
    warning: 'Rhybudd',
    success: 'Llwyddiant',
    characterLimit: (limit: number): string => `Gallwch roi hyd at ${groupedNumber(limit)} nod`,
    charactersUnderLimit: everyCount('Mae gennych %{count} nod yn weddill'),
    charactersAtLimit: 'Mae gennych 0 nod yn weddill',
    charactersOverLimit: everyCount('Mae gennych %{count} nod yn ormod'),
  },

  forceNames: {
    'dyfed-powys': 'Heddlu Dyfed-Powys',
    gwent: 'Heddlu Gwent',
    'north-wales': 'Heddlu Gogledd Cymru',
    'south-wales': 'Heddlu De Cymru',
  },

  notFound: {
    title: 'Heb ddod o hyd i’r dudalen',
    typed: 'Os gwnaethoch deipio’r cyfeiriad gwe, gwiriwch ei fod yn gywir.',
    pasted: 'Os gwnaethoch ludo’r cyfeiriad gwe, gwiriwch eich bod wedi copïo’r cyfeiriad cyfan.',
    startLink: 'Mynd i’r dudalen gychwyn',
  },

  problem: {
    title: 'Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth',
    tryLater: 'Rhowch gynnig arall arni yn nes ymlaen.',
    notSent: 'Os gwelsoch y neges hon ar ôl pwyso ‘Anfon adroddiad’, nid yw eich adroddiad wedi cael ei anfon.',
  },

  callFree: { before: 'Gallwch hefyd ffonio ein canolfan gyswllt am ddim ar', after: '.' },

  categories: {
    descriptions: {
      bribery: 'Llwgrwobrwyo neu werthu gwybodaeth',
      abuse_of_position: 'Camddefnyddio swydd er budd personol',
      sexual_misconduct: 'Camddefnyddio swydd at ddiben rhywiol',
      domestic_abuse: 'Cam-drin neu reoli partner',
      discrimination: 'Ymddygiad hiliol, homoffobig, misogynistaidd neu wahaniaethol ar sail anabledd',
      other_criminality: 'Troseddau eraill',
    },
    plainWords: {
      bribery: 'cymryd llwgrwobrwyon, neu werthu neu drosglwyddo gwybodaeth yr heddlu',
      abuse_of_position: 'defnyddio eu swydd yn yr heddlu er eu budd eu hunain',
      sexual_misconduct: 'defnyddio eu swydd yn yr heddlu i geisio perthynas rywiol neu berthynas emosiynol amhriodol â rhywun',
      domestic_abuse: 'cam-drin neu reoli partner neu gyn-bartner',
      discrimination: 'ymddwyn mewn ffordd hiliol, homoffobig, misogynistaidd neu wahaniaethol ar sail anabledd',
      other_criminality: 'cyflawni unrhyw drosedd arall',
    },
    hints: {
      bribery: 'Er enghraifft, cymryd arian neu ffafrau, neu drosglwyddo gwybodaeth yr heddlu',
      abuse_of_position: 'Defnyddio eu swydd yn yr heddlu er eu budd eu hunain',
      sexual_misconduct: 'Defnyddio eu swydd yn yr heddlu i geisio perthynas rywiol neu berthynas emosiynol amhriodol â rhywun',
    },
  },

  start: {
    useThisService:
      'Defnyddiwch y gwasanaeth hwn i roi gwybod am swyddog heddlu, aelod o staff yr heddlu neu wirfoddolwr gyda’r heddlu sydd wedi bod yn:',
    anyForce: 'Gall ymwneud ag unrhyw heddlu yn y DU. Gall fod yn rhywun rydych yn ei adnabod, neu’n rhywun rydych yn byw gydag ef neu gyda hi.',
    anonymousHeading: 'Gallwch aros yn ddienw',
    anonymousDetails:
      'Nid oes rhaid i chi ddweud wrthym pwy ydych chi. Os ydych yn dymuno, gallwch adael manylion cyswllt. Dim ond ein canolfan gyswllt fydd yn eu gweld.',
    anonymousRemoval: 'Bydd ein canolfan gyswllt yn dileu unrhyw beth a allai eich adnabod cyn i’ch adroddiad gael ei anfon at yr heddlu.',
    afterHeading: 'Ar ôl i chi anfon adroddiad',
    afterText:
      'Byddwch yn cael cyfeirnod a chod dilynol. Defnyddiwch nhw i wirio eich adroddiad ac i ateb unrhyw gwestiynau sydd gan yr heddlu, heb ddweud wrthym pwy ydych chi.',
    startNow: 'Dechrau nawr',
    checkReport: 'Gwirio adroddiad a wnaethoch',
    otherWaysHeading: 'Ffyrdd eraill o roi gwybod',
    safeHeading: 'Cadw’n ddiogel ar-lein',
    safeExit: 'Os oes angen i chi adael y wefan hon yn gyflym, defnyddiwch y botwm ‘Gadael y wefan hon’ ar frig pob tudalen.',
    safeHistory:
      'Efallai y bydd rhywun sy’n defnyddio eich ffôn neu eich cyfrifiadur yn gallu gweld eich bod wedi ymweld â’r wefan hon. Efallai yr hoffech ddefnyddio ffenestr pori preifat, neu glirio eich hanes pori wedyn.',
  },

  form: {
    title: 'Gwneud adroddiad',
    intro: 'Atebwch yr hyn y gallwch. Dim ond am beth mae’r adroddiad a beth ddigwyddodd y mae’n rhaid i chi eu dweud wrthym.',
    nothingSent: 'Ni fydd dim yn cael ei anfon nes i chi bwyso ‘Anfon adroddiad’ ar waelod y dudalen hon.',
    categoriesLegend: 'Am beth mae’r adroddiad?',
    categoriesHint: 'Dewiswch bob un sy’n berthnasol.',
    narrativeLabel: 'Beth ddigwyddodd?',
    narrativeHint:
      'Dywedwch wrthym beth a wnaethant, pryd a ble, a phwy arall oedd yno neu a welodd y peth.\n    Os ydych am aros yn ddienw, peidiwch â chynnwys eich enw eich hun nac unrhyw beth arall a allai eich adnabod.',
    whoHeading: 'Am bwy mae’r adroddiad?',
    whoIntro: 'Dywedwch wrthym beth rydych yn ei wybod. Gallwch adael unrhyw un o’r rhain yn wag.',
    roleLegend: 'Beth yw eu rôl? (dewisol)',
    roleOfficer: 'Swyddog heddlu',
    roleStaff: 'Aelod o staff yr heddlu',
    roleStaffHint: 'Er enghraifft, rhywun sy’n ateb galwadau neu swyddog cymorth cymunedol yr heddlu (SCCH)',
    roleVolunteer: 'Gwirfoddolwr gyda’r heddlu',
    doNotKnow: 'Nid wyf yn gwybod',
    nameLabel: 'Eu henw (dewisol)',
    collarLabel: 'Eu rhif coler neu ysgwydd (dewisol)',
    collarHint: 'Mae swyddogion heddlu yn gwisgo’r rhif hwn ar eu lifrai',
    rankLabel: 'Eu rheng neu deitl eu swydd (dewisol)',
    rankHint: 'Er enghraifft, cwnstabl, rhingyll neu dditectif arolygydd',
    stationLabel: 'Ble maent yn gweithio (dewisol)',
    stationHint: 'Er enghraifft, yr orsaf heddlu neu’r tîm',
    whereHeading: 'Ble digwyddodd hyn?',
    forceLabel: 'Heddlu (dewisol)',
    forceHint: 'Yr heddlu y maent yn gweithio iddo, neu’r ardal lle digwyddodd',
    postcodeLabel: 'Cod post (dewisol)',
    postcodeHint: 'Y cod post llawn, fel SW1A 1AA, neu’r rhan gyntaf, fel SW1A',
    locationLabel: 'Disgrifiwch ble digwyddodd (dewisol)',
    locationHint: 'Er enghraifft, stryd, adeilad, neu y tu mewn i orsaf heddlu neu gar heddlu',
    whenHeading: 'Pryd digwyddodd hyn?',
    whenLegend: 'Pryd dechreuodd hyn? (dewisol)',
    whenHint: 'Er enghraifft, 27 3 2024. Os nad ydych yn siŵr o’r union ddiwrnod, rhowch eich amcangyfrif gorau.',
    day: 'Diwrnod',
    month: 'Mis',
    year: 'Blwyddyn',
    ongoing: 'Mae’n dal i ddigwydd',
    aboutYouHeading: 'Amdanoch chi',
    modeLegend: 'A ydych am aros yn ddienw?',
    modeAnonymous: 'Aros yn ddienw: ni fyddwn yn gofyn pwy ydych chi',
    modeConfidential: 'Gadael manylion cyswllt ar gyfer y ganolfan gyswllt yn unig',
    modeConfidentialHint:
      'Efallai y bydd ein canolfan gyswllt yn cysylltu â chi am eich adroddiad. Nid ydynt byth yn rhoi eich manylion i’r heddlu.',
    contactIntro:
      'Dim ond os ydych wedi dewis gadael manylion cyswllt y byddwn yn defnyddio’r rhain. Rhowch fanylion sy’n ddiogel i ni eu defnyddio yn unig.',
    contactNameLabel: 'Eich enw (dewisol)',
    contactEmailLabel: 'Cyfeiriad e-bost (dewisol)',
    contactPhoneLabel: 'Rhif ffôn (dewisol)',
    safeTimesLabel: 'Pryd a sut y mae’n ddiogel cysylltu â chi? (dewisol)',
    safeTimesHint:
      'Er enghraifft, drwy e-bost yn unig, neu ar foreau yn ystod yr wythnos yn unig. Dywedwch wrthym os na ddylem adael neges.',
    youWillGet: 'Pan fyddwch yn anfon eich adroddiad, byddwch yn cael cyfeirnod a chod dilynol.',
    send: 'Anfon adroddiad',
  },

  formErrors: {
    dateMustInclude: (missing: readonly DatePart[]): string =>
      `Rhaid i’r dyddiad y dechreuodd gynnwys ${listed(missing.map((part) => DATE_PARTS[part]))}`,
    dateReal: 'Rhaid i’r dyddiad y dechreuodd fod yn ddyddiad go iawn',
    yearFourDigits: 'Rhaid i’r flwyddyn gynnwys 4 rhif',
    date1900: 'Rhaid i’r dyddiad y dechreuodd fod yn 1900 neu’n hwyrach',
    dateFuture: 'Rhaid i’r dyddiad y dechreuodd fod heddiw neu yn y gorffennol',
    dateEnded: 'Rhaid i’r dyddiad y daeth i ben fod yr un fath â’r dyddiad y dechreuodd, neu ar ei ôl',
    anonymousWithContact: 'Rydych wedi dewis aros yn ddienw. Tynnwch eich manylion cyswllt, neu dewiswch adael manylion cyswllt',
    chooseReporterMode: 'Dewiswch a ydych am aros yn ddienw neu adael manylion cyswllt',
    chooseForce: 'Dewiswch yr heddlu o’r rhestr, neu ‘Nid wyf yn gwybod’',
    chooseCategory: 'Dewiswch am beth mae’r adroddiad',
    categoryOnce: 'Dewiswch bob peth y mae’r adroddiad yn ymwneud ag ef unwaith yn unig',
    chooseRole: 'Dewiswch beth yw eu rôl, neu ‘Nid wyf yn gwybod’',
    postcode: 'Rhowch god post, fel SW1A 1AA, neu’r rhan gyntaf, fel SW1A',
    ongoing: 'Ticiwch y blwch os yw’n dal i ddigwydd, neu gadewch ef yn wag',
    email: 'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
    emailTooLong: (limit: string): string => `Rhaid i’r cyfeiriad e-bost fod yn ${limit} nod neu lai`,
    phone: 'Rhowch rif ffôn, fel 01632 960 001, 07700 900 982 neu +44 808 157 0192',
    narrativeTooLong: (limit: string): string => `Rhaid i’r disgrifiad o beth ddigwyddodd fod yn ${limit} nod neu lai`,
    narrativeHidden: 'Mae’r disgrifiad o beth ddigwyddodd yn cynnwys nodau cudd na ellir eu dangos. Teipiwch y testun eto yn hytrach na’i ludo',
    narrativeTooShort: (minimum: number): string => `Dywedwch wrthym beth ddigwyddodd, mewn o leiaf ${minimum} nod`,
    generic: 'Mae problem gyda’r ateb hwn. Gwiriwch ef a rhowch gynnig arall arni',
    unexpected: 'Mae problem gyda’r adroddiad. Gwiriwch eich atebion a rhowch gynnig arall arni',
    subjectName: textField('i’w henw', 'eu henw', 'eu henw'),
    subjectCollarNumber: textField('i’w rhif coler neu ysgwydd', 'eu rhif coler neu ysgwydd', 'eu rhif coler neu ysgwydd'),
    subjectRank: textField('i’w rheng neu deitl eu swydd', 'eu rheng neu deitl eu swydd', 'eu rheng neu deitl eu swydd'),
    subjectStation: textField('i’r man lle maent yn gweithio', 'y man lle maent yn gweithio', 'y man lle maent yn gweithio'),
    locationDescription: textField('i’r disgrifiad o ble digwyddodd', 'y disgrifiad o ble digwyddodd', 'ble digwyddodd'),
    contactName: textField('i’ch enw', 'eich enw', 'eich enw'),
    contactSafeTimes: textField(
      'i’r wybodaeth am bryd a sut y mae’n ddiogel cysylltu â chi',
      'yr wybodaeth am bryd a sut y mae’n ddiogel cysylltu â chi',
      'bryd a sut y mae’n ddiogel cysylltu â chi',
    ),
  },

  confirmation: {
    title: 'Adroddiad wedi’i anfon',
    yourReference: 'Eich cyfeirnod',
    codeHeading: 'Eich cod dilynol',
    codeUse: 'Mae angen y cod hwn a’ch cyfeirnod arnoch i wirio eich adroddiad, ateb cwestiynau ac ychwanegu gwybodaeth.',
    writeDown:
      'Ysgrifennwch eich cyfeirnod a’ch cod dilynol nawr, neu cadwch nhw rywle diogel lle na fydd neb na ddylai eu gweld yn dod o hyd iddynt.\n  Ni all neb adfer eich cod dilynol, gan gynnwys ni. Ni fyddwch yn gweld y dudalen hon eto.',
    nextHeading: 'Beth sy’n digwydd nesaf',
    nextCheck:
      'Bydd ein canolfan gyswllt yn gwirio eich adroddiad ac yn dileu unrhyw beth a allai eich adnabod. Yna byddant yn ei anfon at yr heddlu y mae’n ymwneud ag ef.',
    nextQuestions: {
      before: 'Efallai y bydd gan yr heddlu gwestiynau i chi. I’w gweld, neu i ychwanegu rhagor o wybodaeth,',
      link: 'gwiriwch adroddiad a wnaethoch',
      after: 'gyda’ch cyfeirnod a’ch cod dilynol.',
    },
  },

  changed: {
    title: 'Rydych eisoes wedi anfon adroddiad o’r ffurflen hon',
    received:
      'Rydym wedi cael yr adroddiad a anfonwyd gennych gyntaf. Mae’n ddiogel gyda ni ac nid oes angen i chi ei anfon eto. Mae ei gyfeirnod ar y dudalen a welsoch pan wnaethoch ei anfon.',
    different: 'Mae’r hyn a anfonwyd gennych nawr yn wahanol i’ch adroddiad cyntaf, felly nid ydym wedi’i dderbyn.',
    sendNewHeading: 'Anfon yr hyn a ysgrifennwyd gennych nawr fel adroddiad newydd',
    sendNewText: 'Bydd yn adroddiad ar wahân, gyda chyfeirnod a chod dilynol newydd. Bydd eich adroddiad cyntaf yn aros fel y mae.',
    sendNew: 'Anfon fel adroddiad newydd',
    addHeading: 'Neu ychwanegu at eich adroddiad cyntaf',
    add: {
      before: 'Os oeddech am gywiro eich adroddiad cyntaf neu ddweud mwy wrthym, gallwch',
      link: 'ychwanegu gwybodaeth at adroddiad a wnaethoch',
      after: 'gyda’i gyfeirnod a’i god dilynol.',
    },
    nothingElse: 'Os nad oeddech yn bwriadu anfon unrhyw beth arall, nid oes angen i chi wneud dim.',
    startLink: 'Mynd i’r dudalen gychwyn',
  },

  signIn: {
    title: 'Gwirio adroddiad a wnaethoch',
    intro:
      'Rhowch y cyfeirnod a’r cod dilynol a gawsoch pan wnaethoch anfon eich adroddiad. Yna gallwch weld ble mae eich adroddiad arni, ateb unrhyw gwestiynau ac ychwanegu gwybodaeth.',
    referenceLabel: 'Cyfeirnod',
    referenceHint: 'Er enghraifft, PAC-7K3M-X9QD',
    codeLabel: 'Cod dilynol',
    codeHint: (digits: number): string => `${digits} rhif, fel 1234 5678 9012 3456. Gallwch gynnwys y bylchau.`,
    continue: 'Parhau',
    lostHeading: 'Os ydych wedi colli eich cod dilynol',
    lost: {
      before: 'Ni all neb adfer cod dilynol, gan gynnwys ni. Gallwch',
      link: 'wneud adroddiad newydd',
      middle: 'a dweud eich bod wedi rhoi gwybod o’r blaen, neu ffonio ein canolfan gyswllt am ddim ar',
      after: '.',
    },
    notRecognised: 'Nid oeddem yn gallu dod o hyd i adroddiad gyda’r cyfeirnod a’r cod dilynol hynny. Gwiriwch nhw a rhowch gynnig arall arni.',
    tooManyAttempts: 'Bu gormod o ymdrechion i agor yr adroddiad hwn. Rhowch gynnig arall arni ymhen awr.',
    enterReference: 'Rhowch eich cyfeirnod',
    referenceFormat: 'Rhowch y cyfeirnod fel y cafodd ei roi i chi, fel PAC-7K3M-X9QD',
    enterCode: 'Rhowch eich cod dilynol',
    codeFormat: (digits: number): string => `Rhowch ${digits} digid eich cod dilynol`,
  },

  followUp: {
    title: 'Eich adroddiad',
    reference: 'Cyfeirnod',
    status: 'Statws',
    statuses: {
      received: {
        tag: 'Wedi dod i law',
        explanation:
          'Mae eich adroddiad gan ein canolfan gyswllt. Byddant yn dileu unrhyw beth a allai eich adnabod cyn iddo gael ei anfon at yr heddlu.',
      },
      passed_to_a_police_force: {
        tag: 'Wedi’i anfon at heddlu',
        explanation: 'Mae eich adroddiad wedi cael ei anfon at yr heddlu y mae’n ymwneud ag ef. Efallai y byddant yn gofyn cwestiynau i chi yma.',
      },
      closed: {
        tag: 'Wedi cau',
        explanation: 'Rydym wedi gorffen delio â’ch adroddiad. Gallwch barhau i ychwanegu gwybodaeth os oes rhywbeth newydd.',
      },
    },
    answerReceived: 'Mae eich ateb wedi cael ei anfon',
    informationReceived: 'Mae eich gwybodaeth wedi cael ei hanfon',
    checkedBeforePassedOn: 'Bydd ein canolfan gyswllt yn gwirio hyn cyn ei anfon ymlaen.',
    questionsHeading: 'Cwestiynau i chi',
    noQuestions:
      'Nid oes unrhyw gwestiynau i chi ar hyn o bryd. Efallai y bydd yr heddlu yn gofyn cwestiynau yn nes ymlaen, felly dewch yn ôl i wirio o bryd i’w gilydd.',
    answersChecked:
      'Bydd ein canolfan gyswllt yn gwirio eich atebion ac yn dileu unrhyw beth a allai eich adnabod cyn iddynt gael eu hanfon ymlaen.',
    askedOn: (day: string): string => `Cwestiwn a ofynnwyd ar ${day}`,
    answered: 'Wedi’i ateb',
    sendAnswer: 'Anfon ateb',
    addLabel: 'Ychwanegu rhagor o wybodaeth',
    addHint:
      'Dywedwch wrthym am unrhyw beth newydd neu unrhyw beth a adawyd allan gennych. Bydd ein canolfan gyswllt yn ei gwirio ac yn dileu unrhyw beth a allai eich adnabod cyn iddi gael ei hanfon ymlaen.',
    sendInformation: 'Anfon gwybodaeth',
    finishedHeading: 'Pan fyddwch wedi gorffen',
    notSignedIn: 'Nid ydym yn eich cadw wedi mewngofnodi. I ddod yn ôl, bydd angen eich cyfeirnod a’ch cod dilynol arnoch eto.',
    signOut: 'Allgofnodi',
    enterAnswer: 'Rhowch eich ateb',
    answerTooLong: (limit: string): string => `Rhaid i’ch ateb fod yn ${limit} nod neu lai`,
    enterInformation: 'Rhowch yr wybodaeth rydych am ei hychwanegu',
    informationTooLong: (limit: string): string => `Rhaid i’r wybodaeth rydych am ei hychwanegu fod yn ${limit} nod neu lai`,
    alreadyAnswered: 'Mae’r cwestiwn hwn eisoes wedi cael ei ateb',
    stillRecording: 'Mae eich adroddiad yn dal i gael ei gofnodi. Rhowch gynnig arall arni ymhen ychydig funudau',
  },
};
