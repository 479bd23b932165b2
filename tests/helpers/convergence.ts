// The convergence model shared by the property test and its replayed counterexamples: 2–5
// laptops against one real server make random edits (same-cell edits, deletes, added rows, and the
// same day's crew records, staff counts and log fields created offline on several laptops, some by
// an older version with random ids), sync in random order through a network that drops responses,
// delivers pushes twice, and laptops that crash between applying a batch and moving their cursor.
// Every replica must end identical, with exactly one live row per natural key, every write present
// or visibly superseded, and every overwrite of an unseen value in the conflict ledger.
import fc from 'fast-check';
import { expect } from 'vitest';
import { newId } from '../../main/domain/ids';
import { isNaturalTable, NATURAL_KEYS, naturalIdOf } from '../../main/domain/natural-keys';
import { AUDIT_COLUMNS } from '../../main/domain/sync-protocol';
import type { AppContext } from '../../main/app/app-context';
import { getSetting } from '../../db/repositories/settings-repository';
import { SYNC_KEYS } from '../../main/sync/settings-keys';
import { connect, laptop, replicaState, tinyProject } from './laptops';

interface Faults {
  drop: boolean;
  duplicate: boolean;
  crash: boolean;
}

/** The real fetch, but it can lose the next response or send the next push twice. */
function flakyFetch(faults: Faults): typeof fetch {
  return async (input, init) => {
    if (faults.duplicate && String(input).includes('/push')) {
      faults.duplicate = false;
      await (await fetch(input, init)).arrayBuffer();
    }
    const response = await fetch(input, init);
    if (faults.drop) {
      faults.drop = false;
      await response.arrayBuffer();
      throw new TypeError('connection reset');
    }
    return response;
  };
}

export type Command =
  | { kind: 'cage'; client: number; panel: number; value: number }
  | { kind: 'delete'; client: number; panel: number }
  | { kind: 'stage'; client: number; panel: number; shift: 'day' | 'night' }
  | { kind: 'name'; client: number; text: string }
  | { kind: 'staff'; client: number; day: number; count: number }
  | {
      kind: 'crew';
      client: number;
      day: number;
      shift: 'day' | 'night';
      team: number;
      count: number;
    }
  | { kind: 'log'; client: number; day: number; field: 'weatherAm' | 'safety'; text: string }
  | { kind: 'legacy'; client: number; day: number; count: number }
  | { kind: 'sync'; client: number; fault: 'none' | 'drop' | 'duplicate' | 'crash' };

export const command = (clients: number): fc.Arbitrary<Command> => {
  const client = fc.integer({ min: 0, max: clients - 1 });
  return fc.oneof(
    fc.record({
      kind: fc.constant('cage' as const),
      client,
      panel: fc.integer({ min: 0, max: 3 }),
      value: fc.integer({ min: 30, max: 60 }),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      client,
      panel: fc.integer({ min: 0, max: 3 }),
    }),
    // Several laptops record the same stage of one panel: one record (issue 28).
    fc.record({
      kind: fc.constant('stage' as const),
      client,
      panel: fc.integer({ min: 0, max: 3 }),
      shift: fc.constantFrom('day' as const, 'night' as const),
    }),
    fc.record({
      kind: fc.constant('name' as const),
      client,
      text: fc.constantFrom('Shaft', '海门井', 'Haimen', '工作井'),
    }),
    fc.record({
      kind: fc.constant('staff' as const),
      client,
      day: fc.integer({ min: 1, max: 3 }),
      count: fc.integer({ min: 0, max: 200 }),
    }),
    fc.record({
      kind: fc.constant('crew' as const),
      client,
      day: fc.integer({ min: 1, max: 2 }),
      shift: fc.constantFrom('day' as const, 'night' as const),
      team: fc.integer({ min: 0, max: 1 }),
      count: fc.integer({ min: 0, max: 80 }),
    }),
    fc.record({
      kind: fc.constant('log' as const),
      client,
      day: fc.integer({ min: 1, max: 2 }),
      field: fc.constant('weatherAm' as const),
      text: fc.constantFrom('rain', 'sunny'),
    }),
    fc.record({
      kind: fc.constant('log' as const),
      client,
      day: fc.integer({ min: 1, max: 2 }),
      field: fc.constant('safety' as const),
      text: fc.constantFrom('泥浆比重复测', 'helmets checked'),
    }),
    // An older version of the app: the day's staff count with a random id.
    fc.record({
      kind: fc.constant('legacy' as const),
      client,
      day: fc.integer({ min: 1, max: 3 }),
      count: fc.integer({ min: 0, max: 200 }),
    }),
    fc.record({
      kind: fc.constant('sync' as const),
      client,
      fault: fc.constantFrom(
        'none' as const,
        'none' as const,
        'drop' as const,
        'duplicate' as const,
        'crash' as const,
      ),
    }),
  );
};

