// The day's materials: deliveries (with supplier and delivery note) and use, entered by hand; the
// concrete poured comes from the concreting events, so it is never typed twice.
import type { Knex } from 'knex';
import {
  concreteOfDay,
  findMaterialEntry,
  materialEntries,
} from '../../../db/repositories/machine-repository';
import { assertNotFuture, siteDayOf } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { MaterialEntryFields as EntryInput } from '../../domain/machines';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';
import type { MaterialDay } from './contract';

export async function getMaterialDay(
  db: Knex,
  projectId: string,
  siteDay: string,
): Promise<MaterialDay> {
  await getProject(db, projectId);
  const [entries, concrete] = await Promise.all([
    materialEntries(db, projectId, siteDay),
    concreteOfDay(db, projectId, siteDay),
  ]);
  return { siteDay, entries, concrete };
}

const columns = (e: EntryInput) => ({
  kind: e.kind,
  material: e.material,
  quantity: e.quantity,
  unit: e.unit,
  supplier: e.supplier || null,
  delivery_note: e.deliveryNote || null,
  note: e.note || null,
});

export async function addMaterial(
  store: Store,
  input: { projectId: string; siteDay: string; entry: EntryInput },
): Promise<MaterialDay> {
  const project = await getProject(store.db, input.projectId);
  assertNotFuture(input.siteDay, siteDayOf(store.now(), project.timezone));
  await store.write((w) =>
    w.insert('material_entries', {
      id: newId(),
      project_id: input.projectId,
      site_day: input.siteDay,
      ...columns(input.entry),
    }),
  );
  return getMaterialDay(store.db, input.projectId, input.siteDay);
}

export async function updateMaterial(
  store: Store,
  input: { entryId: string; entry: EntryInput },
): Promise<MaterialDay> {
  const found = await findMaterialEntry(store.db, input.entryId);
  if (!found) throw new AppError('not_found', { entity: 'material', id: input.entryId });
  await store.write((w) => w.update('material_entries', input.entryId, columns(input.entry)));
  return getMaterialDay(store.db, found.projectId, found.siteDay);
}

/** A mistaken entry is tombstoned: a change that syncs, never a silent deletion. */
export async function removeMaterial(store: Store, entryId: string): Promise<MaterialDay> {
  const found = await findMaterialEntry(store.db, entryId);
  if (!found) throw new AppError('not_found', { entity: 'material', id: entryId });
  await store.write((w) => w.tombstone('material_entries', entryId));
  return getMaterialDay(store.db, found.projectId, found.siteDay);
}
