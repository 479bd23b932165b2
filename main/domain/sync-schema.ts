// The one schema of what syncs: every synced table, each column's type, nullability, range or
// enum, JSON shape and largest size, and who may write it. The laptop's writer (through roles.ts),
// the laptop's remote apply and the server's push all judge a cell by it; a table or column it does
// not name is refused by the server and set aside by a laptop (DESIGN.md: the server is upgraded
// first, and a laptop keeps a refused change, so a newer app never loses what it wrote).
import { z } from 'zod';
import { ATTACHMENT_OWNERS, TAKEN_FROM } from './attachments';
import { MACHINE_KINDS, MATERIAL_KINDS, MATERIAL_UNITS } from './machines';
import { PANEL_TYPES } from './panel';
import { STRUCTURE_KINDS } from './project';
import { PANEL_STAGES, SHIFTS } from './stages';
import { DECISIONS, HOLD_POINTS } from './acceptances';

export type ColumnType = 'text' | 'integer' | 'real' | 'flag' | 'json';

export interface ColumnSpec {
  type: ColumnType;
  nullable: boolean;
  /** Text: the most characters; JSON: the most characters of its text. */
  max?: number;
  /** Numbers: the smallest and largest value. */
  min?: number;
  upper?: number;
  values?: readonly string[];
  pattern?: RegExp;
  /** What the JSON text must parse to. */
  shape?: z.ZodType;
  /**
   * An author column: the server sets it from the signed-in user (their id, or their name),
   * whatever the laptop wrote; a null stays null (nobody has approved yet).
   */
  author?: 'id' | 'name';
}

