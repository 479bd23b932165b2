// The daily progress sheet (施工日报) as plain data: assembled once per project and site day, and
// rendered by every exporter from the same object.
import type { InspectionField, InspectionKind } from './inspections';
import type { LookAheadDay, MilestoneForecast } from './schedule';
import type { CrewTotals } from './crews';
import type { Weather } from './daily-log';
import type { PanelStage, Shift } from './stages';
import type { Decision, HoldPoint } from './acceptances';
import type { AttachmentOwner } from './attachments';
import type { ConcretePoured, DownReason, MachineKind, MaterialEntryFields } from './machines';

/** One machine's hours in one shift, on the sheet. */
export interface SheetMachineHours {
  working: number;
  standby: number;
  down: number;
  downReason: DownReason | null;
}

export interface SheetMachine {
  code: string;
  kind: MachineKind;
  makeModel: string | null;
  day: SheetMachineHours | null;
  night: SheetMachineHours | null;
  /** The shifts' notes, joined. */
  note: string | null;
}

export interface SheetMaterials {
  entries: MaterialEntryFields[];
  concrete: ConcretePoured;
}

export interface SheetFinishedPanel {
  code: string;
  structureCode: string;
  depthM: number | null;
  verticalityXPct: number | null;
  verticalityYPct: number | null;
  concreteVolumeM3: number | null;
  theoreticalVolumeM3: number;
  overbreakPct: number | null;
}

export interface SheetMilestone {
  nameZh: string;
  nameEn: string;
  dueDate: string;
  baselineDate: string;
  actualDate: string | null;
  finished: number;
  total: number;
  /** Calendar days from the site day to the due date (negative when overdue). */
  daysToDue: number;
  /** The forecast as of the site day (absent from revisions stored before forecasts existed). */
  forecast?: MilestoneForecast;
}

/** One measurement of the day against its limit (质量检查). */
export interface SheetQaCheck {
  panelCode: string;
  stage: PanelStage;
  shift: Shift;
  field: InspectionField;
  value: number;
  /** A re-test (or a slump test): the test and its attempt; absent for a stage's own record. */
  test?: { kind: InspectionKind; attempt: number };
  /** The limit as printed ("1.05–1.25", "≤ 0.33"); null for a measurement with none. */
  limit: string | null;
  /** Within its limit; null when it has none. */
  pass: boolean | null;
}

/** A supervisor's decision on a hold point, made on the day (监理验收). */
export interface SheetAcceptance {
  panelCode: string;
  point: HoldPoint;
  attempt: number;
  decision: Decision;
  remark: string | null;
  signerName: string;
  /** When, as an instant (the sheet prints it on the site's clock). */
  signedAt: string;
}

/** A photo or file the sheet shows (the user chose it; default: every one of the day). */
export interface SheetPhoto {
  id: string;
  fileName: string;
  mediaType: string;
  caption: string;
  /** The project's wall clock, "2023-01-27T10:15:00". */
  takenAt: string;
  panelCode: string | null;
  stage: PanelStage | null;
  ownerType: AttachmentOwner;
  thumbSha256: string | null;
  previewSha256: string | null;
  /**
   * Set only while rendering, when this laptop has it: the image as a data URI (at its printed
   * size in the PDF and HTML, the thumbnail in the XLSX) and its size in pixels.
   */
  image?: string;
  imagePx?: { width: number; height: number };
}

export interface DailySheet {
  project: {
    code: string;
    nameZh: string;
    nameEn: string;
    /** The header's owner and contractor; absent in sheets stored before they existed. */
    ownerName?: string | null;
    contractorName?: string | null;
    /** The site's time zone, for the times on the sheet; absent in older stored sheets. */
    timezone?: string;
  };
  siteDay: string;
  weather: {
    am: Weather | null;
    pm: Weather | null;
    tempMinC: number | null;
    tempMaxC: number | null;
    rainMm: number | null;
    wind: string | null;
  } | null;
  location: string | null;
  finished: SheetFinishedPanel[];
  inProgress: { stage: PanelStage; panels: string[] }[];
  /** The day's measurements against their limits; absent from revisions stored before it. */
  qa?: SheetQaCheck[];
  /** The supervisor's decisions of the day; absent when none (and from older revisions). */
  acceptances?: SheetAcceptance[];
  progress: {
    structureCode: string;
    nameZh: string;
    nameEn: string;
    finished: number;
    total: number;
    pct: number;
  }[];
  crews: {
    teams: {
      code: string;
      nameZh: string;
      nameEn: string;
      day: number;
      night: number;
      total: number;
    }[];
    totals: CrewTotals;
    plan: { minWorkers: number; maxWorkers: number };
    /** Whether each shift has any crew record; absent from revisions stored before it. */
    recorded?: { day: boolean; night: boolean };
  };
  staff: number | null;
  /** Machines with hours on the day; absent from revisions stored before machines existed. */
  machines?: SheetMachine[];
  /** Deliveries, use and the concrete poured; absent from revisions stored before. */
  materials?: SheetMaterials;
  /** The day's chosen photos and files; absent on a day without any. */
  photos?: SheetPhoto[];
  milestones: SheetMilestone[];
  /** Days of the next 14 with panels expected to be concreted; absent or empty when none are. */
  lookAhead?: LookAheadDay[];
  notes: string | null;
  issues: string | null;
  safety: string | null;
  preparedBy: string | null;
  preparedAt: string | null;
  /** Set on a stored revision: which one, and who approved it when. */
  revision: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** Nothing was recorded for the day: still a valid sheet, clearly marked empty. */
  empty: boolean;
}

export interface SheetRevision {
  id: string;
  revision: number;
  status: 'submitted' | 'approved';
  submittedBy: string;
  submittedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface SheetState {
  revisions: SheetRevision[];
  approved: SheetRevision | null;
  /** The day's data differs from the latest submitted or approved revision. */
  changed: boolean;
}

/** The formats the sheet is exported in, and the languages it is labelled in. */
export const SHEET_FORMATS = ['pdf', 'xlsx', 'csv', 'html'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];
export const SHEET_LANGUAGES = ['zh-CN', 'en', 'bilingual'] as const;
export type SheetLanguage = (typeof SHEET_LANGUAGES)[number];
