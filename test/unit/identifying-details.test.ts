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
      'The officer at the front desk asked me for £200 to make the case go away.',
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
        ['My name is Jo Bloggs I need help', 'My name is Jo Bloggs'],
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
        ['I was his boyfriend for two years', 'I was his boyfriend for two years'],
        ['I was his wife until 2019. He', 'I was his wife until 2019'],
        ['I am their daughter', 'I am their daughter'],
        ['I am his son.', 'I am his son'],
        ['I am his mother.', 'I am his mother'],
        ['I am his father', 'I am his father'],
        ["I'm her sister", "I'm her sister"],
        ['I am his brother', 'I am his brother'],
        ["I'm the officer's neighbour", "I'm the officer's neighbour"],
        ['I am her colleague at Brixton', 'I am her colleague at Brixton'],
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
        ['I work for the council as a cleaner.', 'I work for the council as a cleaner'],
        ["I'm working at Marks and Spencer on Briggate. He came in.", "I'm working at Marks and Spencer on Briggate"],
        ['i used to work for him at the garage', 'i used to work for him at the garage'],
        ["I'm employed by the force; he knows.", "I'm employed by the force"],
        ["I'm a nurse at St Thomas' Hospital.", "I'm a nurse at St Thomas' Hospital"],
        ['I am a cleaner for the Met, and he knows it.', 'I am a cleaner for the Met'],
      ]);
    });

    // Decided: a job is flagged only at a named place (a capital or a number after "at"/"for"), so
    // "I'm a mess at the moment" is not; "I am a nurse at the hospital" is not either, a miss we accept.
    it('leaves alone "I am a … at" when what follows is no place', () => {
      highlightsNothing(["I'm a mess at the moment.", 'I was a bit scared at night.']);
    });

    it('highlights a job at a place, named or not: "a nurse at the hospital" narrows who it can be', () => {
      highlightsOnly('self_identification', [['I am a nurse at the hospital.', 'I am a nurse at the hospital']]);
    });

    it('highlights the reporter\'s own family and neighbours after "my"', () => {
      highlightsOnly('self_identification', [
        ['My son has autism and is non-verbal.', 'My son'],
        ['The officer attending my late husband’s death took his pills.', 'my late husband'],
        ['My ex-husband is a serving officer.', 'My ex-husband'],
        ['my brother in law is a met officer', 'my brother in law'],
        ['and my upstairs neighbour is a cop who steals parcels', 'my upstairs neighbour'],
        ['My stepdad is an inspector at Wakefield', 'My stepdad'],
        ['officer swore at my nan and pushed her', 'my nan'],
      ]);
      highlightsNothing(['He took my phone off me.', 'my mates saw it too', 'he called me mate', 'gave me boy a clip']);
    });

    it('highlights a civilian title and name anywhere, but not a police rank and name', () => {
      highlightsOnly('self_identification', [
        ['Caller states the officer messaged her. Caller is Ms Danielle Okonjo, of Kettering.', 'Caller is Ms Danielle Okonjo'],
        ['Please call the surgery and ask for Dr Jenkins.', 'Dr Jenkins'],
        ["God bless, Father Michael O'Hara", "Father Michael O'Hara"],
        ['We are frightened. Mr and Mrs Thorpe', 'Mr and Mrs Thorpe'],
        ['Please write to me. Mr D. A. Whitworth', 'Mr D. A. Whitworth'],
        ['Contact: mrs p akhtar. Officer laughed at the school gates.', 'Contact: mrs p akhtar'],
      ]);
      highlightsNothing(['PC Smith took the money.', 'I asked for Sgt Moody.', 'It was Sgt Moody.']);
    });

    it('highlights a name signed at the end, or alone with only contact details after it', () => {
      highlightsOnly('self_identification', [
        ['He took my keys. K. Wallace', 'K. Wallace'],
        ['One man had a seizure. R. Patel (Mrs)', 'R. Patel (Mrs)'],
        ['SORRY ALL CAPS. HE TOOK MY CARD. MRS DOROTHY PALLISER', 'MRS DOROTHY PALLISER'],
        ['COME AND SEE FOR YOURSELF. LES', 'LES'],
        ['he took my van keys on Penn Road — Tony', 'Tony'],
        ['i was 17. my number is in the form. Ellie-Mae', 'Ellie-Mae'],
        ['he hits her. Shaz x. text me', 'Shaz'],
        ['Best to ring the pub and ask for Stacey.', 'Stacey'],
        ["I can't give my real name but the girls call me Roxy.", 'Roxy'],
        ['heya, tyler here. im 16.', 'tyler'],
        ['Please speak to me, Tommy Price, on the phone.', 'Tommy Price'],
        ['Caller asked for a callback. Caller name Natalie.', 'Caller name Natalie'],
      ]);
      highlightsNothing(['He said call me Monday.', 'Hes PC Kenny Vane. Please help us.', 'Leeds. He']);
      const text = "I'm willing to make a statement. Joel Mensah. joel@example.com";
      assert.deepEqual(findIdentifyingDetails(text), [highlight(text, 'self_identification', 'Joel Mensah'), highlight(text, 'email', 'joel@example.com')]);
    });

    it('highlights jobs and roles, said with "the", a verb or a firm', () => {
      highlightsOnly('self_identification', [
        ['I am the bookkeeper for the yard and I have copies.', 'I am the bookkeeper for the yard'],
        ["I was the duty solicitor's clerk that night so I overheard it.", "I was the duty solicitor's clerk that night"],
        ["I'm the vet who was called out when the pups died.", "I'm the vet who was called out"],
        ["I'm a paramedic based at Chorley ambulance station and last night", "I'm a paramedic based at Chorley ambulance station"],
        ['I am an Uber driver and last night he got in.', 'I am an Uber driver'],
        ["I'm a plumber, Evans & Sons, and you can reach me.", "I'm a plumber, Evans & Sons"],
        ['I am driver for Szybko Couriers in Reading.', 'I am driver for Szybko Couriers in Reading'],
        ["I'm writing as the manager of the McDonald's on Gallowgate.", "writing as the manager of the McDonald's on Gallowgate"],
        ["I chair the residents' association on the Broadwater Farm estate and they told me.", "I chair the residents' association on the Broadwater Farm estate"],
        ['i coach the under 12s at Heaton Mersey FC and one of the dads is a copper', 'i coach the under 12s at Heaton Mersey FC'],
        ['I crew with him most nights so I would be the obvious one.', 'I crew with him most nights'],
        ['Im the owners daughter, so he knows me.', 'Im the owners daughter'],
        ['im on the bar there so cant say nothin', 'im on the bar there'],
        ['My firm is Locksafe Leyton, and my mobile is below.', 'My firm is Locksafe Leyton'],
        ['I own Kutz barbers on the Broadway.', 'I own Kutz barbers on the Broadway'],
        ['I used to do their accounts until I quit.', 'I used to do their accounts'],
        ["I'm one of the witnesses.", "I'm one of the witnesses"],
        ['i was in the seat in front of him, block N9 row 18 seat 121.', 'block N9 row 18 seat 121'],
        ['the officer who lives below me keeps knives', 'who lives below me'],
      ]);
      highlightsNothing(['My shop is closed on Sundays.', 'I managed to get away on the Number 12 bus.', 'I am a mother of two.']);
    });

    it('carries a self-description on across short phrases after commas', () => {
      highlightsOnly('self_identification', [
        ["I'm the custody nurse on nights there, one of only two. He", "I'm the custody nurse on nights there, one of only two"],
        ["I'm one of the specials, joined last year, one of four women. Please", "I'm one of the specials, joined last year, one of four women"],
        ['I clean at Stoke Heath police station, evening shift, and I have seen him.', 'I clean at Stoke Heath police station, evening shift'],
      ]);
    });

    it('highlights where the reporter lives, to the end of the clause, as an address', () => {
      const text = 'I live at 12 Acacia Avenue, Leeds, LS1 4AB, which he knows.';
      assert.deepEqual(findIdentifyingDetails(text), [
        highlight(text, 'address', 'I live at 12 Acacia Avenue, Leeds'),
        highlight(text, 'postcode', 'LS1 4AB'),
      ]);
      highlightsOnly('address', [
        ['I live next door to him.', 'I live next door to him'],
        ['I live opposite the station with the dog', 'I live opposite the station'],
        ['I live on Acacia Avenue.', 'I live on Acacia Avenue'],
        ['I live in the same block as him', 'I live in the same block as him'],
        ["I'm living at my mum's since he left", "I'm living at my mum's"],
      ]);
    });

    it('keeps an address clause to a reasonable length', () => {
      const text = `I live at ${'the big house '.repeat(20)}`;
      const [detail] = findIdentifyingDetails(text);
      assert.equal(detail?.kind, 'address');
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

    // Decided: an address inside a self-description keeps its own highlight and kind, as an exact
    // detail does, so a longer self-description never hides that a street address is there.
    it('keeps an address inside a self-description as an address', () => {
      const text = 'I am Jo Bloggs, his neighbour at 3 Mill Lane. Call me.';
      assert.deepEqual(findIdentifyingDetails(text), [
        highlight(text, 'self_identification', 'I am Jo Bloggs, his neighbour at'),
        highlight(text, 'address', '3 Mill Lane'),
      ]);
    });

    it('keeps the longer of two self-descriptions that overlap, so the analyst sees one highlight', () => {
      const text = 'I am Jo Bloggs, his neighbour at Mill Farm. Call me.';
      assert.deepEqual(findIdentifyingDetails(text), [highlight(text, 'self_identification', 'I am Jo Bloggs, his neighbour at Mill Farm')]);
    });

    it('highlights numbers and e-mail addresses read out in words, and postcodes typed with extra spaces', () => {
      highlightsOnly('phone', [
        ['Call me on oh seven seven double oh, nine double oh, three four two.', 'oh seven seven double oh, nine double oh, three four two'],
        ['My number is oh one two one, four nine six, oh four four two.', 'oh one two one, four nine six, oh four four two'],
      ]);
      highlightsOnly('email', [['email me tanya underscore briggs at hotmail dot co dot uk', 'tanya underscore briggs at hotmail dot co dot uk']]);
      highlightsOnly('postcode', [['the postcode is LE4   6PW', 'LE4   6PW']]);
    });

    it('leaves alone helplines and emergency numbers, and the names of the services beside them', () => {
      highlightsNothing([
        'Ring Crimestoppers on 0800 555 111 or the Samaritans on 116 123.',
        'The National Domestic Abuse Helpline is 0808 2000 247.',
        'I rang 101 and then 999.',
        'They told me to call 0800 085 0000.',
      ]);
    });

    it('leaves alone roads named after someone, words shouted at the end, and small numbers before words', () => {
      highlightsNothing(['He parked on Sir Matt Busby Way.', 'THE OFFICER REFUSED TO HELP. HE DROVE OFF. DISGRACE.', 'THE CAR WAS DOING 10 IN A 30 ZONE']);
    });

    it('highlights the newer shapes of address: named houses, flats named first or by letter, plots and rooms', () => {
      highlightsOnly('address', [
        ['am in 2/1 at 54 Dunmore Street', '2/1 at 54 Dunmore Street'],
        ['Flat C, 9 Osborne Terrace, Portobello', 'Flat C, 9 Osborne Terrace'],
        ['The Vicarage, 2 Church Walk, Darlington', 'The Vicarage, 2 Church Walk'],
        ['Write to me at Hill Top Farm, Moor Road, Hawes.', 'Hill Top Farm, Moor Road'],
        ['im in Fairfield House, flat 71, 11th floor.', 'Fairfield House, flat 71, 11th floor'],
        ['he lives with us at 4 the Crescent, Ashington.', '4 the Crescent'],
        ['It is a static caravan, plot 22 at Sandy Bay Holiday Park.', 'plot 22 at Sandy Bay Holiday Park'],
        ['Im in room 14 at 23a Chapel St, Bolton', 'room 14 at 23a Chapel St'],
        ['i live on my own at number 3. please help', 'i live on my own at number 3'],
      ]);
    });

    it('highlights family, friends and workers however "my" is said, and whose relative', () => {
      highlightsOnly('self_identification', [
        ['me nan had her purse taken', 'me nan'],
        ['he grabbed wor lass by the arm', 'wor lass'],
        ['ar kid got pulled on the Coventry Road', 'ar kid'],
        ["my mam's boyfriend is a copper", "my mam's boyfriend"],
        ['My brother-in-law is a DC.', 'My brother-in-law'],
        ['He stopped my Polish worker twice.', 'my Polish worker'],
        ["he kicked my youngest's bike", 'my youngest'],
        ['our Jason got arrested', 'our Jason'],
        ['he called my mate names', 'my mate'],
        ["he's a friend of my husband's and he said it", "he's a friend of my husband's"],
      ]);
    });

    it('highlights where the reporter comes from and what sets them apart', () => {
      highlightsOnly('self_identification', [
        ["I'm from Bangladesh originally.", "I'm from Bangladesh originally"],
        ['he is from Poland like me, and he was stopped', 'from Poland like me'],
        ["I'm Romanian, my English is not perfect.", "I'm Romanian"],
        ['We are Irish Travellers on the Cranbrook Lane site and they come every week.', 'We are Irish Travellers on the Cranbrook Lane site'],
        ["I'm a widow and on my own out here.", "I'm a widow and on my own out here"],
        ['I was the one injured and I was lying there.', 'I was the one injured'],
        ['the copper next door keeps shouting', 'the copper next door'],
        ['im on insta as @beccaboo_x', '@beccaboo_x'],
      ]);
    });

    it('highlights jobs and roles in their many shapes, with what is said after them', () => {
      highlightsOnly('self_identification', [
        ['I am driver of taxi in Bradford, he stops me.', 'I am driver of taxi in Bradford'],
        ["I'm one of the dinner ladies at Ysgol y Faenol so I hear it.", "I'm one of the dinner ladies at Ysgol y Faenol"],
        ["I'm one of the cleaners at Trinity Road station, I do the early mornings. I heard them.", "I'm one of the cleaners at Trinity Road station, I do the early mornings"],
        ['I drive for Uber, mostly Friday and Saturday nights in Nottingham city centre. He flagged me.', 'I drive for Uber, mostly Friday and Saturday nights in Nottingham city centre'],
        ["I'm the only security guard there with one arm so you'll know me.", "I'm the only security guard there with one arm"],
        ['As a GP in a practice in Rotherham I have seen it.', 'a GP in a practice in Rotherham'],
        ['I have sat as a magistrate in this area for eleven years and I found it troubling.', 'I have sat as a magistrate in this area for eleven years'],
        ['Caller states she is a taxi driver for Delta in Bootle, badge number 2231, and was assaulted.', 'Caller states she is a taxi driver for Delta in Bootle, badge number 2231'],
        ['I AM 82 AND A RETIRED POLICEMAN MYSELF, 30 YEARS IN THE WEST MIDLANDS FORCE. HE KICKED A MAN.', 'A RETIRED POLICEMAN MYSELF, 30 YEARS IN THE WEST MIDLANDS FORCE'],
        ["I'm a teacher so I don't want my name out there.", "I'm a teacher"],
        ['Evri driver here, i do the Meadow Well round. copper stopped me.', 'Evri driver here, i do the Meadow Well round'],
        ['Firefighter at Speke station (Blue Watch). At a job he swore.', 'Firefighter at Speke station (Blue Watch)'],
        ['Ex-partner of PC 2817 Dean Collier. He kept a key.', 'Ex-partner'],
        ['Am his ex. He is a sergeant.', 'Am his ex'],
        ['I rent the flat above the officer and it is loud.', 'I rent the flat above the officer'],
        ['he turns up at the car wash on Hyde Road where I work, and he shouts.', 'the car wash on Hyde Road where I work'],
        ['My PH licence is 04417.', 'My PH licence is 04417'],
      ]);
    });

    it('highlights names signed beside the reporter\'s own contact details, or after a closing', () => {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ['It was rude. Leanne, leanne.t@example.co.uk', 'Leanne'],
        ['Call me 07700 900 578, Connor', 'Connor'],
        ['Ring Bridget on 07700 900 441.', 'Bridget'],
        ['He pulled my customers over. Dave at Dartford Tyre & Exhaust, 01632 960 502.', 'Dave at Dartford Tyre & Exhaust'],
        ['Sorry again. J', 'J'],
        ['cheers love, Maureen', 'Maureen'],
        ['Diolch, Eleri', 'Eleri'],
        ['pls dont tell him. my mams name is Donna.', 'my mams name is Donna'],
      ];
      for (const [text, words] of cases) {
        const names = findIdentifyingDetails(text).filter((detail) => detail.kind === 'self_identification');
        assert.deepEqual(names, [highlight(text, 'self_identification', words)], text);
      }
    });

    it('counts positions in UTF-16, as the browser does, past emoji and accents', () => {
      const text = '😡 José here 👮‍♂️ — ring 07700 900123';
      const [detail] = findIdentifyingDetails(text);
      assert.deepEqual(detail, highlight(text, 'phone', '07700 900123'));
      assert.equal(text.slice(detail.start, detail.end), '07700 900123');
    });
  });
});