interface Edit {
  tbl: string;
  row_id: string;
  col: string;
  value: string | null;
  hlc: string;
  base_hlc: string | null;
}

async function newEdits(app: AppContext, after: number): Promise<{ edits: Edit[]; last: number }> {
  const rows = await app.db('outbox').where('seq', '>', after).orderBy('seq');
  return {
    // A merge's replays carry other writes' stamps; the writes themselves are counted.
    edits: rows.filter((r: Edit & { replay: number }) => !AUDIT_COLUMNS.has(r.col) && !r.replay),
    last: rows.length ? Number(rows[rows.length - 1].seq) : after,
  };
}

/**
 * Runs one case: `n` laptops (the first publishes, each signed in as u0…u4, managers on `url`)
 * play the commands, then sync on a quiet network until nothing moves, and the replicas are judged.
 */
export async function runScenario(url: string, n: number, commands: Command[]): Promise<void> {
  const faults: Faults[] = Array.from({ length: n }, () => ({
    drop: false,
    duplicate: false,
    crash: false,
  }));
  const laptops: AppContext[] = [];
  for (let i = 0; i < n; i++) {
    const f = faults[i]!;
    laptops.push(
      await laptop({
        fetch: flakyFetch(f),
        syncOptions: {
          log: () => {},
          afterApply: () => {
            if (f.crash) {
              f.crash = false;
              throw new Error('killed between apply and cursor advance');
            }
          },
        },
      }),
    );
  }
  try {
    const project = await tinyProject(laptops[0]!);
    const structureId = (await laptops[0]!.db('structures').first('id')).id as string;
    await connect(laptops[0]!, url, 'u0', true);
    for (let i = 1; i < n; i++) await connect(laptops[i]!, url, `u${i}`, false, project.projectId);
    const edits: Edit[] = [];
    const cursors = await Promise.all(
      laptops.map(async (l) => Number((await l.db('outbox').max({ m: 'seq' }).first())?.m ?? 0)),
    );

    for (const cmd of commands) {
      const app = laptops[cmd.client]!;
      if (cmd.kind === 'sync') {
        const f = faults[cmd.client]!;
        if (cmd.fault === 'drop') f.drop = true;
        if (cmd.fault === 'duplicate') f.duplicate = true;
        if (cmd.fault === 'crash') f.crash = true;
        await app.sync.syncNow().catch(() => {});
        Object.assign(f, { drop: false, duplicate: false, crash: false });
        continue;
      }
      if (cmd.kind === 'cage')
        await app.store.write((w) =>
          w.update('panels', project.panelIds[cmd.panel]!, { cage_weight_t: cmd.value }),
        );
      if (cmd.kind === 'delete')
        await app.store.write((w) => w.tombstone('panels', project.panelIds[cmd.panel]!));
      if (cmd.kind === 'stage')
        // Refused once the panel has its guide wall, or is removed, on this laptop: nothing written.
        await app.api['stages:record']({
          panelId: project.panelIds[cmd.panel]!,
          stage: 'guide_wall',
          siteDay: '2023-01-02',
          shift: cmd.shift,
          measurements: {},
        }).catch(() => {});
      if (cmd.kind === 'name')
        await app.store.write((w) => w.update('structures', structureId, { name_en: cmd.text }));
      if (cmd.kind === 'staff')
        await app.api['crews:staff']({
          projectId: project.projectId,
          siteDay: `2023-01-0${cmd.day}`,
          headcount: cmd.count,
        });
      if (cmd.kind === 'crew')
        await app.api['crews:set']({
          projectId: project.projectId,
          siteDay: `2023-01-0${cmd.day}`,
          shift: cmd.shift,
          teamId: project.teamIds[cmd.team]!,
          headcount: cmd.count,
          hours: 8,
        });
      if (cmd.kind === 'log') {
        const siteDay = `2023-01-0${cmd.day}`;
        const log = (await app.api['today:get']({ projectId: project.projectId, siteDay })).log;
        await app.api['log:save']({
          projectId: project.projectId,
          siteDay,
          fields: { [cmd.field]: cmd.text },
          seen: { [cmd.field]: log?.versions[cmd.field] ?? null },
        });
      }
      if (cmd.kind === 'legacy')
        await app.store.write((w) =>
          w.insert('staff_counts', {
            id: newId(),
            project_id: project.projectId,
            site_day: `2023-01-0${cmd.day}`,
            headcount: cmd.count,
          }),
        );
      const fresh = await newEdits(app, cursors[cmd.client]!);
      cursors[cmd.client] = fresh.last;
      edits.push(...fresh.edits);
    }

    // Quiet network: everyone syncs until nothing moves: a round after which every laptop has
    // read the log to the same place and has nothing left to push (so nobody wrote to the log
    // after the first laptop read it). Two rounds, mostly; the fifth is a failure below.
    for (let round = 0; round < 5; round++) {
      for (const app of laptops) await app.sync.syncNow();
      const ends = await Promise.all(
        laptops.map(async (l) => {
          const pending = (await l.api['sync:status']({})).pendingChanges;
          return pending ? null : await getSetting(l.db, SYNC_KEYS.cursor);
        }),
      );
      if (ends[0] !== null && ends.every((c) => c === ends[0])) break;
    }
    const states = await Promise.all(laptops.map((l) => replicaState(l.db)));
    for (const state of states.slice(1)) expect(state).toEqual(states[0]);
    for (const [i, app] of laptops.entries()) {
      const status = await app.api['sync:status']({});
      if (status.pendingChanges === 0) continue;
      // What waits, and why: enough to tell a refusal from a sync that never ran.
      const waiting = await app
        .db('outbox')
        .groupBy('tbl', 'replay')
        .select('tbl', 'replay')
        .count({ n: '*' });
      const rejected = await app.api['sync:rejected']({});
      expect.fail(
        `laptop ${i} still has ${status.pendingChanges} change(s) to push: ${JSON.stringify({
          state: status.state,
          error: status.error,
          waiting,
          rejected: rejected.slice(0, 3),
        })}`,
      );
    }

    // Exactly one live row per natural key, on every replica.
    for (const app of laptops)
      for (const [table, key] of Object.entries(NATURAL_KEYS)) {
        const doubled = await app
          .db(table)
          .whereNull('deleted_at')
          .groupBy(['project_id', ...key])
          .havingRaw('COUNT(*) > 1')
          .select(key);
        expect(doubled, `${table} has two live rows for one key`).toEqual([]);
      }

    // Each cell holds its newest write; every other write was either seen by a later one,
    // wrote the same value, or stands in the conflict ledger. A row of a natural key
    // stands for its key: its writes land in the one row with the natural id.
    const db0 = laptops[0]!.db;
    const logical = async (e: Edit) => {
      if (!isNaturalTable(e.tbl) || e.col === 'deleted_at') return e.row_id;
      const row = await db0(e.tbl).where({ id: e.row_id }).first();
      const key = ['project_id', ...NATURAL_KEYS[e.tbl]];
      const live = await db0(e.tbl)
        .where(Object.fromEntries(key.map((c) => [c, row[c]])))
        .whereNull('deleted_at')
        .first('id');
      // The one live row of the key: the natural one, or an older version's single row; with none
      // live, the natural row, or the row itself when no other ever shared its key (a removed
      // panel of the older version's making).
      if (live) return live.id as string;
      const natural = naturalIdOf(e.tbl, row);
      return (await db0(e.tbl).where({ id: natural }).first('id')) ? natural : e.row_id;
    };
    const ledger = await db0('conflicts');
    // A ledger entry names the row where the loss happened, which may be an older version's row
    // since merged into the natural one (seed 776890627, path 1642: the server saw two laptops
    // overwrite one older-version row, then the merge folded that row in): it stands for its key.
    const ledgerTargets = new Map<string, string>();
    for (const c of ledger as { target_tbl: string; target_row: string }[])
      if (await db0(c.target_tbl).where({ id: c.target_row }).first('id'))
        ledgerTargets.set(
          c.target_row,
          await logical({ tbl: c.target_tbl, row_id: c.target_row, col: '' } as Edit),
        );
    const byCell = new Map<string, (Edit & { target: string })[]>();
    for (const e of edits) {
      const target = await logical(e);
      const k = `${e.tbl}|${target}|${e.col}`;
      byCell.set(k, [...(byCell.get(k) ?? []), { ...e, target }]);
    }
    for (const cellEdits of byCell.values()) {
      const winner = cellEdits.reduce((a, b) => (b.hlc > a.hlc ? b : a));
      const row = await db0(winner.tbl).where({ id: winner.target }).first(winner.col);
      expect(JSON.stringify(row[winner.col])).toBe(winner.value);
      const accounted = (e: Edit) =>
        e === winner ||
        e.value === winner.value ||
        cellEdits.some((other) => other.base_hlc === e.hlc) ||
        ledger.some(
          (c: { target_row: string; target_col: string; kept_hlc: string; lost_hlc: string }) =>
            (ledgerTargets.get(c.target_row) ?? c.target_row) ===
              (e as Edit & { target: string }).target &&
            c.target_col === e.col &&
            (c.kept_hlc === e.hlc || c.lost_hlc === e.hlc),
        );
      for (const e of cellEdits) {
        // Two writes of one value are one fact: either accounts for the other.
        const ok = accounted(e) || cellEdits.some((o) => o.value === e.value && accounted(o));
        expect(ok, `write ${e.col}=${e.value} lost silently`).toBe(true);
      }
    }
  } finally {
    for (const l of laptops) await l.close();
  }
}
