/**
 * `npx tsx scripts/write-start-page.ts`: writes the start page, which is served as a static file,
 * to web/static/index.html from functions/pages/start-page.ts. A contract test fails when the
 * committed file and the function disagree.
 */
import { writeFileSync } from 'node:fs';
import { startPage } from '../functions/pages/start-page.ts';

const file = new URL('../web/static/index.html', import.meta.url);
writeFileSync(file, startPage());
console.log('wrote web/static/index.html');
