// Reads kept until the database changes. A project's live panels and their live stage events
// above all: the daily sheet, the schedule and the milestone list all derive from them (stage
// days as of a day, how far each panel has got), and a range of sheets asks for them once per
// day: on the reference project that is 2,000 panels and 11,000 events, most of a sheet's reading.
import type { Knex } from 'knex';
import type { PanelType } from '../../main/domain/panel';
import { PANEL_STAGES, type PanelStage } from '../../main/domain/stages';

export interface PanelFact {
  id: string;
  code: string;
  structureId: string;
  type: PanelType;
  lengthM: number;
  designDepthM: number;
  /** The rank of the furthest stage recorded, 0 when none is. */
  rank: number;
  /** The days each stage was recorded on: one day, or several joined by DAYS_SEPARATOR. */
  stageDays: Partial<Record<PanelStage, string>>;
}

export interface ProjectPanelFacts {
  /** Live panels (not deleted, not retired), by structure and sequence. */
  panels: PanelFact[];
}

/** Between the days of a stage recorded more than once (the ASCII record separator). */
const DAYS_SEPARATOR = '\x1e';

/** The latest of a stage's recorded days up to and including `asOf`, if there is one. */
export function latestDay(days: string | undefined, asOf: string): string | undefined {
  if (days === undefined) return undefined;
  if (!days.includes(DAYS_SEPARATOR)) return days <= asOf ? days : undefined;
  let latest: string | undefined;
  for (const day of days.split(DAYS_SEPARATOR))
    if (day <= asOf && (latest === undefined || day > latest)) latest = day;
  return latest;
}

interface RawConnection {
  get(sql: string, callback: (error: Error | null, row: Record<string, number>) => void): void;
}

/** Per connection, because both counters below are only comparable on the one connection. */
const cache = new WeakMap<object, Map<string, { token: string; value: Promise<unknown> }>>();

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

/**
 * One row a live panel, with its furthest stage and each stage's days side by side: SQLite hands
 * over 2,000 rows, not 2,000 and 11,000, which is most of the cost of reading them.
 */
async function readFacts(db: Knex, projectId: string): Promise<ProjectPanelFacts> {
  const stageColumns = PANEL_STAGES.map(
    (stage) => `group_concat(CASE WHEN stage = '${stage}' THEN site_day END, char(30)) AS ${stage}`,
  ).join(', ');
  const rows: Record<string, string | number | null>[] = await db.raw(
    `SELECT p.id, p.code, p.structure_id, p.type, p.length_m, p.design_depth_m, e.*
     FROM panels p LEFT JOIN (
       SELECT panel_id, max(stage_rank) AS rank, ${stageColumns}
       FROM panel_stage_events WHERE project_id = ? AND deleted_at IS NULL GROUP BY panel_id
     ) e ON e.panel_id = p.id
     WHERE p.project_id = ? AND p.deleted_at IS NULL AND p.retired_at IS NULL
     ORDER BY p.structure_id, p.sequence`,
    [projectId, projectId],
  );
  return {
    panels: rows.map((p) => {
      const stageDays: PanelFact['stageDays'] = {};
      for (const stage of PANEL_STAGES) if (p[stage] != null) stageDays[stage] = p[stage] as string;
      return {
        id: p.id as string,
        code: p.code as string,
        structureId: p.structure_id as string,
        type: p.type as PanelType,
        lengthM: Number(p.length_m),
        designDepthM: Number(p.design_depth_m),
        rank: Number(p.rank ?? 0),
        stageDays,
      };
    }),
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
  if (entry?.token === seen.token) return entry.value as Promise<T>;
  // The read itself is kept, so callers at the same moment (a sheet's sections) share it.
  const value = read();
  const mine = { token: seen.token, value };
  kept.set(key, mine);
  value.catch(() => {
    if (kept.get(key) === mine) kept.delete(key);
  });
  return value;
}

/** The project's panel facts, read again only after the database has changed. */
export function projectPanelFacts(db: Knex, projectId: string): Promise<ProjectPanelFacts> {
  return keptUntilChange(db, `panel-facts:${projectId}`, () => readFacts(db, projectId));
}
