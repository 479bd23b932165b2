// Panels by hand: add one, correct its design data (each correction kept with who, when, old and
// new), retire one that will not be built, remove one recorded by mistake (only while nothing has
// been recorded on it).
import {
  DESIGN_COLUMNS,
  designColumns,
  findPanelRow,
  panelCodeTaken,
  structurePanelCount,
  writeNewPanel,
  type DesignField,
} from '../../../db/repositories/panel-repository';
import { panelHasEvents } from '../../../db/repositories/stage-event-repository';
import { findStructure } from '../../../db/repositories/structure-repository';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { longestRun, outlineSchema } from '../../domain/outline';
import {
  panelDesignSchema,
  type JointType,
  type PanelDetail,
  type PanelType,
} from '../../domain/panel';
import { parseOrThrow, issue } from '../../domain/validation';
import type { Store } from '../../sync/store';
import { getPanel } from './panel-service';
import { parseJsonCell } from '../../domain/sync-check';

export interface PanelDesignInput {
  code: string;
  type: PanelType;
  sequence?: number | undefined;
  lengthM: number;
  thicknessM: number;
  designDepthM: number;
  topLevelM: number;
  toeLevelM?: number | undefined;
  cageWeightT?: number | null | undefined;
  jointType?: JointType | null | undefined;
}

const refuse = (path: string, message: string) =>
  new AppError('input.invalid', { issues: [{ path, message }] });

/** The structure a panel goes in, live, with the length of its walls when it has an outline. */
async function liveStructure(store: Store, structureId: string) {
  const structure = await findStructure(store.db, structureId);
  if (!structure) throw new AppError('not_found', { entity: 'structure', id: structureId });
  if (structure.retiredAt) throw refuse('structureId', 'the structure is retired');
  const outline = structure.outline
    ? outlineSchema.safeParse(parseJsonCell<unknown>(structure.outline, null))
    : null;
  return { ...structure, wallM: outline?.success ? longestRun(outline.data) : null };
}

/** The checks every panel's design passes: the schema, its wall, its code in its structure. */
async function checkDesign(
  store: Store,
  structure: { id: string; wallM: number | null },
  design: Record<DesignField, unknown>,
  panelId?: string,
) {
  const checked = parseOrThrow(panelDesignSchema, design);
  if (structure.wallM !== null && checked.lengthM > structure.wallM)
    throw refuse(
      'lengthM',
      `longer than the structure's longest wall (${structure.wallM.toFixed(1)} m)`,
    );
  if (await panelCodeTaken(store.db, structure.id, checked.code, panelId))
    throw new AppError('setup.code_taken', {
      code: checked.code,
      issues: [issue('code', 'issues.inUse', 'in use')],
    });
  return checked;
}

export async function addPanel(
  store: Store,
  input: PanelDesignInput & { structureId: string },
): Promise<PanelDetail> {
  const { structureId, ...given } = input;
  const structure = await liveStructure(store, structureId);
  const { lastSequence } = await structurePanelCount(store.db, structure.id);
  const design = {
    ...given,
    sequence: input.sequence ?? lastSequence + 1,
    toeLevelM: input.toeLevelM ?? Math.round((input.topLevelM - input.designDepthM) * 1000) / 1000,
    cageWeightT: input.cageWeightT ?? null,
    jointType: input.jointType ?? null,
  };
  const checked = await checkDesign(store, structure, design);
  const id = await store.write((w) =>
    writeNewPanel(w, {
      projectId: structure.projectId,
      structureId: structure.id,
      design: checked,
      position: null,
      retiredAt: null,
    }),
  );
  return getPanel(store.db, id);
}

/** Corrects design data; the old and new values are kept as a synced history row. */
export async function updatePanel(
  store: Store,
  input: {
    panelId: string;
    changes: Partial<PanelDesignInput>;
    reason?: string | null | undefined;
  },
): Promise<PanelDetail> {
  const row = await findPanelRow(store.db, input.panelId);
  if (!row) throw new AppError('not_found', { entity: 'panel', id: input.panelId });
  const structure = await liveStructure(store, String(row.structure_id));
  const current = Object.fromEntries(
    (Object.keys(DESIGN_COLUMNS) as DesignField[]).map((f) => [f, row[DESIGN_COLUMNS[f]] ?? null]),
  ) as Record<DesignField, unknown>;
  const next = { ...current, ...dropUndefined(input.changes) };
  const checked = await checkDesign(store, structure, next, input.panelId);
  const changed = (Object.keys(DESIGN_COLUMNS) as DesignField[]).filter(
    (f) => (current[f] ?? null) !== ((checked as Record<string, unknown>)[f] ?? null),
  );
  if (!changed.length) return getPanel(store.db, input.panelId);
  const history = Object.fromEntries(
    changed.map((f) => [
      DESIGN_COLUMNS[f],
      [current[f] ?? null, (checked as Record<string, unknown>)[f] ?? null],
    ]),
  );
  await store.write(async (w) => {
    const columns = designColumns(checked);
    await w.update('panels', input.panelId, {
      ...Object.fromEntries(changed.map((f) => [DESIGN_COLUMNS[f], columns[DESIGN_COLUMNS[f]]!])),
      theoretical_volume_m3: columns.theoretical_volume_m3!,
    });
    await w.insert('panel_changes', {
      id: newId(),
      project_id: String(row.project_id),
      panel_id: input.panelId,
      changes: JSON.stringify(history),
      changed_by: store.identity.userId,
      changed_by_name: store.identity.userName,
      changed_at: w.at,
      reason: input.reason?.trim() || null,
    });
  });
  return getPanel(store.db, input.panelId);
}

const dropUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function retirePanel(
  store: Store,
  input: { panelId: string; retired: boolean },
): Promise<PanelDetail> {
  const row = await findPanelRow(store.db, input.panelId);
  if (!row) throw new AppError('not_found', { entity: 'panel', id: input.panelId });
  await store.write((w) =>
    w.update('panels', input.panelId, { retired_at: input.retired ? w.at : null }),
  );
  return getPanel(store.db, input.panelId);
}

/** Removes a panel added by mistake; one with stage events can only be retired. */
export async function removePanel(store: Store, panelId: string): Promise<{ removed: true }> {
  const row = await findPanelRow(store.db, panelId);
  if (!row) throw new AppError('not_found', { entity: 'panel', id: panelId });
  if (await panelHasEvents(store.db, panelId))
    throw new AppError('setup.has_history', { entity: 'panel', name: String(row.code) });
  await store.write((w) => w.tombstone('panels', panelId));
  return { removed: true };
}
