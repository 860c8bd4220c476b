/**
 * Everything the public website says, in English: the page shell, the components, every page and
 * every error message. Its Welsh twin (cy.ts) is typed with `Messages`, so it must give every key
 * this one has and no other; a test (test/unit/welsh.test.ts) also renders every Welsh page and
 * state and fails when one of these English sentences appears on it.
 *
 * Functions are messages with something in them (a number, a date, a list); both catalogues give
 * the same functions. The service's name in the other language, the telephone number and the
 * reference formats are not words and stay as they are.
 */
import { groupedNumber } from '#domain/entities/numerals.ts';
import { forceById } from '#domain/forces.ts';
import { categoryDescriptions, type Category } from '#domain/report.ts';

type DatePart = 'day' | 'month' | 'year';

const listed = (parts: readonly string[]): string =>
  parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;

/** A free-text answer's three messages, from how a sentence names it and how "Enter …" names it. */
const textField = (name: string, enter: string) => ({
  tooLong: (limit: string): string => `${name} must be ${limit} characters or less`,
  hidden: `${name} includes hidden characters that cannot be shown. Type it again instead of pasting it`,
  enter: `Enter ${enter}`,
});

/** A message by CLDR plural category: English says `one` for 1 and `other` for every other count. */
const plural = (one: string, other: string) => ({ zero: other, one, two: other, few: other, many: other, other });

/** The Welsh forces, whose names the Welsh pages give in Welsh. */
export const WELSH_FORCES = ['dyfed-powys', 'gwent', 'north-wales', 'south-wales'] as const;

