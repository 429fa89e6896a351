import { readdirSync } from 'node:fs';
import { defineConfig } from 'drizzle-kit';

// Every module owns a Postgres schema named after it; platform owns `platform`.
const modules = readdirSync('./apps/server/src/modules');

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./apps/server/src/platform/*/db/schema.ts', './apps/server/src/modules/*/db/schema.ts'],
  out: './apps/server/drizzle',
  schemaFilter: ['platform', ...modules],
});
