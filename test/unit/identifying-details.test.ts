import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findIdentifyingDetails, type IdentifyingDetail, type IdentifyingKind } from '../../functions/domain/identifying-details.ts';

/** The detail the analyst should see highlighted: the first occurrence of `words` in `text`. */
const highlight = (text: string, kind: IdentifyingKind, words: string): IdentifyingDetail => {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `test is wrong: ${JSON.stringify(words)} is not in ${JSON.stringify(text)}`);
  return { kind, start, end: start + words.length, text: words };
};

/** Each sentence highlights exactly `words`, and nothing else. */
const highlightsOnly = (kind: IdentifyingKind, examples: ReadonlyArray<readonly [sentence: string, words: string]>) => {
  for (const [sentence, words] of examples) {
    assert.deepEqual(findIdentifyingDetails(sentence), [highlight(sentence, kind, words)], sentence);
  }
};

const highlightsNothing = (sentences: readonly string[]) => {
  for (const sentence of sentences) assert.deepEqual(findIdentifyingDetails(sentence), [], sentence);
};

describe('details that could identify the person who wrote a report', () => {
  it('highlights nothing in a report without any', () => {
    highlightsNothing([
      '',
      'The officer at the front desk asked me for £200 to make my brother’s case go away.',
      'He said it would cost me. I said no and left.',
    ]);
  });

  describe('e-mail addresses', () => {
    it('highlights an address, without the punctuation of the sentence around it', () => {
      highlightsOnly('email', [
        ['You can reach me at jo.bloggs@example.co.uk if you need more.', 'jo.bloggs@example.co.uk'],
        ['Email: Jo_Bloggs+police@Example.com.', 'Jo_Bloggs+police@Example.com'],
        ['He messaged me from (pc.smith1984@hotmail.co.uk) at night', 'pc.smith1984@hotmail.co.uk'],
        ['contact me on j-b@mail.example.org, thanks', 'j-b@mail.example.org'],
      ]);
    });

    it('does not take leading dots into the address', () => {
      highlightsOnly('email', [['write to ...jo@example.com', 'jo@example.com']]);
    });

    it('leaves alone what only looks like one: no dot in the domain, a numeric ending, a bare @', () => {
      highlightsNothing(['meet @ the station', 'jo@localhost', 'he tweeted @jo about it', 'jo@10.0.0.1']);
    });
  });

  describe('phone numbers', () => {
    it('highlights UK mobiles and landlines the ways people write them', () => {
      highlightsOnly('phone', [
        ['Please call me on 07700 900123 after six.', '07700 900123'],
        ['my number is 07700900123', '07700900123'],
        ['Ring +44 7700 900123 any time.', '+44 7700 900123'],
        ['The station number (020) 7946 0000 was on the letter.', '(020) 7946 0000'],
        ['The station number 020 7946 0000 was on the letter.', '020 7946 0000'],
        ['Office: 0161-496-0000.', '0161-496-0000'],
        ['Call +44 (0)20 7946 0000 and ask for me', '+44 (0)20 7946 0000'],
        ['Call +44 (0) 20 7946 0000 and ask for me', '+44 (0) 20 7946 0000'],
        ['Tel:01632 960000', '01632 960000'],
        ['people write +44 07700 900123 too', '+44 07700 900123'],
        ['or 0044 7700 900123 from abroad', '0044 7700 900123'],
      ]);
    });

    it('highlights international numbers that start with +', () => {
      highlightsOnly('phone', [
        ['I am in Spain now, +34 612 345 678 is my mobile.', '+34 612 345 678'],
        ['He called from +1 (212) 555-0100.', '+1 (212) 555-0100'],
        ['My French number is +33 1 23 45 67 89', '+33 1 23 45 67 89'],
      ]);
    });

    it('stops at the end of the number when other numbers follow it', () => {
      highlightsOnly('phone', [
        ['call 07700 900123 24 hours a day', '07700 900123'],
        ['call 07700 900123. 5 officers were there', '07700 900123'],
      ]);
      const text = 'either 07700 900123 01632 960000';
      assert.deepEqual(findIdentifyingDetails(text), [highlight(text, 'phone', '07700 900123'), highlight(text, 'phone', '01632 960000')]);
    });

    it('leaves alone dates, times, money, collar numbers and short or emergency numbers', () => {
      highlightsNothing([
        'It happened on 2024-01-31 at about 10:30.',
        'It happened on 31/01/2024 and again on 01/02/2024.',
        'It happened on 31.01.2024 at 0930 hours.',
        'He asked me for £200, then £1,500, then £0.50 more.',
        'PC 4521 and his colleague, collar number AB123, were there.',
        'I rang 999 and then 101, and Childline on 0800 1111.',
        'It was 20 minutes, maybe 30, before the +2 arrived.',
        'case 1234567890 was closed',
        'the code was 07700900123abc',
      ]);
    });
  });

  describe('postcodes', () => {
    it('highlights full postcodes in every shape, any case, with or without the space', () => {
      highlightsOnly('postcode', [
        ['He parked outside SW1A 1AA every night.', 'SW1A 1AA'],
        ['my postcode is sw1a1aa', 'sw1a1aa'],
        ['The flat is in M1 1AE.', 'M1 1AE'],
        ['near B33 8TH,', 'B33 8TH'],
        ['CR2 6XH is where he lives', 'CR2 6XH'],
        ['post it to DN55 1PT', 'DN55 1PT'],
        ['office at EC1A 1BB.', 'EC1A 1BB'],
        ['(W1A 0AX)', 'W1A 0AX'],
        ['Girobank was GIR 0AA.', 'GIR 0AA'],
      ]);
    });

    it('leaves alone a bare district, which thousands of homes share, and shapes no postcode has', () => {
      highlightsNothing(['It was somewhere in HR3, near Hay.', 'He lives in the SW1 area.', 'flat Q1 1AA', 'ref SW1A 1CA']);
    });
  });

  describe('links', () => {
    it('highlights web addresses, www. addresses and bare domains with a path', () => {
      highlightsOnly('url', [
        ['His profile is at https://www.facebook.com/jo.bloggs.123.', 'https://www.facebook.com/jo.bloggs.123'],
        ['see http://example.com/a?b=1&c=2#top, then', 'http://example.com/a?b=1&c=2#top'],
        ['(see https://en.wikipedia.org/wiki/Bribery_(law))', 'https://en.wikipedia.org/wiki/Bribery_(law)'],
        ['My blog, www.jobloggs.co.uk, has the photos.', 'www.jobloggs.co.uk'],
        ['He found me on facebook.com/jo.bloggs and messaged me', 'facebook.com/jo.bloggs'],
        ['my tiktok is tiktok.com/@jobloggs', 'tiktok.com/@jobloggs'],
      ]);
    });

    it('leaves alone bare domains without a path, abbreviations and numbers with slashes', () => {
      highlightsNothing(['I bought it on Amazon.com last year.', 'e.g./i.e. and and/or', 'it was 31.01.2024/25', 'version 1.2/3']);
    });
  });

  describe('vehicle registrations', () => {
    it('highlights current, prefix and suffix plates on their own', () => {
      highlightsOnly('vehicle_registration', [
        ['He followed me home, AB12 CDE, every night.', 'AB12 CDE'],
        ['it was ab12cde I think', 'ab12cde'],
        ['an old Escort, A123 BCD', 'A123 BCD'],
        ['the Jag was ABC 123D.', 'ABC 123D'],
      ]);
    });

    it('highlights dateless plates only where the text is about a vehicle', () => {
      highlightsOnly('vehicle_registration', [
        ['My car is a silver Golf, reg ABC 123.', 'ABC 123'],
        ['the number plate on his van was 1234 AB', '1234 AB'],
        ['It was registration AB 1 on a black Range Rover.', 'AB 1'],
        ["the officer's car, reg AB 123, was outside", 'AB 123'],
      ]);
      highlightsNothing(['I heard ABC 123 on the radio.', 'Flat 12 B is upstairs']);
    });

    it('leaves alone collar numbers, roads, times and speeds even in a sentence about a car', () => {
      highlightsNothing([
        'PC 4521 pulled my car over.',
        'The officer, collar number AB123, got out of his car.',
        'Officer AB123 was driving the car.',
        'He drove his car up the A1 and onto the M25 at 10 PM doing 90 MPH.',
        'His car, a BMW 320 or maybe a BMW X5, was outside; mine is a Volvo XC90.',
      ]);
    });

    it('leaves lower-case prefix and suffix shapes alone: they are prose', () => {
      highlightsNothing(['we took the a1 and then the b123 all the way.']);
    });
  });

  describe('the reporter naming or describing themselves', () => {
    it('highlights "my name is" and the name that follows', () => {
      highlightsOnly('self_identification', [
        ['My name is Jo Bloggs and I want to report an officer.', 'My name is Jo Bloggs'],
        ["Hello, my name's Sam O'Brien-Smith.", "my name's Sam O'Brien-Smith"],
        ['MY NAME IS Maria de Souza, I am scared.', 'MY NAME IS Maria de Souza'],
        ['My name is Jo Bloggs I live nearby', 'My name is Jo Bloggs'],
        ["I'm called Jo.", "I'm called Jo"],
      ]);
    });

    it('takes up to two words after "my name is" when the name is not capitalised', () => {
      highlightsOnly('self_identification', [
        ['hi my name is jo bloggs and i need help', 'my name is jo bloggs'],
        ['my name is jo but everyone calls me jojo', 'my name is jo'],
      ]);
    });

    // Decided: "my name is not important" (and "withheld", "on the tenancy"...) says there is no name
    // to find, so nothing is highlighted; a capitalised name after the same words would be.
    it('leaves alone "my name is" when what follows says there is no name', () => {
      highlightsNothing(['My name is not important.', 'my name is withheld', 'My name is on the tenancy too.', "I'm called names by him."]);
    });

    it('highlights the reporter saying how they are related to the officer', () => {
      highlightsOnly('self_identification', [
        ['I am his wife and he hits me.', 'I am his wife'],
        ["I'm her husband.", "I'm her husband"],
        ['i am his partner', 'i am his partner'],
        ['Im his ex-wife', 'Im his ex-wife'],
        ['I’m his ex girlfriend', 'I’m his ex girlfriend'],
        ['I was his boyfriend for two years', 'I was his boyfriend'],
        ['I am their daughter', 'I am their daughter'],
        ['I am his son.', 'I am his son'],
        ['I am his mother.', 'I am his mother'],
        ['I am his father', 'I am his father'],
        ["I'm her sister", "I'm her sister"],
        ['I am his brother', 'I am his brother'],
        ["I'm the officer's neighbour", "I'm the officer's neighbour"],
        ['I am her colleague at Brixton', 'I am her colleague'],
        ['I am his line manager.', 'I am his line manager'],
        ["I'm a colleague of his", "I'm a colleague of his"],
        ["I'm one of his colleagues", "I'm one of his colleagues"],
        ['I was married to him for ten years', 'I was married to him'],
        ['I live with him', 'I live with him'],
      ]);
    });

    it('highlights where the reporter works, to the end of the clause', () => {
      highlightsOnly('self_identification', [
        ['I work at Tesco in Leeds, and he shops there.', 'I work at Tesco in Leeds'],
        ['I work for the council as a cleaner.', 'I work for the council'],
        ["I'm working at Marks and Spencer on Briggate. He came in.", "I'm working at Marks and Spencer on Briggate"],
        ['i used to work for him at the garage', 'i used to work for him at the garage'],
        ["I'm employed by the force; he knows.", "I'm employed by the force"],
        ["I'm a nurse at St Thomas' Hospital.", "I'm a nurse at St Thomas' Hospital"],
        ['I am a cleaner for the Met, and he knows it.', 'I am a cleaner for the Met'],
      ]);
    });

    // Decided: a job is flagged only at a named place (a capital or a number after "at"/"for"), so
    // "I'm a mess at the moment" is not; "I am a nurse at the hospital" is not either, a miss we accept.
    it('leaves alone "I am a … at" when no named place follows', () => {
      highlightsNothing(["I'm a mess at the moment.", 'I was a bit scared at night.', 'I am a nurse at the hospital.']);
    });

    it('highlights where the reporter lives, to the end of the clause', () => {
      highlightsOnly('self_identification', [
        ['I live at 12 Acacia Avenue, Leeds, LS1 4AB, which he knows.', 'I live at 12 Acacia Avenue, Leeds, LS1 4AB'],
        ['I live next door to him.', 'I live next door to him'],
        ['I live opposite the station with my kids', 'I live opposite the station'],
        ['I live on Acacia Avenue.', 'I live on Acacia Avenue'],
        ['I live in the same block as him', 'I live in the same block'],
        ["I'm living at my mum's since he left", "I'm living at my mum's"],
      ]);
    });

    it('keeps an address clause to a reasonable length', () => {
      const text = `I live at ${'the big house '.repeat(20)}`;
      const [detail] = findIdentifyingDetails(text);
      assert.equal(detail?.kind, 'self_identification');
      assert.ok(detail.end - detail.start <= 'I live at '.length + 100);
      assert.match(detail.text, /house$/);
    });

    it('leaves alone the reporter talking about themselves without identifying themselves', () => {
      highlightsNothing([
        'I am worried about what he will do.',
        "I'm his victim and I am scared.",
        'I am a mother of two.',
        'I live in fear of him.',
        'I live on my own.',
        'I am his',
        'The officer said his wife works at the bank.',
      ]);
    });
  });

  describe('a whole report', () => {
    it('highlights the e-mail address and phone number in a narrative, where they are', () => {
      const narrative = [
        'On 31/01/2024 at about 22:15 an officer (collar number AB123) stopped me on the High Street.',
        'He said he would forget about it for £200 cash.',
        '',
        'I am happy to help. Email jo.bloggs@example.co.uk or',
        'call 07700 900123 after 6pm.',
      ].join('\n');
      assert.deepEqual(findIdentifyingDetails(narrative), [
        // 92 + 47 + 0 characters of lines, 3 newlines, then 'I am happy to help. Email ' (26): 168.
        { kind: 'email', start: 168, end: 191, text: 'jo.bloggs@example.co.uk' },
        { kind: 'phone', start: 200, end: 212, text: '07700 900123' },
      ]);
    });

    it('highlights every kind, in order, each once', () => {
      const narrative =
        "My name is Jo Bloggs and I'm his ex-wife. He parks his car, reg AB 123, at SW1A 1AA. " +
        'His page is facebook.com/pc.smith, mine is www.jobloggs.co.uk. Text 07700 900123 or +33 1 23 45 67 89, ' +
        'or email jo@example.com. He also drives AB12 CDE.';
      assert.deepEqual(
        findIdentifyingDetails(narrative).map(({ kind, text }) => [kind, text]),
        [
          ['self_identification', 'My name is Jo Bloggs'],
          ['self_identification', "I'm his ex-wife"],
          ['vehicle_registration', 'AB 123'],
          ['postcode', 'SW1A 1AA'],
          ['url', 'facebook.com/pc.smith'],
          ['url', 'www.jobloggs.co.uk'],
          ['phone', '07700 900123'],
          ['phone', '+33 1 23 45 67 89'],
          ['email', 'jo@example.com'],
          ['vehicle_registration', 'AB12 CDE'],
        ],
      );
    });

    it('keeps the longer of two details that overlap, so the analyst sees one highlight', () => {
      const text = 'I live at 12 Acacia Avenue, Leeds LS1 4AB. Call me.';
      assert.deepEqual(findIdentifyingDetails(text), [highlight(text, 'self_identification', 'I live at 12 Acacia Avenue, Leeds LS1 4AB')]);
    });

    it('counts positions in UTF-16, as the browser does, past emoji and accents', () => {
      const text = '😡 José here 👮‍♂️ — ring 07700 900123';
      const [detail] = findIdentifyingDetails(text);
      assert.deepEqual(detail, highlight(text, 'phone', '07700 900123'));
      assert.equal(text.slice(detail.start, detail.end), '07700 900123');
    });
  });
});
