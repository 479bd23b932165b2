// A private schema in the test PostgreSQL (127.0.0.1:5432, database test), dropped afterwards.
import knexFactory from 'knex';
import { afterThisTest } from './cleanup';

export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function dropSchema(schema: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
  try {
    await admin.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.destroy();
  }
}

/** A DATABASE_URL whose connections live in a fresh schema of their own. */
export async function freshPostgresUrl(): Promise<string> {
  const schema = `haitai_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
  try {
    await admin.raw(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.destroy();
  }
  afterThisTest('databases', () => dropSchema(schema));
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
