// The demo's machines and materials, drawn from its stage events so they tell the same story: a
// rig works the shifts its excavations were dug in, the cranes lift on cage days, the pump runs
// when a panel is concreted, concrete delivered is the concrete poured, and in the Spring
// Festival week fewer machines work. Its own seeded sequence, so the rest of the demo is unchanged.
import { daysBetween } from '../../domain/dates';
import { newId } from '../../domain/ids';
import type { DownReason, MachineKind } from '../../domain/machines';
import { naturalId } from '../../domain/natural-keys';
import { seededRandom } from '../../domain/random';
import type { Shift } from '../../domain/stages';
import type { Row } from '../../../db/repositories/write';

export interface DemoMachine {
  id: string;
  code: string;
  kind: MachineKind;
}

interface ResourceInput {
  projectId: string;
  machines: DemoMachine[];
  events: Row[];
  from: string;
  asOf: string;
  holiday: { from: string; to: string };
  audit: Row;
}

interface Hours {
  working: number;
  standby: number;
  down: number;
  reason: DownReason | null;
}

const SHIFT_HOURS = 12;
const quarter = (v: number) => Math.round(v * 4) / 4;

/** What happened on a shift, as the machines see it. */
interface ShiftWork {
  rigs: Set<string>;
  cages: number;
  pours: number;
  excavating: boolean;
}

function shiftWork(events: Row[], day: string, shift: Shift): ShiftWork {
  const here = events.filter((e) => e.site_day === day && e.shift === shift);
  return {
    rigs: new Set(here.filter((e) => e.stage === 'excavation').map((e) => String(e.rig))),
    cages: here.filter((e) => e.stage === 'cage_lowered').length,
    pours: here.filter((e) => e.stage === 'concreting').length,
    excavating: here.some((e) => e.stage === 'excavation' || e.stage === 'trench_acceptance'),
  };
}

function hoursFor(
  machine: DemoMachine,
  work: ShiftWork,
  holiday: boolean,
  between: (lo: number, hi: number) => number,
  random: () => number,
): Hours {
  const busy = (lo: number, hi: number): Hours => {
    const working = quarter(between(lo, hi));
    return { working, standby: SHIFT_HOURS - working, down: 0, reason: null };
  };
  const idle: Hours = { working: 0, standby: SHIFT_HOURS, down: 0, reason: null };
  // Now and then a machine stands down: a breakdown, or its maintenance.
  if (!holiday && random() < 0.04) {
    const down = quarter(between(2, 6));
    const reason: DownReason = random() < 0.5 ? 'breakdown' : 'maintenance';
    return { working: 0, standby: SHIFT_HOURS - down, down, reason };
  }
  switch (machine.kind) {
    case 'hydraulic_grab':
    case 'trench_cutter':
      return work.rigs.has(machine.code) ? busy(8, 11) : idle;
    case 'crawler_crane':
      return work.cages > 0 ? busy(3, 6) : idle;
    case 'concrete_pump':
      return work.pours > 0 ? busy(4, 6.5) : idle;
    case 'slurry_plant':
      return work.excavating ? busy(9, 12) : holiday ? idle : busy(4, 6);
    default:
      return holiday ? idle : busy(5, 9);
  }
}

/** Each machine's hours for every shift from the first excavation to the demo's day. */
export function demoMachineShifts(input: ResourceInput, seed = 20230128): Row[] {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const rows: Row[] = [];
  for (const day of daysBetween(input.from, input.asOf)) {
    const holiday = day >= input.holiday.from && day <= input.holiday.to;
    for (const shift of ['day', 'night'] as const) {
      const work = shiftWork(input.events, day, shift);
      for (const machine of input.machines) {
        const h = hoursFor(machine, work, holiday, between, random);
        rows.push({
          id: naturalId(input.projectId, 'machine_shifts', [day, shift, machine.id]),
          project_id: input.projectId,
          site_day: day,
          shift,
          machine_id: machine.id,
          hours_working: h.working,
          hours_standby: h.standby,
          hours_down: h.down,
          down_reason: h.reason,
          note: h.reason === 'breakdown' ? '液压系统故障，已维修' : null,
          ...input.audit,
        });
      }
    }
  }
  return rows;
}

/** The day's deliveries and uses: concrete as poured, rebar and bentonite on their rhythm. */
export function demoMaterials(input: ResourceInput, seed = 20230129): Row[] {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const rows: Row[] = [];
  const entry = (day: string, values: Row) =>
    rows.push({
      id: newId(),
      project_id: input.projectId,
      site_day: day,
      supplier: null,
      delivery_note: null,
      note: null,
      ...values,
      ...input.audit,
    });
  daysBetween(input.from, input.asOf).forEach((day, i) => {
    const holiday = day >= input.holiday.from && day <= input.holiday.to;
    const stamp = day.replaceAll('-', '').slice(2);
    const poured = input.events
      .filter((e) => e.site_day === day && e.stage === 'concreting')
      .reduce((n, e) => n + Number(e.concrete_volume_m3 ?? 0), 0);
    if (poured > 0)
      entry(day, {
        kind: 'delivery',
        material: 'C35 P10 水下混凝土',
        quantity: Math.ceil(poured * 2) / 2,
        unit: 'm3',
        supplier: '海门中建商品混凝土有限公司',
        delivery_note: `HMC-${stamp}`,
      });
    if (!holiday && i % 5 === 2)
      entry(day, {
        kind: 'delivery',
        material: 'HRB400 钢筋',
        quantity: Math.round(between(38, 62)),
        unit: 't',
        supplier: '江苏沙钢集团',
        delivery_note: `SG-${stamp}`,
      });
    if (!holiday && i % 4 === 0)
      entry(day, {
        kind: 'delivery',
        material: '钠基膨润土',
        quantity: 20,
        unit: 't',
        supplier: '南通膨润土材料厂',
        delivery_note: `BT-${stamp}`,
      });
    entry(day, {
      kind: 'use',
      material: '钠基膨润土',
      quantity: Math.round(between(holiday ? 0.5 : 1.5, holiday ? 1.2 : 3.2) * 10) / 10,
      unit: 't',
      note: '新浆配制',
    });
  });
  return rows;
}

/** The register's rows, and the machines as the generators above need them. */
export function demoMachines(
  projectId: string,
  machines: { code: string; kind: MachineKind; makeModel: string }[],
  audit: Row,
): { rows: Row[]; machines: DemoMachine[] } {
  const rows = machines.map((m, i) => ({
    id: newId(),
    project_id: projectId,
    code: m.code,
    kind: m.kind,
    make_model: m.makeModel,
    on_site: 1,
    sort_order: i + 1,
    retired_at: null,
    ...audit,
  }));
  return {
    rows,
    machines: rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind })),
  };
}
