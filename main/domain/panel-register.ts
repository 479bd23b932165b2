// Reading a panel register the way engineers keep it: headers in Chinese or English, types as
// Ⅰ期/Ⅱ期/闭合幅 or primary/secondary/closing. Pure: the import service feeds it cell values.
import {
  JOINT_TYPES,
  panelDesignSchema,
  PANEL_TYPES,
  type JointType,
  type PanelType,
} from './panel';

export const REGISTER_FIELDS = [
  'code',
  'structure',
  'type',
  'sequence',
  'lengthM',
  'thicknessM',
  'designDepthM',
  'topLevelM',
  'toeLevelM',
  'cageWeightT',
  'jointType',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

const HEADER_ALIASES: Record<RegisterField, string[]> = {
  code: ['幅段号', '槽段号', '槽段编号', '编号', 'panelno', 'panel', 'code', 'panelcode'],
  structure: ['结构', '结构物', '部位', 'structure'],
  type: ['类型', '槽段类型', '期次', 'type', 'paneltype'],
  sequence: ['顺序', '序号', '施工顺序', 'sequence', 'seq', 'no'],
  lengthM: ['长度', '槽段长度', '幅长', 'length'],
  thicknessM: ['厚度', '墙厚', 'thickness'],
  designDepthM: ['设计槽深', '设计深度', '槽深', 'designdepth', 'depth'],
  topLevelM: ['墙顶标高', '顶标高', 'toplevel'],
  toeLevelM: ['墙底标高', '底标高', 'toelevel'],
  cageWeightT: ['钢筋笼重', '笼重', '钢筋笼重量', 'cageweight'],
  jointType: ['接头形式', '接头', 'joint', 'jointtype'],
};

const REQUIRED: RegisterField[] = [
  'code',
  'type',
  'lengthM',
  'thicknessM',
  'designDepthM',
  'topLevelM',
];

const TYPE_ALIASES: Record<string, PanelType> = {
  ⅰ期: 'primary',
  i期: 'primary',
  一期: 'primary',
  a: 'primary',
  primary: 'primary',
  ⅱ期: 'secondary',
  ii期: 'secondary',
  二期: 'secondary',
  b: 'secondary',
  secondary: 'secondary',
  闭合幅: 'closing',
  连接幅: 'closing',
  c: 'closing',
  closing: 'closing',
};

const JOINT_ALIASES: Record<string, JointType> = {
  圆弧形: 'circular',
  橡胶带: 'rubber_band',
  十字钢板: 'cross_steel_plate',
  工字型钢: 'h_steel',
  工字钢: 'h_steel',
  套铣: 'cutter_overlap',
  ...Object.fromEntries(JOINT_TYPES.map((j) => [j.replace(/_/g, ''), j])),
  circular: 'circular',
  rubberband: 'rubber_band',
  crosssteelplate: 'cross_steel_plate',
  hsteel: 'h_steel',
  cutteroverlap: 'cutter_overlap',
};

function normalise(value: string): string {
  return value
    .toLowerCase()
    .replace(/[（(].*?[)）]/g, '')
    .replace(/[\s_.\-/:：]/g, '')
    .trim();
}

export interface RegisterIssue {
  /** 1-based row number as the engineer sees it in the spreadsheet. */
  row: number;
  column: string;
  reason: string;
}

export interface RegisterRow {
  row: number;
  structureCode: string | null;
  design: {
    code: string;
    type: PanelType;
    sequence: number | null;
    lengthM: number;
    thicknessM: number;
    designDepthM: number;
    topLevelM: number;
    toeLevelM: number;
    cageWeightT: number | null;
    jointType: JointType | null;
  };
}

export interface ParsedRegister {
  rows: RegisterRow[];
  issues: RegisterIssue[];
}

export type Cell = string | number | boolean | Date | null | undefined;

/** Finds the header row (the first with a code column) and maps each field to a column index. */
function findHeader(
  table: Cell[][],
): { index: number; columns: Partial<Record<RegisterField, number>> } | null {
  for (let r = 0; r < Math.min(table.length, 20); r++) {
    const columns: Partial<Record<RegisterField, number>> = {};
    (table[r] ?? []).forEach((cell, c) => {
      if (typeof cell !== 'string') return;
      const key = normalise(cell);
      for (const field of REGISTER_FIELDS) {
        if (
          columns[field] === undefined &&
          HEADER_ALIASES[field].some((alias) => normalise(alias) === key)
        ) {
          columns[field] = c;
        }
      }
    });
    if (columns.code !== undefined) return { index: r, columns };
  }
  return null;
}

function asNumber(cell: Cell): number | null | 'invalid' {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 'invalid';
  if (typeof cell === 'string') {
    const n = Number(cell.trim().replace(/,/g, ''));
    return cell.trim() !== '' && Number.isFinite(n) ? n : 'invalid';
  }
  return 'invalid';
}

function asText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function headerIssues(
  table: Cell[][],
): { header: NonNullable<ReturnType<typeof findHeader>> } | { issues: RegisterIssue[] } {
  const header = findHeader(table);
  if (!header)
    return {
      issues: [
        {
          row: 1,
          column: 'code',
          reason: 'no header row with a panel number column (幅段号 / Panel no.)',
        },
      ],
    };
  const missing = REQUIRED.filter((f) => header.columns[f] === undefined);
  if (missing.length)
    return {
      issues: missing.map((f) => ({ row: header.index + 1, column: f, reason: 'column missing' })),
    };
  return { header };
}

export function parseRegister(table: Cell[][]): ParsedRegister {
  const found = headerIssues(table);
  if ('issues' in found) return { rows: [], issues: found.issues };
  const { header } = found;
  const rows: RegisterRow[] = [];
  const issues: RegisterIssue[] = [];
  const seen = new Map<string, number>();
  for (let r = header.index + 1; r < table.length; r++) {
    const cells = table[r] ?? [];
    const get = (field: RegisterField): Cell => {
      const c = header.columns[field];
      return c === undefined ? undefined : cells[c];
    };
    if (REGISTER_FIELDS.every((f) => asText(get(f)) === '')) continue;
    const parsed = parseRow(r + 1, get, seen);
    if (parsed.row) rows.push(parsed.row);
    issues.push(...parsed.issues);
  }
  return { rows, issues };
}

const NUMBER_FIELDS = [
  'sequence',
  'lengthM',
  'thicknessM',
  'designDepthM',
  'topLevelM',
  'toeLevelM',
  'cageWeightT',
] as const;

/** One register row: the panel it describes, or every problem in it (one pass reports all). */
function parseRow(
  rowNo: number,
  get: (field: RegisterField) => Cell,
  seen: Map<string, number>,
): { row: RegisterRow | null; issues: RegisterIssue[] } {
  const rowIssues: RegisterIssue[] = [];
  const issue = (column: string, reason: string) => rowIssues.push({ row: rowNo, column, reason });

  const code = asText(get('code'));
  if (!code) issue('code', 'empty');
  else if (code.length > 32 || [...code].some((ch) => ch.charCodeAt(0) < 32))
    issue('code', 'not a valid panel number');
  const typeText = normalise(asText(get('type')));
  const type =
    TYPE_ALIASES[typeText] ?? (PANEL_TYPES as readonly string[]).find((t) => t === typeText);
  if (!type) issue('type', `unknown type "${asText(get('type'))}"`);
  const jointText = asText(get('jointType'));
  const jointType = jointText ? (JOINT_ALIASES[normalise(jointText)] ?? null) : null;
  if (jointText && !jointType) issue('jointType', `unknown joint type "${jointText}"`);

  const numbers: Partial<Record<RegisterField, number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const n = asNumber(get(field));
    if (n === 'invalid') issue(field, `not a number: "${asText(get(field))}"`);
    else numbers[field] = n;
  }
  for (const field of REQUIRED) {
    if (field !== 'code' && field !== 'type' && numbers[field as 'lengthM'] === null)
      issue(field, 'empty');
  }
  if (code && seen.has(code)) issue('code', `duplicate of row ${seen.get(code)}`);
  else if (code) seen.set(code, rowNo);

  const design = checkDesign(
    { code, type: type as PanelType | undefined, jointType, numbers },
    new Set(rowIssues.map((i) => i.column)),
    issue,
  );
  if (rowIssues.length || !design) return { row: null, issues: rowIssues };
  return {
    row: {
      row: rowNo,
      structureCode: asText(get('structure')) || null,
      design: { ...design, sequence: numbers.sequence ?? null },
    },
    issues: [],
  };
}

