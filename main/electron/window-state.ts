// Remembers the main window's size and position between runs, and never restores it off-screen
// (a laptop that was docked to a second monitor yesterday).
import { z } from 'zod';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
});
export type Bounds = z.infer<typeof boundsSchema>;

const stateSchema = z.object({ bounds: boundsSchema.nullable(), maximized: z.boolean() });
export type WindowState = z.infer<typeof stateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: null, maximized: false };

function overlaps(a: Bounds, b: Bounds): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= 100 && h >= 100;
}

/** Parses saved state; anything unreadable, or off every display, falls back to the default. */
export function restoreWindowState(saved: string | null, workAreas: Bounds[]): WindowState {
  if (!saved) return DEFAULT_WINDOW_STATE;
  let json: unknown;
  try {
    json = JSON.parse(saved);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const { bounds, maximized } = parsed.data;
  if (bounds && !workAreas.some((area) => overlaps(bounds, area)))
    return { bounds: null, maximized };
  return parsed.data;
}

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify(stateSchema.parse(state));
}
