// The demo's recorded history: panels built in A-B order with plausible measurements, crews on
// two shifts and a daily log, up to the scenario's "as of" day. Seeded, so every demo is the same.
import { nextDay, daysBetween } from '../../domain/dates';
import { newId } from '../../domain/ids';
import { PANEL_STAGES, USUAL_TEAM_CODE, type PanelStage } from '../../domain/stages';
import { seededRandom } from '../../domain/random';
import type { Row } from '../../../db/repositories/write';
import { stageRank } from '../../../db/repositories/stage-event-repository';

export interface DemoProgress {
  asOf: string;
  guideWallFrom: string;
  firstExcavation: string;
  finishedByAsOf: number;
  inProgress: number;
  holiday: { from: string; to: string; workers: number; staff: number };
  workers: number;
  staff: number;
}

interface PanelSeed {
  id: string;
  type: string;
  sequence: number;
  theoretical_volume_m3: number;
  design_depth_m: number;
  thickness_m: number;
}

/** Share of the day's workers per team, by team code. */
const TEAM_WEIGHT: Record<string, number> = {
  trench: 0.18,
  rebar: 0.2,
  concrete: 0.14,
  slurry: 0.1,
  lifting: 0.1,
  electrical: 0.05,
  survey: 0.05,
  general: 0.18,
};

const WEATHER = ['sunny', 'sunny', 'cloudy', 'cloudy', 'overcast', 'light_rain'] as const;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Secondary panels follow the primaries either side of them; closing panels come last on a side. */
function constructionOrder(panels: PanelSeed[]): PanelSeed[] {
  const key = (p: PanelSeed) =>
    p.type === 'secondary'
      ? p.sequence + 2.5
      : p.type === 'closing'
        ? p.sequence + 4.5
        : p.sequence;
  return [...panels].sort((a, b) => key(a) - key(b));
}

interface DemoInput {
  projectId: string;
  panels: PanelSeed[];
  teams: { id: string; code: string }[];
  progress: DemoProgress;
  audit: Row;
  seed?: number;
}

/** The generator's state: one seeded random sequence, drawn in a fixed order. */
interface Draw {
  random: () => number;
  between: (lo: number, hi: number) => number;
}

export function demoProgressRows(input: DemoInput): {
  events: Row[];
  crews: Row[];
  staff: Row[];
  logs: Row[];
} {
  const random = seededRandom(input.seed ?? 20230127);
  const draw: Draw = { random, between: (lo, hi) => lo + (hi - lo) * random() };
  const events: Row[] = [];
  constructionOrder(input.panels).forEach((panel, k) =>
    events.push(...panelEvents(input, draw, panel, k)),
  );
  const crews: Row[] = [];
  const staff: Row[] = [];
  const logs: Row[] = [];
  for (const day of daysBetween(input.progress.guideWallFrom, input.progress.asOf)) {
    const rows = dayRows(input, draw, day);
    crews.push(...rows.crews);
    staff.push(rows.staff);
    logs.push(rows.log);
  }
  return { events, crews, staff, logs };
}

/** The stage events of the k-th panel in construction order: done, under way, or just guided. */
function panelEvents(input: DemoInput, draw: Draw, panel: PanelSeed, k: number): Row[] {
  const { projectId, progress, audit } = input;
  const { random, between } = draw;
  const teamId = new Map(input.teams.map((t) => [t.code, t.id]));
  const span = daysBetween(progress.firstExcavation, progress.asOf).length - 3;
  const total = input.panels.length;
  const guideDay = daysBetween(progress.guideWallFrom, progress.asOf)[
    Math.floor((panel.sequence / total) * 18)
  ]!;
  const finished = k < progress.finishedByAsOf;
  const inProgress = !finished && k < progress.finishedByAsOf + progress.inProgress;
  const stagesDone = finished
    ? PANEL_STAGES.length
    : inProgress
      ? 2 + (k - progress.finishedByAsOf)
      : 1;
  const excavationOffset = finished
    ? Math.round((k * span) / progress.finishedByAsOf + between(-0.4, 0.4))
    : span + 2 - ((k - progress.finishedByAsOf) % 3);
  const excavationDay = () =>
    daysBetween(progress.firstExcavation, progress.asOf)[
      Math.max(0, Math.min(excavationOffset, span + 2))
    ]!;
  let day = excavationDay();
  const overfill = between(1.05, 1.14);
  return PANEL_STAGES.slice(0, stagesDone).map((stage, i) => {
    if (stage === 'guide_wall') day = guideDay;
    else if (stage === 'excavation') day = excavationDay();
    else if (
      (stage === 'trench_acceptance' || stage === 'concreting') &&
      random() < 0.5 &&
      day < progress.asOf
    ) {
      day = nextDay(day);
    }
    const shift =
      stage === 'concreting'
        ? random() < 0.6
          ? 'night'
          : 'day'
        : random() < 0.75
          ? 'day'
          : 'night';
    const hour = shift === 'day' ? 8 + Math.floor(between(0, 9)) : 20 + Math.floor(between(0, 3));
    return {
      id: newId(),
      project_id: projectId,
      panel_id: panel.id,
      stage,
      stage_rank: stageRank(stage),
      site_day: day,
      shift,
      team_id: teamId.get(USUAL_TEAM_CODE[stage]) ?? null,
      occurred_at: new Date(
        `${day}T${String(hour).padStart(2, '0')}:${String(i * 7).padStart(2, '0')}:00+08:00`,
      ).toISOString(),
      notes: null,
      ...measurementsOf(stage, panel, overfill, draw),
      ...audit,
    };
  });
}

