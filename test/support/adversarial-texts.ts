/**
 * Texts of 10,000 characters built to make the identifying-details patterns backtrack: each piece
 * repeated is the start of some pattern that could, written carelessly, try every split of what
 * follows. The fuzz test runs the detector on each (and in capitals) with a hang guard; the
 * measurement script (scripts/measure-identifying-details.ts) prints the slowest.
 */
const long = (piece: string) => piece.repeat(Math.ceil(10_000 / piece.length)).slice(0, 10_000);
export const ADVERSARIAL_TEXTS: readonly string[] = [
  long('a'), long(' '), long('\n'), long('0'), long('0 '), long('000 '), long('07700 '), long('+4'), long('+44 (0)'), long('(0'),
  long('(020) '), long('1-'), long('1.'), long('a.'), long('a@'), long('a.a@'), long('a-'), `${long('a')}@`, long('.@a'),
  long('http://'), `http://a${long(')')}`, long('www.'), long('x.co/'), long('a.b.'), long('SW1A '), long('AB12 '), long('A1 '),
  long('car AB 1 '), long('PC car '), long('my name is '), `My name is ${long('Jo ')}`, `I live at ${long(' ')}`,
  `I live at ${long('x, ')}`, long('I am his '), long('I '), long('i m '), long('I live at 1. '), long('😡'), long('\ud83d'),
  long('my '), long('my late '), long('Mr '), long('Mr and Mrs '), long('mrs p '), long('Jo Bloggs. '), long('Jo Bloggs, '),
  long('a - '), long('— Jo '), long('A. '), long('K. Wallace\n'), long('Shaz x. '), long('I coach '), long('I coach the at '),
  long(', a'), long(', one of '), long("I'm the one who "), long('I am one of the '), long('says her '), long('0 7'), long('0 '),
  long('flat 1, '), long('flat 1, Marlowe Court, '), long('1-2 '), long('12 Park Road Park '), long('ask for '), long('call me '),
  long('block 1 row '), long('name '), long('Caller is '), long('me, Jo, '), long("I'm Jo "), long('heya, jo '),
  // Numbers and e-mail addresses said in words, and the newer address shapes.
  long('oh '), long('oh, '), long('double oh '), long('double '), long('jo underscore '), long('jo underscore jo at '),
  long('The Old Farm, '), long('Farm, Moor '), long('Fairfield House, flat 1, '), long('2/1 at '), long('Flat C, '), long('room 1 at '),
  long('plot 2 at '), long('4 the '), long('LE4   '),
  // The newer ways of saying who one is.
  long('am '), long('Am his '), long("Ah'm the "), long('we are '), long('We are Irish '), long('Caller states she is '), long('As a '),
  long('As vicar of '), long('I have sat as a '), long('a DS myself '), long('the one with '), long(', the one with '), long('the lads '),
  long('one o the '), long('one of the two '), long('a volunteer police '), long('me '), long('me nan '), long('wor '), long('our '),
  long('Our Jo '), long("my mam's "), long('my Polish '), long('Evri driver '), long('driver here '), long('Firefighter at '),
  long('I am from '), long('from Poland like '), long("I'm Romanian "), long("I'm working in X "), long('the copper next door '),
  long('the house next to '), long('know me by '), long('the a a a a a where '), long('the only house past '),
  long('I complained about them '), long('he is the only '), long('the shop is '), long('my PH licence '), long('licence 1 2 3 '),
  long('insta @'), long('Ring Jo on '), long('Jo at Xy, 0'), long('07700 900123, Jo '), long('Jo 07700 900123 '), long('Ex-partner of '),
  long('I do cleaning at '), long('I farm '), long(', now work '), long(', i do the '), long('and they share '), long('a widow and '),
  long('Sir Jo Way '), long('mostly A and B, '), long('my mams name is '), long('cheers love, '), long('K. Jo\n1 '),
  long('Caller gives name as '), long("he's a friend of my "),
];
