/** `npm run schemas`: regenerates the published documents in schemas/ from the zod schemas. */
import { writeFileSync } from 'node:fs';
import { apiDocuments } from './api-documents.ts';

for (const [name, document] of Object.entries(apiDocuments())) {
  const file = new URL(`../schemas/${name}`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote schemas/${name}`);
}
