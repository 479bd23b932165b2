// A private schema in the test PostgreSQL (127.0.0.1:5432, database test), dropped afterwards.
import knexFactory from 'knex';
import { afterEach } from 'vitest';

export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];

afterEach(async () => {
  if (!schemas.length) return;
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
  try {
    while (schemas.length) await admin.raw(`DROP SCHEMA IF EXISTS "${schemas.pop()}" CASCADE`);
  } finally {
    await admin.destroy();
  }
});

/** A DATABASE_URL whose connections live in a fresh schema of their own. */
export async function freshPostgresUrl(): Promise<string> {
  const schema = `haitai_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
  try {
    await admin.raw(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.destroy();
  }
  schemas.push(schema);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