export const en = {
  /** The language's own name for itself, as the other language's pages link to it. */
  languageName: 'English',
  /** For `Intl` (dates). */
  locale: 'en-GB',

  shell: {
    serviceName: 'Report police corruption and abuse',
    errorSummaryTitle: 'There is a problem',
    errorTitlePrefix: 'Error: ',
    skipLink: 'Skip to main content',
    quickExitLabel: 'Quick exit',
    quickExit: 'Leave this site',
    emergency: 'If you or someone else is in danger now, call 999.',
    footer: 'Run by an independent charity. We never record your IP address, browser or device. This site uses no cookies.',
    /** The label of the language link's surroundings, for screen readers. */
    languageLabel: 'Language',
  },

  /** What web/src/site.js says, given to it in data attributes so that it stays language-free. */
  script: {
    sending: 'Sending…',
    /** Announced after each press of Shift, by how many more presses leave the site. */
    exitPressesLeft: (left: number): string => `Shift, press ${left} more ${left === 1 ? 'time' : 'times'} to leave this site.`,
  },

  components: {
    errorPrefix: 'Error:',
    warning: 'Warning',
    success: 'Success',
    characterLimit: (limit: number): string => `You can enter up to ${groupedNumber(limit)} characters`,
    /**
     * GOV.UK Frontend's character count, counting down with JavaScript, by CLDR plural category
     * (its i18n options): every category, since Welsh uses them all (English only `one` and
     * `other`). `%{count}` is the number. Given to the page only in Welsh: the package's own are English.
     */
    charactersUnderLimit: plural('You have %{count} character remaining', 'You have %{count} characters remaining'),
    charactersAtLimit: 'You have 0 characters remaining',
    charactersOverLimit: plural('You have %{count} character too many', 'You have %{count} characters too many'),
  },

  /** The Welsh forces' names in this language; every other force is named as the registry names it (functions/domain/forces.ts). */
  forceNames: Object.fromEntries(WELSH_FORCES.map((id) => [id, forceById(id)?.name ?? id])) as Readonly<Record<(typeof WELSH_FORCES)[number], string>>,

  notFound: {
    title: 'Page not found',
    typed: 'If you typed the web address, check it is correct.',
    pasted: 'If you pasted the web address, check you copied the entire address.',
    startLink: 'Go to the start page',
  },

  problem: {
    title: 'Sorry, there is a problem with the service',
    tryLater: 'Try again later.',
    notSent: 'If you saw this after pressing ‘Send report’, your report was not sent.',
  },

  /** "You can also call our contact centre free on <number>." */
  callFree: { before: 'You can also call our contact centre free on', after: '.' },

  categories: {
    /** As the form's checkboxes say them. */
    descriptions: categoryDescriptions,
    /** In plain words, for the start page's list. */
    plainWords: {
      bribery: 'taking bribes, or selling or passing on police information',
      abuse_of_position: 'using their police role for their own gain',
      sexual_misconduct: 'using their police role to pursue a sexual or improper emotional relationship with someone',
      domestic_abuse: 'abusing or controlling a partner or ex-partner',
      discrimination: 'being racist, homophobic, misogynistic or disablist',
      other_criminality: 'any other crime',
    } satisfies Record<Category, string>,
    /** Under some of the form's checkboxes. */
    hints: {
      bribery: 'For example, taking money or favours, or passing on police information',
      abuse_of_position: 'Using their police role for their own gain',
      sexual_misconduct: 'Using their police role to pursue a sexual or improper emotional relationship with someone',
    } satisfies Partial<Record<Category, string>>,
  },

  start: {
    useThisService: 'Use this service to report a police officer, member of police staff or police volunteer for:',
    anyForce: 'It can be about any police force in the UK. It can be someone you know, or someone you live with.',
    anonymousHeading: 'You can stay anonymous',
    anonymousDetails: 'You do not have to tell us who you are. If you want to, you can leave contact details. Only our contact centre will see them.',
    anonymousRemoval: 'Our contact centre removes anything that could identify you before your report is passed to the police.',
    afterHeading: 'After you send a report',
    afterText: 'You will get a reference and a follow-up code. Use them to check on your report and answer any questions the police have, without telling us who you are.',
    startNow: 'Start now',
    checkReport: 'Check a report you made',
    otherWaysHeading: 'Other ways to report',
    safeHeading: 'Staying safe online',
    safeExit: 'If you need to leave this site quickly, use the ‘Leave this site’ button at the top of every page.',
    safeHistory:
      'Someone who uses your phone or computer may be able to see that you visited this site. You may want to use a private browsing window, or clear your browsing history afterwards.',
  },

  form: {
    title: 'Make a report',
    intro: 'Answer what you can. You only have to tell us what it is about and what happened.',
    nothingSent: 'Nothing is sent until you press ‘Send report’ at the end of this page.',
    categoriesLegend: 'What is it about?',
    categoriesHint: 'Select all that apply.',
    narrativeLabel: 'What happened?',
    narrativeHint:
      'Tell us what they did, when and where, and who else was there or saw it.\n    If you want to stay anonymous, do not include your own name or anything else that could identify you.',
    whoHeading: 'Who is it about?',
    whoIntro: 'Tell us what you know. You can leave any of these empty.',
    roleLegend: 'What do they do? (optional)',
    roleOfficer: 'A police officer',
    roleStaff: 'A member of police staff',
    roleStaffHint: 'For example, a call handler or a police community support officer (PCSO)',
    roleVolunteer: 'A police volunteer',
    doNotKnow: 'I do not know',
    nameLabel: 'Their name (optional)',
    collarLabel: 'Their collar or shoulder number (optional)',
    collarHint: 'Police officers wear this number on their uniform',
    rankLabel: 'Their rank or job title (optional)',
    rankHint: 'For example, constable, sergeant or detective inspector',
    stationLabel: 'Where they work (optional)',
    stationHint: 'For example, the police station or team',
    whereHeading: 'Where did it happen?',
    forceLabel: 'Police force (optional)',
    forceHint: 'The force they work for, or the area where it happened',
    postcodeLabel: 'Postcode (optional)',
    postcodeHint: 'The full postcode, like SW1A 1AA, or the first part, like SW1A',
    locationLabel: 'Describe where it happened (optional)',
    locationHint: 'For example, a street, a building, or inside a police station or car',
    whenHeading: 'When did it happen?',
    whenLegend: 'When did it start? (optional)',
    whenHint: 'For example, 27 3 2024. If you are not sure of the exact day, give your best guess.',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    ongoing: 'It is still happening',
    aboutYouHeading: 'About you',
    modeLegend: 'Do you want to stay anonymous?',
    modeAnonymous: 'Stay anonymous: we will not ask who you are',
    modeConfidential: 'Leave contact details for the contact centre only',
    modeConfidentialHint: 'Our contact centre may get in touch about your report. They never pass your details to the police.',
    contactIntro: 'We will only use these if you chose to leave contact details. Only give details that are safe for us to use.',
    contactNameLabel: 'Your name (optional)',
    contactEmailLabel: 'Email address (optional)',
    contactPhoneLabel: 'Phone number (optional)',
    safeTimesLabel: 'When and how is it safe to contact you? (optional)',
    safeTimesHint: 'For example, only by email, or only on weekday mornings. Tell us if we must not leave a message.',
    youWillGet: 'When you send your report, you will get a reference and a follow-up code.',
    send: 'Send report',
  },

  /** What to fix on the report form, in GOV.UK's words. */
  formErrors: {
    dateMustInclude: (missing: readonly DatePart[]): string =>
      `Date it started must include a ${listed(missing)}`,
    dateReal: 'Date it started must be a real date',
    yearFourDigits: 'Year must include 4 numbers',
    date1900: 'Date it started must be in 1900 or later',
    dateFuture: 'Date it started must be today or in the past',
    dateEnded: 'Date it ended must be the same as or after the date it started',
    anonymousWithContact: 'You chose to stay anonymous. Remove your contact details, or choose to leave contact details',
    chooseReporterMode: 'Select whether you want to stay anonymous or leave contact details',
    chooseForce: 'Select the police force from the list, or ‘I do not know’',
    chooseCategory: 'Select what the report is about',
    categoryOnce: 'Select each thing the report is about only once',
    chooseRole: 'Select what they do, or ‘I do not know’',
    postcode: 'Enter a postcode, like SW1A 1AA, or the first part, like SW1A',
    ongoing: 'Tick the box if it is still happening, or leave it empty',
    email: 'Enter an email address in the correct format, like name@example.com',
    emailTooLong: (limit: string): string => `Email address must be ${limit} characters or less`,
    phone: 'Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
    narrativeTooLong: (limit: string): string => `What happened must be ${limit} characters or less`,
    narrativeHidden: 'What happened includes hidden characters that cannot be shown. Type it again instead of pasting it',
    narrativeTooShort: (minimum: number): string => `Tell us what happened, in at least ${minimum} characters`,
    generic: 'There is a problem with this answer. Check it and try again',
    unexpected: 'There is a problem with the report. Check your answers and try again',
    subjectName: textField('Their name', 'their name'),
    subjectCollarNumber: textField('Their collar or shoulder number', 'their collar or shoulder number'),
    subjectRank: textField('Their rank or job title', 'their rank or job title'),
    subjectStation: textField('Where they work', 'where they work'),
    locationDescription: textField('Where it happened', 'where it happened'),
    contactName: textField('Your name', 'your name'),
    contactSafeTimes: textField('When and how it is safe to contact you', 'when and how it is safe to contact you'),
  },

  confirmation: {
    title: 'Report sent',
    yourReference: 'Your reference',
    codeHeading: 'Your follow-up code',
    codeUse: 'You need this code and your reference to check your report, answer questions and add information.',
    writeDown:
      'Write down your reference and follow-up code now, or keep them somewhere safe where nobody who should not see them will find them.\n  Nobody can recover your follow-up code, including us. You will not see this page again.',
    nextHeading: 'What happens next',
    nextCheck: 'Our contact centre will check your report and remove anything that could identify you. Then they will pass it to the police force it concerns.',
    /** "The police may have questions for you. To see them, or to add more information, <link> with your reference and follow-up code." */
    nextQuestions: {
      before: 'The police may have questions for you. To see them, or to add more information,',
      link: 'check a report you made',
      after: 'with your reference and follow-up code.',
    },
  },

  changed: {
    title: 'You have already sent a report from this form',
    received:
      'We received the report you sent first. It is safe with us and you do not need to send it again. Its reference is on the page you saw when you sent it.',
    different: 'What you sent just now is different from your first report, so we have not taken it in.',
    sendNewHeading: 'Send what you wrote just now as a new report',
    sendNewText: 'It will be a separate report, with a new reference and follow-up code. Your first report stays as it is.',
    sendNew: 'Send as a new report',
    addHeading: 'Or add to your first report',
    add: {
      before: 'If you wanted to correct your first report or tell us more, you can',
      link: 'add information to a report you made',
      after: 'with its reference and follow-up code.',
    },
    nothingElse: 'If you did not mean to send anything else, you do not need to do anything.',
    startLink: 'Go to the start page',
  },

  signIn: {
    title: 'Check a report you made',
    intro:
      'Enter the reference and follow-up code you were given when you sent your report. You can then see where your report is, answer any questions and add information.',
    referenceLabel: 'Reference',
    referenceHint: 'For example, PAC-7K3M-X9QD',
    codeLabel: 'Follow-up code',
    codeHint: (digits: number): string => `${digits} numbers, like 1234 5678 9012 3456. You can include the spaces.`,
    continue: 'Continue',
    lostHeading: 'If you have lost your follow-up code',
    /** "Nobody can recover … You can <make a new report> and say … or call our contact centre free on <number>." */
    lost: {
      before: 'Nobody can recover a follow-up code, including us. You can',
      link: 'make a new report',
      middle: 'and say that you have reported before, or call our contact centre free on',
      after: '.',
    },
    notRecognised: 'We could not find a report with that reference and follow-up code. Check them and try again.',
    tooManyAttempts: 'There have been too many attempts to open this report. Try again in an hour.',
    enterReference: 'Enter your reference',
    referenceFormat: 'Enter the reference as it was given, like PAC-7K3M-X9QD',
    enterCode: 'Enter your follow-up code',
    codeFormat: (digits: number): string => `Enter the ${digits} digits of your follow-up code`,
  },

  followUp: {
    title: 'Your report',
    reference: 'Reference',
    status: 'Status',
    statuses: {
      received: {
        tag: 'Received',
        explanation: 'Our contact centre has your report. They remove anything that could identify you before it is passed to the police.',
      },
      passed_to_a_police_force: {
        tag: 'Passed to a police force',
        explanation: 'Your report has been passed to the police force it concerns. They may ask you questions here.',
      },
      closed: {
        tag: 'Closed',
        explanation: 'We have finished dealing with your report. You can still add information if there is something new.',
      },
    },
    answerReceived: 'Your answer has been sent',
    informationReceived: 'Your information has been sent',
    checkedBeforePassedOn: 'Our contact centre will check it before it is passed on.',
    questionsHeading: 'Questions for you',
    noQuestions: 'There are no questions for you at the moment. The police may ask questions later, so check back from time to time.',
    answersChecked: 'Our contact centre checks your answers and removes anything that could identify you before they are passed on.',
    askedOn: (day: string): string => `Question asked on ${day}`,
    answered: 'Answered',
    sendAnswer: 'Send answer',
    addLabel: 'Add more information',
    addHint: 'Tell us anything new or anything you left out. Our contact centre checks it and removes anything that could identify you before it is passed on.',
    sendInformation: 'Send information',
    finishedHeading: 'When you have finished',
    notSignedIn: 'We do not keep you signed in. To come back, you will need your reference and follow-up code again.',
    signOut: 'Sign out',
    enterAnswer: 'Enter your answer',
    answerTooLong: (limit: string): string => `Your answer must be ${limit} characters or fewer`,
    enterInformation: 'Enter the information you want to add',
    informationTooLong: (limit: string): string => `The information you want to add must be ${limit} characters or fewer`,
    alreadyAnswered: 'This question has already been answered',
    stillRecording: 'Your report is still being recorded. Try again in a few minutes',
  },
};

/** A catalogue: the English one's keys, each a message of the same kind (text, or a function of the same arguments). */
type Catalogue<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Catalogue<T[K]> };

export type Messages = Catalogue<typeof en>;
