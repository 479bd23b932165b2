// Import of the panel register from XLSX or CSV: a preview with every problem by row and column,
// then an all-or-nothing commit that updates panels by code instead of duplicating them.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
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

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

/** CSV from Excel on a Chinese Windows is often GB18030, not UTF-8: detect it rather than garble. */
export function decodeCsv(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return buffer.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    return null;
  }
  return value as Cell;
}

export async function readTable(buffer: Buffer, fileName: string): Promise<Cell[][]> {
  if (buffer.length > IMPORT_MAX_BYTES) {
    throw new AppError('import.unreadable', {
      file: fileName,
      reason: `larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
    });
  }
  const lower = fileName.toLowerCase();
  const workbook = new ExcelJS.Workbook();
  try {
    if (lower.endsWith('.xlsx')) {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } else if (lower.endsWith('.csv')) {
      // Read every cell as text; parseRegister decides what is a number.
      await workbook.csv.read(Readable.from([decodeCsv(buffer)]), {
        map: (value: unknown) => value,
      } as never);
    } else {
      throw new AppError('import.unreadable', { file: fileName, reason: 'expected .xlsx or .csv' });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import.unreadable', {
      file: fileName,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('import.unreadable', { file: fileName, reason: 'no worksheet' });
  if (sheet.rowCount > IMPORT_MAX_ROWS) {
    throw new AppError('import.unreadable', {
      file: fileName,
      reason: `more than ${IMPORT_MAX_ROWS} rows`,
    });
  }
  const table: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
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
      await w.insert('panels', {
        id: newId(),
        project_id: input.projectId,
        structure_id: structureId,
        sequence,
        ...designColumns(row.design),
      });
    }
    for (const { panelId, changes } of updates) await w.update('panels', panelId, changes);
  });
  return preview;
}
