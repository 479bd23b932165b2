// The project definition file: a project's whole set-up (project, settings, calendar, teams,
// machines, structures with their outlines and panels, milestones) without any progress, as one
// documented JSON file. Things refer to each other by code, never by id, so a file creates the same
// set-up with new ids on any laptop. The format is versioned; docs/user-guide.en.md, "Project definition file"
// documents it.
import { z } from 'zod';
import { siteDaySchema } from './dates';
import { MACHINE_KINDS } from './machines';
import { outlineSchema } from './outline';
import { panelDesignFields, toeBelowTop } from './panel';
import { STRUCTURE_KINDS } from './project';
import { workingCalendarSchema } from './schedule';
import { projectSettingsSchema } from './settings';
import { PANEL_STAGES } from './stages';

export const DEFINITION_FORMAT = 'haitai-project-definition';
export const DEFINITION_VERSION = 1;
/** A definition of the reference scale (2,000 panels) is about 1 MB; this leaves room. */
export const MAX_DEFINITION_BYTES = 20 * 1024 * 1024;

const code = z.string().trim().min(1).max(32);
const name = z.string().trim().min(1).max(200);
const named = { nameZh: name, nameEn: name };

const panelSchema = z
  .object({
    ...panelDesignFields,
    retired: z.boolean(),
    position: z
      .object({
        line: z.number().int().min(0).max(100),
        fromM: z.number(),
        toM: z.number(),
        cornerAtM: z.number().nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .refine(...toeBelowTop);

const structureSchema = z
  .object({
    code,
    ...named,
    kind: z.enum(STRUCTURE_KINDS),
    outline: outlineSchema.nullable(),
    plannedStart: siteDaySchema.nullable(),
    plannedFinish: siteDaySchema.nullable(),
    retired: z.boolean(),
    panels: z.array(panelSchema).max(20_000),
  })
  .strict();

const milestoneSchema = z
  .object({
    ...named,
    dueDate: siteDaySchema,
    baselineDate: siteDaySchema,
    /** A structure by code, or panels by structure and panel code. */
    scope: z.union([
      z.object({ structure: code }).strict(),
      z
        .object({ panels: z.array(z.object({ structure: code, panel: code }).strict()).min(1) })
        .strict(),
    ]),
    stage: z.enum(PANEL_STAGES).nullable(),
  })
  .strict();

export const projectDefinitionSchema = z
  .object({
    format: z.literal(DEFINITION_FORMAT),
    version: z.literal(DEFINITION_VERSION),
    project: z
      .object({
        code,
        ...named,
        timezone: z.string().min(1).max(64),
        ownerName: z.string().max(200).nullable(),
        contractorName: z.string().max(200).nullable(),
        settings: projectSettingsSchema,
        calendar: workingCalendarSchema,
      })
      .strict(),
    teams: z.array(z.object({ code, ...named, retired: z.boolean() }).strict()).max(500),
    /** The equipment register; absent from files written before machines existed. */
    machines: z
      .array(
        z
          .object({
            code,
            kind: z.enum(MACHINE_KINDS),
            makeModel: z.string().trim().max(64).nullable(),
            onSite: z.boolean(),
            retired: z.boolean(),
          })
          .strict(),
      )
      .max(500)
      .default([]),
    structures: z.array(structureSchema).max(200),
    milestones: z.array(milestoneSchema).max(2000),
  })
  .strict()
  .superRefine((def, ctx) => {
    for (const issue of crossReferenceProblems(def)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type ProjectDefinition = z.infer<typeof projectDefinitionSchema>;

type Problem = {
  path: (string | number)[];
  message: string;
  params: { key: string } & Record<string, string>;
};

/** Codes that repeat where they must be unique, and milestone scopes that name nothing. */
function crossReferenceProblems(def: {
  teams: { code: string }[];
  machines: { code: string }[];
  structures: { code: string; panels: { code: string }[] }[];
  milestones: {
    scope: { structure: string } | { panels: { structure: string; panel: string }[] };
  }[];
}): Problem[] {
  const problems: Problem[] = [];
  const repeats = (codes: string[], path: (i: number) => (string | number)[]) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => {
      const key = c.toLowerCase();
      if (seen.has(key))
        problems.push({
          path: path(i),
          message: `code "${c}" repeats`,
          params: { key: 'issues.codeRepeats', code: c },
        });
      seen.add(key);
    });
  };
  repeats(
    def.teams.map((t) => t.code),
    (i) => ['teams', i, 'code'],
  );
  repeats(
    def.machines.map((m) => m.code),
    (i) => ['machines', i, 'code'],
  );
  repeats(
    def.structures.map((s) => s.code),
    (i) => ['structures', i, 'code'],
  );
  const panels = new Map<string, Set<string>>();
  def.structures.forEach((s, si) => {
    repeats(
      s.panels.map((p) => p.code),
      (pi) => ['structures', si, 'panels', pi, 'code'],
    );
    panels.set(s.code, new Set(s.panels.map((p) => p.code)));
  });
  def.milestones.forEach((m, mi) => {
    if ('structure' in m.scope) {
      if (!panels.has(m.scope.structure))
        problems.push({
          path: ['milestones', mi, 'scope', 'structure'],
          message: 'no such structure',
          params: { key: 'issues.noStructure' },
        });
    } else
      m.scope.panels.forEach((ref, ri) => {
        if (!panels.get(ref.structure)?.has(ref.panel))
          problems.push({
            path: ['milestones', mi, 'scope', 'panels', ri],
            message: `no panel ${ref.structure}/${ref.panel}`,
            params: { key: 'issues.noPanel', panel: `${ref.structure}/${ref.panel}` },
          });
      });
  });
  return problems;
}
