// `npm run api:generate`: writes apps/web/src/api/openapi.json and schema.d.ts from the server routes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_DIR, buildDocument, DOCUMENT_PATH, documentText, TYPES_PATH, typesText } from './contract.js';

const doc = await buildDocument();
mkdirSync(API_DIR, { recursive: true });
writeFileSync(DOCUMENT_PATH, documentText(doc));
writeFileSync(TYPES_PATH, await typesText(doc));
for (const f of [DOCUMENT_PATH, TYPES_PATH]) console.log(`wrote ${relative(process.cwd(), f)}`);
