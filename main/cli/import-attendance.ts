// `haitai import attendance`: what a gate export counts to, beside what is recorded, and every odd
// row, as an engineer checks it before importing.
import type { Results } from '../api/contract';
import type { Team } from '../domain/project';

const PROBLEMS_PRINTED = 20;

export function printAttendance(
  preview: Results['attendance:preview'],
  teams: Team[],
  given: { name: string; teamId: string }[],
  out: (line: string) => void,
): void {
  out(
    `${preview.fileName}${preview.encoding ? ` (${preview.encoding})` : ''}: ${preview.rows} rows, ${preview.punches} punches, ${preview.workers} workers, ${preview.from ?? '—'} – ${preview.to ?? '—'}`,
  );
  if (preview.mappingProblem) {
    out(`Columns: ${preview.headers.join(', ')}`);
    return;
  }
  if (preview.alreadyImported)
    out(`Imported before: ${preview.alreadyImported.fileName} by ${preview.alreadyImported.by}`);
  const code = (id: string | null) => teams.find((t) => t.id === id)?.code ?? null;
  const mapped = new Map(preview.teams.map((t) => [t.name, t.teamId]));
  for (const g of given) mapped.set(g.name, g.teamId);
  for (const [name, teamId] of mapped)
    out(`  team ${name} → ${code(teamId) ?? 'NOT MAPPED (use --team NAME=CODE) 未匹配班组'}`);
  out('day         shift  team          file  recorded');
  for (const d of preview.days)
    out(
      `${d.siteDay}  ${d.shift.padEnd(5)}  ${d.team.padEnd(12)}  ${String(d.headcount).padStart(4)}  ${d.recorded ?? '—'}`,
    );
  out(`${preview.problemCount} problem row(s) / 问题行:`);
  for (const p of preview.problems.slice(0, PROBLEMS_PRINTED)) out(`  row ${p.row}: ${p.reason}`);
  if (preview.problemCount > PROBLEMS_PRINTED)
    out(`  … ${preview.problemCount - PROBLEMS_PRINTED} more`);
}
