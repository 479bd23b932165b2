// Microsoft Project XML (MSPDI): the <Project> with its <Tasks>. Parsed with fast-xml-parser; a
// file with a DOCTYPE (entity declarations: the "billion laughs") is refused before parsing, as
// MSPDI never needs one.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../errors';
import { decodeText } from './decode';
import {
  dayOfStamp,
  SCHEDULE_LIMITS,
  type ActivityStatus,
  type ParsedSchedule,
  type ScheduleActivity,
} from './model';

type Node = Record<string, unknown>;

const unreadable = (reason: string) => new AppError('import.unreadable', { file: 'MSPDI', reason });

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);

function statusOf(task: Node): ActivityStatus {
  const pct = Number(text(task.PercentComplete) || '0');
  if (pct >= 100 || text(task.ActualFinish)) return 'complete';
  if (pct > 0 || text(task.ActualStart)) return 'active';
  return 'not_started';
}

/** Baseline 0, the one planners mean by "the baseline". */
function baselineOf(task: Node): Node | undefined {
  return list(task.Baseline).find((b) => text(b.Number) === '0');
}

export function parseMspdi(bytes: Uint8Array): ParsedSchedule {
  if (bytes.length > SCHEDULE_LIMITS.bytes) throw unreadable('the file is too large');
  const { text: xml, encoding } = decodeText(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw unreadable('a DOCTYPE or entity declaration');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw unreadable(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Node;
  try {
    doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true }).parse(
      xml,
    ) as Node;
  } catch (error) {
    throw unreadable(`not well-formed XML: ${(error as Error).message.slice(0, 200)}`);
  }
  const project = doc.Project as Node | undefined;
  if (!project) throw unreadable('no <Project> element: not a Microsoft Project XML file');
  const tasks = list((project.Tasks as Node | undefined)?.Task);
  if (tasks.length > SCHEDULE_LIMITS.activities) throw unreadable('too many activities');
  // Summary tasks are the WBS: a task's path is the names of the summaries above it.
  const byOutline = new Map(tasks.map((t) => [text(t.OutlineNumber), t]));
  const pathOf = (outline: string): string[] => {
    const parts = outline.split('.');
    return parts
      .slice(0, -1)
      .map((_, i) => text(byOutline.get(parts.slice(0, i + 1).join('.'))?.Name))
      .filter(Boolean);
  };
  const activities = tasks
    .filter((t) => text(t.Summary) !== '1' && text(t.OutlineLevel) !== '0' && text(t.Name))
    .map((t): ScheduleActivity => {
      const baseline = baselineOf(t);
      return {
        code: text(t.WBS) || text(t.ID),
        name: text(t.Name),
        wbsPath: pathOf(text(t.OutlineNumber)),
        kind: text(t.Milestone) === '1' ? 'finish_milestone' : 'task',
        milestone: text(t.Milestone) === '1',
        baselineStart: dayOfStamp(text(baseline?.Start)),
        baselineFinish: dayOfStamp(text(baseline?.Finish)),
        currentStart: dayOfStamp(text(t.Start)),
        currentFinish: dayOfStamp(text(t.Finish)),
        actualStart: dayOfStamp(text(t.ActualStart)),
        actualFinish: dayOfStamp(text(t.ActualFinish)),
        status: statusOf(t),
      };
    });
  const name = text(project.Title) || text(project.Name);
  return { format: 'mspdi', encoding, projects: [{ code: name, name }], activities };
}