export interface TableSpec {
  columns: Readonly<Record<string, ColumnSpec>>;
  /** Columns only a manager may write ('*': the whole table is the project's set-up). */
  manager: '*' | ReadonlySet<string>;
  /** Never leaves the laptop (the server owns accounts). */
  localOnly?: true;
  /** Written by a supervisor only: their signatures (and nothing else is theirs to write). */
  supervisor?: true;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SHA256 = /^[0-9a-f]{64}$/;

const text = (max = 200): ColumnSpec => ({ type: 'text', nullable: false, max });
const id = (): ColumnSpec => text(64);
const day = (): ColumnSpec => ({ type: 'text', nullable: false, max: 10, pattern: DAY });
const time = (): ColumnSpec => ({ type: 'text', nullable: false, max: 40, pattern: TIMESTAMP });
const oneOf = (values: readonly string[]): ColumnSpec => ({
  type: 'text',
  nullable: false,
  values,
});
const int = (min: number, upper: number): ColumnSpec => ({
  type: 'integer',
  nullable: false,
  min,
  upper,
});
const real = (min: number, upper: number): ColumnSpec => ({
  type: 'real',
  nullable: false,
  min,
  upper,
});
const flag = (): ColumnSpec => ({ type: 'flag', nullable: false });
const json = (shape: z.ZodType, max = 64 * 1024): ColumnSpec => ({
  type: 'json',
  nullable: false,
  max,
  shape,
});
const sha = (): ColumnSpec => ({ type: 'text', nullable: false, max: 64, pattern: SHA256 });
const authorId = (): ColumnSpec => ({ ...text(64), author: 'id' });
const authorName = (): ColumnSpec => ({ ...text(100), author: 'name' });
const opt = (spec: ColumnSpec): ColumnSpec => ({ ...spec, nullable: true });

const anyObject = z.record(z.string(), z.unknown());
const anyJson = z.unknown();

/** Every synced row has these (id is the row's key, not a cell). */
const AUDIT: Record<string, ColumnSpec> = {
  created_at: time(),
  updated_at: time(),
  updated_by: authorId(),
  deleted_at: opt(time()),
};

const table = (
  columns: Record<string, ColumnSpec>,
  manager: TableSpec['manager'] = new Set(),
  localOnly?: true,
): TableSpec => ({
  columns: { ...AUDIT, ...columns },
  manager,
  ...(localOnly ? { localOnly } : {}),
});

export const SYNC_SCHEMA = {
  projects: table(
    {
      code: text(32),
      name_zh: text(200),
      name_en: text(200),
      timezone: text(64),
      is_demo: flag(),
      settings: json(anyObject),
      calendar: opt(json(anyObject)),
      owner_name: opt(text(200)),
      contractor_name: opt(text(200)),
    },
    '*',
  ),
  structures: table(
    {
      project_id: id(),
      code: text(32),
      name_zh: text(200),
      name_en: text(200),
      kind: oneOf(STRUCTURE_KINDS),
      outline: opt(json(anyObject)),
      sort_order: int(-1e6, 1e6),
      planned_start: opt(day()),
      planned_finish: opt(day()),
      retired_at: opt(time()),
      plan_source_code: opt(text(100)),
    },
    '*',
  ),
  panels: table(
    {
      project_id: id(),
      structure_id: id(),
      code: text(32),
      type: oneOf(PANEL_TYPES),
      sequence: int(0, 1e6),
      length_m: real(0, 100),
      thickness_m: real(0, 10),
      design_depth_m: real(0, 200),
      top_level_m: real(-500, 500),
      toe_level_m: real(-500, 500),
      theoretical_volume_m3: real(0, 100_000),
      cage_weight_t: opt(real(0, 1000)),
      joint_type: opt(text(32)),
      retired_at: opt(time()),
      wall_line: opt(int(0, 1e6)),
      from_m: opt(real(-1e5, 1e5)),
      to_m: opt(real(-1e5, 1e5)),
      corner_at_m: opt(real(-1e5, 1e5)),
    },
    '*',
  ),
  teams: table(
    {
      project_id: id(),
      code: text(32),
      name_zh: text(200),
      name_en: text(200),
      sort_order: int(-1e6, 1e6),
      retired_at: opt(time()),
    },
    '*',
  ),
  milestones: table(
    {
      project_id: id(),
      name_zh: text(200),
      name_en: text(200),
      due_date: day(),
      baseline_date: day(),
      actual_date: opt(day()),
      scope_structure_id: opt(id()),
      scope_panel_ids: opt(json(z.array(z.string().max(64)).max(5000), 400_000)),
      scope_stage: opt(oneOf(PANEL_STAGES)),
      source_code: opt(text(100)),
      source_name: opt(text(400)),
      source_wbs: opt(text(400)),
    },
    '*',
  ),
  panel_stage_events: table({
    project_id: id(),
    panel_id: id(),
    stage: oneOf(PANEL_STAGES),
    stage_rank: int(0, 100),
    site_day: day(),
    shift: oneOf(SHIFTS),
    team_id: opt(id()),
    occurred_at: time(),
    depth_m: opt(real(0, 200)),
    width_m: opt(real(0, 5)),
    verticality_x_pct: opt(real(0, 100)),
    verticality_y_pct: opt(real(0, 100)),
    sediment_mm: opt(real(0, 5000)),
    slurry_density: opt(real(0.9, 2.5)),
    slurry_viscosity_s: opt(real(10, 300)),
    slurry_sand_pct: opt(real(0, 100)),
    concrete_volume_m3: opt(real(0, 5000)),
    rig: opt(text(64)),
    notes: opt(text(4000)),
  }),
  crew_shifts: table({
    project_id: id(),
    site_day: day(),
    shift: oneOf(SHIFTS),
    team_id: id(),
    headcount: int(0, 5000),
    hours: real(0, 24),
    foreman: opt(text(100)),
    source: opt(text(100)),
  }),
  staff_counts: table({ project_id: id(), site_day: day(), headcount: int(0, 5000) }),
  daily_logs: table({
    project_id: id(),
    site_day: day(),
    weather_am: opt(text(32)),
    weather_pm: opt(text(32)),
    temp_min_c: opt(real(-60, 60)),
    temp_max_c: opt(real(-60, 60)),
    rain_mm: opt(real(0, 2000)),
    wind: opt(text(32)),
    location: opt(text(200)),
    notes: opt(text(4000)),
    issues: opt(text(4000)),
    safety: opt(text(4000)),
  }),
  users: table({ name: text(100), role: text(16) }, '*', true),
  devices: table({ user_id: id(), name: text(100), node_id: text(16) }, '*', true),
  conflicts: table(
    {
      project_id: id(),
      target_tbl: text(63),
      target_row: id(),
      target_col: text(63),
      kept_value: opt(json(anyJson)),
      kept_hlc: text(48),
      kept_by: text(100),
      lost_value: opt(json(anyJson)),
      lost_hlc: text(48),
      lost_by: text(100),
      detected_at: time(),
      resolved_at: opt(time()),
      resolved_by: opt(authorName()),
      resolution: opt(oneOf(['kept', 'lost'])),
    },
    new Set(['resolved_at', 'resolved_by', 'resolution']),
  ),
  sheet_revisions: table(
    {
      project_id: id(),
      site_day: day(),
      revision: int(1, 10_000),
      status: oneOf(['submitted', 'approved']),
      sheet: json(anyObject),
      submitted_by: authorName(),
      submitted_at: time(),
      approved_by: opt(authorName()),
      approved_at: opt(time()),
    },
    new Set(['approved_by', 'approved_at']),
  ),
  milestone_changes: table(
    {
      project_id: id(),
      milestone_id: id(),
      from_date: day(),
      to_date: day(),
      changed_by: authorId(),
      changed_by_name: authorName(),
      changed_at: time(),
      reason: opt(text(1000)),
    },
    '*',
  ),
  people: table({ project_id: id(), user_id: id(), name: authorName() }),
  panel_changes: table(
    {
      project_id: id(),
      panel_id: id(),
      changes: json(anyObject),
      changed_by: authorId(),
      changed_by_name: authorName(),
      changed_at: time(),
      reason: opt(text(1000)),
    },
    '*',
  ),
  machines: table({
    project_id: id(),
    code: text(32),
    kind: oneOf(MACHINE_KINDS),
    make_model: opt(text(100)),
    on_site: flag(),
    sort_order: int(-1e6, 1e6),
    retired_at: opt(time()),
  }),
  machine_shifts: table({
    project_id: id(),
    site_day: day(),
    shift: oneOf(SHIFTS),
    machine_id: id(),
    hours_working: real(0, 24),
    hours_standby: real(0, 24),
    hours_down: real(0, 24),
    down_reason: opt(text(64)),
    note: opt(text(500)),
  }),
  material_entries: table({
    project_id: id(),
    site_day: day(),
    kind: oneOf(MATERIAL_KINDS),
    material: text(100),
    quantity: real(0, 100_000),
    unit: oneOf(MATERIAL_UNITS),
    supplier: opt(text(100)),
    delivery_note: opt(text(64)),
    note: opt(text(500)),
  }),
  team_aliases: table({ project_id: id(), alias: text(100), team_id: id() }),
  attendance_imports: table({
    project_id: id(),
    fingerprint: text(128),
    file_name: text(260),
    imported_by: authorName(),
    imported_at: time(),
    from_day: opt(day()),
    to_day: opt(day()),
    records: int(0, 10_000_000),
  }),
  attachments: table({
    project_id: id(),
    sha256: sha(),
    file_name: text(260),
    media_type: text(100),
    bytes: int(0, 50 * 1024 * 1024),
    width: opt(int(0, 1_000_000)),
    height: opt(int(0, 1_000_000)),
    site_day: day(),
    taken_at: time(),
    taken_from: oneOf(TAKEN_FROM),
    owner_type: oneOf(ATTACHMENT_OWNERS),
    owner_id: opt(id()),
    panel_id: opt(id()),
    caption: text(500),
    gps_lat: opt(real(-90, 90)),
    gps_lon: opt(real(-180, 180)),
    thumb_sha256: opt(sha()),
    preview_sha256: opt(sha()),
    in_sheet: flag(),
    added_by: authorName(),
    added_at: time(),
  }),
  acceptances: {
    ...table({
      project_id: id(),
      panel_id: id(),
      point: oneOf(HOLD_POINTS),
      attempt: int(1, 1000),
      decision: oneOf(DECISIONS),
      remark: opt(text(500)),
      signed_by: authorId(),
      signer_name: authorName(),
      signed_at: time(),
    }),
    supervisor: true,
  },
} as const satisfies Record<string, TableSpec>;
