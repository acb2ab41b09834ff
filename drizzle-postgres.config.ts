import { defineConfig } from "drizzle-kit";

/** PostgreSQL's schema and migrations, beside SQLite's (`drizzle.config.ts`): `npm run db:generate:postgres`. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/postgres/schema.ts",
  out: "./migrations-postgres",
});
