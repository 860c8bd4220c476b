/**
 * The contact centre's freephone number comes from one place (functions/domain/contact-centre.ts):
 * every page that gives a number gives that one, README gives it, and no other freephone number
 * (the old placeholder, or this one typed by hand) is written anywhere in the service's own code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CONTACT_CENTRE_FREEPHONE, phoneDigits } from '#domain/contact-centre.ts';
import { STATIC_PAGES } from '#pages/static-pages.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';

const filesUnder = (folder: string): string[] =>
  readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|html|js|json)$/.test(entry.name))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)));

/** A UK freephone number (0800 or 0808), however it is spaced. */
const FREEPHONE = /\b0 ?8 ?0 ?[08](?:[ -]?\d){7}\b/gu;

describe('the contact centre freephone number', () => {
  it('is 0800 085 0000', () => {
    assert.equal(CONTACT_CENTRE_FREEPHONE, '0800 085 0000');
  });

  it('is the number README gives', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(CONTACT_CENTRE_FREEPHONE), 'README names the freephone number');
    const others = [...readme.matchAll(FREEPHONE)].map((m) => m[0]).filter((n) => phoneDigits(n) !== phoneDigits(CONTACT_CENTRE_FREEPHONE));
    assert.deepEqual(others, []);
  });

  it('is the only freephone number in the pages, and is written only in its one place', () => {
    const own = path.join('functions', 'domain', 'contact-centre.ts');
    const found = ['functions', 'web', 'lib', 'bin'].flatMap(filesUnder).flatMap((file) => {
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      return [...text.matchAll(FREEPHONE)].map((m) => ({ file, number: m[0] }));
    });
    // Generated pages carry the number because they are rendered from it. Anywhere else, the
    // service's own number (or the old placeholder) typed by hand is a second copy; and the pages'
    // source gives no freephone number at all but through the one place. Other helplines' numbers
    // (the identifying-details check knows a few, so as not to flag them) are not ours.
    const generated = new Set(Object.keys(STATIC_PAGES).map((name) => path.join('web', 'static', name)));
    const ours = new Set([phoneDigits(CONTACT_CENTRE_FREEPHONE), '08000000000']);
    const byHand = found.filter(
      ({ file, number }) => file !== own && !generated.has(file) && (ours.has(phoneDigits(number)) || file.startsWith(path.join('functions', 'pages'))),
    );
    assert.deepEqual(byHand, [], 'a freephone number written outside functions/domain/contact-centre.ts');
    for (const { file, number } of found.filter(({ file }) => generated.has(file))) {
      assert.equal(phoneDigits(number), phoneDigits(CONTACT_CENTRE_FREEPHONE), `${file} gives ${number}`);
    }
  });

  it('is on every static page that offers a call, as a dialable link', () => {
    const start = STATIC_PAGES['index.html']!();
    assert.ok(start.includes(`href="tel:${phoneDigits(CONTACT_CENTRE_FREEPHONE)}">${CONTACT_CENTRE_FREEPHONE}</a>`));
  });
});
