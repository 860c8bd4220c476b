/**
 * Any text a person can type goes through: a narrative in any script, or full of emoji (astral
 * characters, ZWJ sequences, flags), reaches its force's queue exactly as written, on the real
 * emulators. The characters SQS refuses and nobody types (non-characters, lone surrogates) are
 * refused at the door with a 400 naming the field, and nothing is queued.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForceNotification } from '../../functions/domain/entities/force-messages.ts';
import { notificationsFor, postJson, receiveAll, send, sendRaw, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

const local = useLocalStack({ review: 'off' });
const queueOf = (force: string) => local.queueUrl(`pac-local-reports-${force}.fifo`);

/** A narrative in each script, and the force (by id) each is sent to. */
const NARRATIVES: readonly (readonly [string, string, string])[] = [
  ['French and Portuguese', 'metropolitan', "L'agent m'a demandé 200 € pour « oublier » l'affaire de mon frère; não é a primeira vez, já aconteceu à minha irmã."],
  ['Welsh', 'north-wales', 'Gofynnodd y plismon am arian i anghofio’r achos; roedd ŵyr y maer yn y tŷ, ac ŷd yn y cae. Ŵ Ŷ â ê î ô û.'],
  ['Polish', 'west-midlands', 'Policjant zażądał łapówki w wysokości 500 zł, żeby sprawa mojego brata zniknęła. Zażółć gęślą jaźń.'],
  ['Arabic', 'greater-manchester', 'طلب مني الضابط في مكتب الاستقبال مئتي جنيه لكي تختفي قضية أخي.'],
  ['Urdu', 'west-yorkshire', 'استقبالیہ پر موجود افسر نے میرے بھائی کا کیس ختم کرنے کے لیے مجھ سے دو سو پاؤنڈ مانگے۔'],
  ['Bengali', 'lancashire', 'সামনের ডেস্কের অফিসার আমার ভাইয়ের মামলা তুলে নেওয়ার জন্য আমার কাছে দুইশো পাউন্ড চেয়েছিলেন।'],
  ['Chinese', 'essex', '前台的警官向我索要两百英镑，说这样我哥哥的案子就会消失。𠮷野家的老板也看到了。'],
  [
    'emoji',
    'thames-valley',
    'He laughed at me 😂🤬 and said “nobody will believe you” 🙄. My family 👨‍👩‍👧‍👦 was there, 🏳️‍🌈 flag on the door, 🇬🇧 🏴󠁧󠁢󠁷󠁬󠁳󠁿, a nurse 🧑🏽‍⚕️ saw it. 𝔗𝔥𝔢 𝔢𝔫𝔡.',
  ],
];

const bodyOf = (message: { Body?: string }) => JSON.parse(message.Body ?? '{}') as ForceNotification;

describe('any text a person can type goes through', () => {
  for (const [script, force, narrative] of NARRATIVES) {
    it(`a narrative in ${script} reaches its force's queue byte for byte`, async () => {
      const answer = await postJson(`${local.stack.apiUrl}/reports`, minimalReport({ force, narrative }));
      assert.equal(answer.status, 202, answer.text);
      const { reference } = answer.json<{ reference: string }>();
      const notifications = await notificationsFor(local.sqs, queueOf(force), reference, { settleMs: 200 });
      assert.equal(notifications.length, 1);
      const received = bodyOf(notifications[0]!).narrative;
      assert.equal(received, narrative);
      assert.ok(Buffer.from(received, 'utf8').equals(Buffer.from(narrative, 'utf8')), 'the same bytes');
      assert.match(notifications[0]!.Body!, /^[\x20-\x7E]*$/, 'the body on the queue is plain ASCII JSON');
    });
  }
});

describe('characters that cannot be sent are refused at the door', () => {
  const FORCE = 'cumbria';
  const reportItems = async () => (await local.scanTable()).filter((item) => item.SK === 'REPORT').length;

  const refusesNarrative = async (rawBody: string, character: string) => {
    const before = await reportItems();
    const answer = await send(`${local.stack.apiUrl}/reports`, { headers: { 'content-type': 'application/json' }, body: rawBody });
    assert.equal(answer.status, 400, answer.text);
    assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
    const { errors } = answer.json<{ errors: { pointer: string; detail: string }[] }>();
    assert.deepEqual(errors, [{ pointer: '/narrative', detail: `narrative holds a character that cannot be sent (${character})` }]);
    assert.deepEqual(await notificationsFor(local.sqs, queueOf(FORCE), 'cumbria', { timeoutMs: 1_500 }), [], 'nothing reached the force');
    assert.equal(await reportItems(), before, 'nothing was taken in');
  };

  it('a narrative holding U+FFFE gets 400 naming /narrative', async () => {
    const narrative = 'The officer asked me for money \uFFFE to drop the case.';
    await refusesNarrative(JSON.stringify(minimalReport({ force: FORCE, narrative })), 'U+FFFE');
  });

  it('a narrative holding U+FFFF, escaped in the JSON, gets 400 naming /narrative', async () => {
    const raw = `{"categories":["bribery"],"force":"${FORCE}","narrative":"The officer asked me for money \\uffff to drop the case."}`;
    await refusesNarrative(raw, 'U+FFFF');
  });

  it('a narrative holding a lone surrogate, sent as "\\ud800", gets 400 naming /narrative', async () => {
    const raw = `{"categories":["bribery"],"force":"${FORCE}","narrative":"The officer asked me for money \\ud800 to drop the case."}`;
    await refusesNarrative(raw, 'U+D800');
  });
});

describe('the local SQS emulator takes the characters SQS takes (fauxqs, patched by patches/fauxqs+2.3.1.patch)', () => {
  it('carries a body with astral characters as it is, and refuses U+FFFE and a lone surrogate as SQS does', async () => {
    const unsent = local.queueUrl('pac-local-intake-dlq');
    const body = 'raw 😂 👨‍👩‍👧‍👦 🇬🇧 𠮷 \t\n\r \uE000 \uFFFD \u{10FFFD}';
    await sendRaw(local.sqs, unsent, body);
    const [received] = await receiveAll(local.sqs, unsent, 1);
    assert.equal(received?.Body, body);
    for (const refused of ['a \uFFFE', 'a \uFFFF', 'a \uD800 b', 'a \u0001']) {
      await assert.rejects(sendRaw(local.sqs, unsent, refused), /Invalid characters|InvalidMessageContents/, JSON.stringify(refused));
    }
  });
});
