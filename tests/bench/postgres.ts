// Bench helper: a private schema in the PostgreSQL at TEST_DATABASE_URL for the length of `run`,
// dropped afterwards. `run` gets a DATABASE_URL whose connections live in that schema.
import knexFactory from 'knex';

export async function withBenchSchema<T>(run: (databaseUrl: string) => Promise<T>): Promise<T> {
  const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `haitai_bench_${Date.now().toString(36)}`;
  const admin = knexFactory({ client: 'pg', connection: pgUrl });
  try {
    await admin.raw(`CREATE SCHEMA "${schema}"`);
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return await run(url.toString());
  } finally {
    await admin.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await admin.destroy();
  }
}
