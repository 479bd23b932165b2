// Import of the panel register from XLSX or CSV: a preview with every problem by row and column,
// then an all-or-nothing commit that updates panels by code instead of duplicating them.
import type { Knex } from 'knex';
import { AppError } from '../../domain/errors';
import {
  parseRegister,
  type Cell,
  type ImportAction,
  type ImportPreview,
  type RegisterRow,
} from '../../domain/panel-register';
import { designColumns, livePanelRows } from '../../../db/repositories/panel-repository';
import { getProject } from '../project/project-service';
import type { Store } from '../../sync/store';
import { parseOffThread } from '../off-thread/parse-off-thread';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

/** The worker's bounds: a register is small; a file that unpacks to more is refused early. */
const REGISTER_WORKER = { memoryMb: 128, timeoutMs: 30_000 };

/**
 * The register's first sheet as rows of text (parseRegister decides what is a number), bounded
 * before it is parsed and read on a worker thread as a stream (main/features/off-thread), so a
 * spreadsheet that unpacks to hundreds of megabytes is refused without freezing the window.
 */
export async function readTable(buffer: Buffer, fileName: string): Promise<Cell[][]> {
  if (buffer.length > IMPORT_MAX_BYTES) {
    throw new AppError('import.unreadable', {
      file: fileName,
      reason: `larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
    });
  }
  return (await parseOffThread('table', buffer, fileName, REGISTER_WORKER, {
    fileName,
    maxRows: IMPORT_MAX_ROWS,
  })) as Cell[][];
}

interface Plan {
  preview: ImportPreview;
  creates: { row: RegisterRow; structureId: string; sequence: number }[];
  updates: { row: RegisterRow; panelId: string; changes: Record<string, string | number | null> }[];
}

async function plan(
  db: Knex,
  input: { projectId: string; structureId?: string | undefined; fileName: string; data: Buffer },
): Promise<Plan> {
  const project = await getProject(db, input.projectId);
  const table = await readTable(input.data, input.fileName);
  const parsed = parseRegister(table);
  const issues = [...parsed.issues];
  const byCode = new Map(project.structures.map((s) => [s.code, s]));
  const fallback = input.structureId
    ? project.structures.find((s) => s.id === input.structureId)
    : project.structures.length === 1
      ? project.structures[0]
      : undefined;
  if (input.structureId && !fallback)
    throw new AppError('not_found', { entity: 'structure', id: input.structureId });

  const existing = await livePanelRows(db, input.projectId);
  const panelKey = (structureId: string, code: string) => `${structureId}\u0000${code}`;
  const live = new Map(
    existing.map((p) => [panelKey(p.structure_id as string, p.code as string), p]),
  );
  const nextSequence = new Map<string, number>();
  for (const p of existing) {
    const s = p.structure_id as string;
    nextSequence.set(s, Math.max(nextSequence.get(s) ?? 0, Number(p.sequence)));
  }

  const result: Plan = {
    preview: {
      fileName: input.fileName,
      rows: [],
      issues,
      counts: { create: 0, update: 0, unchanged: 0 },
    },
    creates: [],
    updates: [],
  };
  for (const row of parsed.rows) {
    const structure = row.structureCode ? byCode.get(row.structureCode) : fallback;
    if (!structure) {
      issues.push({
        row: row.row,
        column: 'structure',
        reason: row.structureCode
          ? `unknown structure "${row.structureCode}"`
          : 'no structure given and the project has several',
      });
      continue;
    }
    const current = live.get(panelKey(structure.id, row.design.code));
    let action: ImportAction;
    if (!current) {
      const sequence = row.design.sequence ?? (nextSequence.get(structure.id) ?? 0) + 1;
      nextSequence.set(structure.id, Math.max(nextSequence.get(structure.id) ?? 0, sequence));
      result.creates.push({ row, structureId: structure.id, sequence });
      action = 'create';
    } else {
      const wanted = designColumns(row.design);
      const changes = Object.fromEntries(
        Object.entries(wanted).filter(([col, value]) => (current[col] ?? null) !== value),
      );
      if (Object.keys(changes).length) {
        result.updates.push({ row, panelId: current.id as string, changes });
        action = 'update';
      } else action = 'unchanged';
    }
    result.preview.counts[action] += 1;
    result.preview.rows.push({
      row: row.row,
      code: row.design.code,
      structureCode: structure.code,
      action,
    });
  }
  issues.sort((a, b) => a.row - b.row);
  return result;
}

export async function previewImport(
  db: Knex,
  input: { projectId: string; structureId?: string | undefined; fileName: string; data: Buffer },
): Promise<ImportPreview> {
  return (await plan(db, input)).preview;
}

/** Commits the whole file or nothing: any problem in any row aborts before a single write. */
export async function commitImport(
  store: Store,
  input: { projectId: string; structureId?: string | undefined; fileName: string; data: Buffer },
): Promise<ImportPreview> {
  const { preview, creates, updates } = await plan(store.db, input);
  if (preview.issues.length) {
    throw new AppError('import.has_errors', {
      count: preview.issues.length,
      issues: preview.issues.slice(0, 100),
    });
  }
  await store.write(async (w) => {
    for (const { row, structureId, sequence } of creates) {
      const { code, ...design } = designColumns(row.design);
      await w.upsert(
        'panels',
        { project_id: input.projectId, structure_id: structureId, code: code! },
        { sequence, ...design },
      );
    }
    for (const { panelId, changes } of updates) await w.update('panels', panelId, changes);
  });
  return preview;
}
