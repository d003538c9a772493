import { defineConfig } from 'drizzle-kit';

// Used only by `npm run db:generate` (drizzle-kit). Migrations are applied by the app at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/modules/*/*.table.ts',
  out: './server/db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/linli' },
});
