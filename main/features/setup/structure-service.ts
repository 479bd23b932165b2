// Structures and their walls: add, edit, retire; the panel layout proposed from an outline, and
// accepted as the structure's panels.
import {
  nextStructureOrder,
  findStructure,
  structureCodeTaken,
} from '../../../db/repositories/structure-repository';
import { structurePanelCount, writeNewPanel } from '../../../db/repositories/panel-repository';
import { AppError } from '../../domain/errors';
import { issue } from '../../domain/validation';
import { newId } from '../../domain/ids';
import { isClosedOutline, outlineSchema, type Outline } from '../../domain/outline';
import { generateLayout, type LayoutInput } from '../../domain/panel-layout';
import type { Project, StructureKind } from '../../domain/project';
import type { Store } from '../../sync/store';
import { getProject } from '../project/project-service';
import { parseJsonCell } from '../../domain/sync-check';

/** A shaft encloses its pit: its outline must close. */
const SHAFTS: readonly StructureKind[] = ['shaft', 'receiving_shaft'];

export interface StructureInput {
  projectId: string;
  structureId?: string | undefined;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: StructureKind;
  outline: Outline | null;
}

export async function saveStructure(store: Store, input: StructureInput): Promise<Project> {
  await getProject(store.db, input.projectId);
  if (input.structureId) {
    const existing = await findStructure(store.db, input.structureId);
    if (!existing || existing.projectId !== input.projectId)
      throw new AppError('not_found', { entity: 'structure', id: input.structureId });
  }
  if (input.outline && SHAFTS.includes(input.kind) && !isClosedOutline(input.outline))
    throw new AppError('input.invalid', {
      issues: [{ path: 'outline', message: 'a shaft’s outline must close' }],
    });
  if (await structureCodeTaken(store.db, input.projectId, input.code, input.structureId))
    throw new AppError('setup.code_taken', {
      code: input.code,
      issues: [issue('code', 'issues.inUse', 'in use')],
    });
  const columns = {
    code: input.code,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    kind: input.kind,
    outline: input.outline ? JSON.stringify(input.outline) : null,
  };
  const order = await nextStructureOrder(store.db, input.projectId);
  await store.write(async (w) => {
    if (input.structureId) await w.update('structures', input.structureId, columns);
    else
      await w.insert('structures', {
        id: newId(),
        project_id: input.projectId,
        sort_order: order,
        ...columns,
      });
  });
  return getProject(store.db, input.projectId);
}

export async function retireStructure(
  store: Store,
  input: { structureId: string; retired: boolean },
): Promise<Project> {
  const structure = await findStructure(store.db, input.structureId);
  if (!structure) throw new AppError('not_found', { entity: 'structure', id: input.structureId });
  await store.write((w) =>
    w.update('structures', structure.id, { retired_at: input.retired ? w.at : null }),
  );
  return getProject(store.db, structure.projectId);
}

/** Writes the proposed layout as the structure's panels; a structure with panels is refused. */
export async function applyLayout(
  store: Store,
  input: Omit<LayoutInput, 'outline' | 'panelLengths'> & { structureId: string },
): Promise<{ created: number }> {
  const structure = await findStructure(store.db, input.structureId);
  if (!structure) throw new AppError('not_found', { entity: 'structure', id: input.structureId });
  const outline = structure.outline
    ? outlineSchema.safeParse(parseJsonCell<unknown>(structure.outline, null))
    : null;
  if (!outline?.success)
    throw new AppError('input.invalid', {
      issues: [{ path: 'outline', message: 'the structure has no outline to lay panels along' }],
    });
  const { live } = await structurePanelCount(store.db, structure.id);
  if (live > 0) throw new AppError('setup.has_panels', { name: structure.code, count: live });
  const { structureId: _, ...spec } = input;
  // The bounds are the project's, whatever the caller says.
  const { panelLengths } = (await getProject(store.db, structure.projectId)).settings;
  const layout = generateLayout({ ...spec, panelLengths, outline: outline.data });
  await store.write(async (w) => {
    for (const p of layout.panels)
      await writeNewPanel(w, {
        projectId: structure.projectId,
        structureId: structure.id,
        design: { ...p, cageWeightT: null, jointType: null },
        position: { line: p.line, fromM: p.fromM, toM: p.toM, cornerAtM: p.cornerAtM },
        retiredAt: null,
      });
  });
  return { created: layout.panels.length };
}
