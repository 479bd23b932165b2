// Reads kept until the database changes. A project's live panels and their live stage events
// above all: the daily sheet, the schedule and the milestone list all derive from them (stage
// days as of a day, how far each panel has got), and a range of sheets asks for them once per
// day: on the reference project that is 2,000 panels and 11,000 events, most of a sheet's reading.
import type { Knex } from 'knex';
import type { PanelType } from '../../main/domain/panel';

export interface PanelFact {
  id: string;
  code: string;
  structureId: string;
  type: PanelType;
  lengthM: number;
  designDepthM: number;
}

export interface StageFact {
  panelId: string;
  stage: string;
  rank: number;
  siteDay: string;
}

export interface ProjectPanelFacts {
  /** Live panels (not deleted, not retired), by structure and sequence. */
  panels: PanelFact[];
  /** Live stage events of the project (events of deleted or retired panels included). */
  events: StageFact[];
}

interface RawConnection {
  get(sql: string, callback: (error: Error | null, row: Record<string, number>) => void): void;
}

/** Per connection, because both counters below are only comparable on the one connection. */
const cache = new WeakMap<object, Map<string, { token: string; value: unknown }>>();

/**
 * What has changed on the database, as seen from its one connection: rows this connection has
 * inserted, updated or deleted (total_changes, which a rollback does not take back, so a rolled-
 * back write also counts as a change) and commits by any other connection, such as the CLI's
 * (data_version). Null when the database is not the app's SQLite, or inside a transaction, whose
 * uncommitted rows must never be kept.
 */
async function changeToken(db: Knex): Promise<{ scope: object; token: string } | null> {
  if ((db as Knex.Transaction).isTransaction || db.client.config.client !== 'sqlite3') return null;
  const conn = (await db.client.acquireConnection()) as RawConnection;
  try {
    const row = await new Promise<Record<string, number>>((resolve, reject) =>
      conn.get('SELECT total_changes() AS c, data_version AS v FROM pragma_data_version', (e, r) =>
        e ? reject(e) : resolve(r),
      ),
    );
    return { scope: conn, token: `${row.c}:${row.v}` };
  } finally {
    await db.client.releaseConnection(conn);
  }
}

async function readFacts(db: Knex, projectId: string): Promise<ProjectPanelFacts> {
  const panels: Record<string, string | number>[] = await db('panels')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .whereNull('retired_at')
    .orderBy(['structure_id', 'sequence'])
    .select('id', 'code', 'structure_id', 'type', 'length_m', 'design_depth_m');
  const events: Record<string, string | number>[] = await db('panel_stage_events')
    .where({ project_id: projectId })
    .whereNull('deleted_at')
    .select('panel_id', 'stage', 'stage_rank', 'site_day');
  return {
    panels: panels.map((p) => ({
      id: p.id as string,
      code: p.code as string,
      structureId: p.structure_id as string,
      type: p.type as PanelType,
      lengthM: Number(p.length_m),
      designDepthM: Number(p.design_depth_m),
    })),
    events: events.map((e) => ({
      panelId: e.panel_id as string,
      stage: e.stage as string,
      rank: Number(e.stage_rank),
      siteDay: e.site_day as string,
    })),
  };
}

/**
 * What `read` gives, from memory when nothing has been written since it was read under `key`.
 * The change token is read before the value, so a value kept is never older than its token: a
 * write in between only makes the next call read again. Callers must not mutate the result.
 */
export async function keptUntilChange<T>(
  db: Knex,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const seen = await changeToken(db);
  if (!seen) return read();
  let kept = cache.get(seen.scope);
  if (!kept) cache.set(seen.scope, (kept = new Map()));
  const entry = kept.get(key);
  if (entry?.token === seen.token) return entry.value as T;
  const value = await read();
  kept.set(key, { token: seen.token, value });
  return value;
}

/** The project's panel facts, read again only after the database has changed. */
export function projectPanelFacts(db: Knex, projectId: string): Promise<ProjectPanelFacts> {
  return keptUntilChange(db, `panel-facts:${projectId}`, () => readFacts(db, projectId));
}