/**
 * The design rules, checked on whatever parsed; fields already reported (`flagged`, or missing)
 * take a harmless placeholder so that each problem is reported once.
 */
function checkDesign(
  parsed: {
    code: string;
    type: PanelType | undefined;
    jointType: JointType | null;
    numbers: Partial<Record<RegisterField, number | null>>;
  },
  flagged: Set<string>,
  issue: (column: string, reason: string) => void,
) {
  const { numbers } = parsed;
  const value = (field: RegisterField, placeholder: number) => numbers[field] ?? placeholder;
  const topLevelM = value('topLevelM', 0);
  const designDepthM = value('designDepthM', 1);
  const toeGiven = numbers.toeLevelM !== null && numbers.toeLevelM !== undefined;
  const checked = panelDesignSchema.safeParse({
    code: parsed.code || 'X',
    type: parsed.type ?? 'primary',
    sequence: value('sequence', 1),
    lengthM: value('lengthM', 1),
    thicknessM: value('thicknessM', 1),
    designDepthM,
    topLevelM,
    toeLevelM: toeGiven ? numbers.toeLevelM! : Math.round((topLevelM - designDepthM) * 1000) / 1000,
    cageWeightT: numbers.cageWeightT ?? null,
    jointType: parsed.jointType,
  });
  if (checked.success) return checked.data;
  let reported = false;
  for (const i of checked.error.issues) {
    const column = String(i.path[0] ?? '');
    // A toe level we derived is wrong only because the depth or top is: report those alone.
    if (flagged.has(column) || (column === 'toeLevelM' && !toeGiven)) continue;
    issue(column, i.message);
    reported = true;
  }
  if (!toeGiven && !reported && flagged.size === 0)
    issue('designDepthM', 'toe level would not be below top level');
  return null;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportPreview {
  fileName: string;
  rows: { row: number; code: string; structureCode: string; action: ImportAction }[];
  issues: RegisterIssue[];
  counts: Record<ImportAction, number>;
}
