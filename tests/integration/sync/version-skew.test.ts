// A newer app version than the server: a change of a column the server does not know yet is
// refused as sync.unknown_column, listed on the Sync screen, and stays queued: it goes again at
// every sync (the rest of the outbox is not held up), so that it lands once the server is upgraded.
import { describe, expect, it } from 'vitest';
import { connect, laptop, tinyProject } from '../../helpers/laptops';
import { startSyncServer } from '../../helpers/sync-server';

describe('a laptop newer than its server', () => {
  it('keeps a change of a column the server does not know queued, not lost', async () => {
    const s = await startSyncServer();
    await s.addUser('wang', 'manager');
    const a = await laptop();
    const p = await tinyProject(a);
    await connect(a, s.url, 'wang', true);
    await a.sync.stop();
    // What a newer version writes: its own column, then an ordinary change behind it.
    const stamp = a.store.clock.tick();
    await a.db('outbox').insert({
      hlc: stamp,
      tbl: 'panels',
      row_id: p.panelIds[0],
      col: 'rebar_grade',
      value: JSON.stringify('HRB400'),
      base_hlc: null,
      created_at: new Date().toISOString(),
    });
    await a.store.write((w) => w.update('panels', p.panelIds[1]!, { cage_weight_t: 44 }));
    for (let round = 0; round < 2; round++) {
      await a.sync.syncNow();
      const status = await a.api['sync:status']({});
      expect(status).toMatchObject({ state: 'idle', pendingChanges: 1, rejected: 1 });
    }
    expect(await a.api['sync:rejected']({})).toMatchObject([
      { code: 'sync.unknown_column', column: 'rebar_grade' },
    ]);
    expect(await a.db('outbox').pluck('col')).toEqual(['rebar_grade']);
    const held = await s.server.store
      .knex('cells')
      .where({ row_id: p.panelIds[1], col: 'cage_weight_t' })
      .first('value');
    expect(held).toEqual({ value: '44' });
  });
});