/** Plausible measurements for a stage, within DOMAIN.md's limits. */
function measurementsOf(
  stage: PanelStage,
  panel: PanelSeed,
  overfill: number,
  { random, between }: Draw,
): Row {
  const measurements: Row = {};
  if (stage === 'excavation')
    measurements.depth_m = round(panel.design_depth_m + between(0.1, 0.5), 2);
  if (stage === 'excavation') measurements.rig = random() < 0.5 ? 'SG60-1' : 'BC40-1';
  if (stage === 'trench_acceptance') {
    Object.assign(measurements, {
      depth_m: round(panel.design_depth_m + between(0.1, 0.4), 2),
      width_m: round(panel.thickness_m + between(0.01, 0.05), 3),
      verticality_x_pct: round(between(0.08, 0.3), 2),
      verticality_y_pct: round(between(0.08, 0.3), 2),
      sediment_mm: Math.round(between(40, 95)),
      slurry_density: round(between(1.16, 1.24), 2),
      slurry_viscosity_s: Math.round(between(26, 34)),
      slurry_sand_pct: round(between(2, 5.5), 1),
    });
  }
  if (stage === 'desanding') {
    Object.assign(measurements, {
      sediment_mm: Math.round(between(30, 80)),
      slurry_density: round(between(1.16, 1.22), 2),
      slurry_viscosity_s: Math.round(between(26, 32)),
      slurry_sand_pct: round(between(1.5, 4), 1),
    });
  }
  if (stage === 'concreting')
    measurements.concrete_volume_m3 = round(panel.theoretical_volume_m3 * overfill, 1);
  return measurements;
}

/** A site day's crews (each team, day and night), staff count and log. */
function dayRows(
  input: DemoInput,
  { random, between }: Draw,
  day: string,
): { crews: Row[]; staff: Row; log: Row } {
  const { projectId, progress, audit } = input;
  const holiday = day >= progress.holiday.from && day <= progress.holiday.to;
  const workers = (holiday ? progress.holiday.workers : progress.workers) * between(0.97, 1.06);
  const crews: Row[] = [];
  for (const team of input.teams) {
    const share = workers * (TEAM_WEIGHT[team.code] ?? 1 / input.teams.length);
    for (const [shift, part] of [
      ['day', 0.6],
      ['night', 0.4],
    ] as const) {
      crews.push({
        id: newId(),
        project_id: projectId,
        site_day: day,
        shift,
        team_id: team.id,
        headcount: Math.max(1, Math.round(share * part)),
        hours: 12,
        foreman: null,
        ...audit,
      });
    }
  }
  const staff = {
    id: newId(),
    project_id: projectId,
    site_day: day,
    headcount: Math.round(
      (holiday ? progress.holiday.staff : progress.staff) * between(0.95, 1.03),
    ),
    ...audit,
  };
  const min = Math.round(between(-2, 5));
  const log = {
    id: newId(),
    project_id: projectId,
    site_day: day,
    weather_am: WEATHER[Math.floor(random() * WEATHER.length)]!,
    weather_pm: WEATHER[Math.floor(random() * WEATHER.length)]!,
    temp_min_c: min,
    temp_max_c: min + Math.round(between(4, 9)),
    rain_mm: null,
    wind: random() < 0.5 ? '东北风 3级' : '北风 2-3级',
    location: '海门工作井 地下连续墙',
    notes: holiday ? '春节期间 8 个重点班组留守施工。' : null,
    issues: null,
    safety: '班前安全讲话；检查吊装索具与泥浆池围挡。',
    ...audit,
  };
  return { crews, staff, log };
}
