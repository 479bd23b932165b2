// The wall plan stays legible at 200 panels a structure: it uses the width it has, shows a code
// only where it fits (never two labels over each other), every code on hover, and more codes as
// the engineer zooms in with the wheel.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarnessSession } from '../helpers/harness-session';
import { tempDir } from '../helpers/temp-dir';

const session = useHarnessSession();

interface Box {
  code: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The on-screen boxes of the codes drawn inside the plan's visible canvas. */
async function visibleLabels(page: Page): Promise<Box[]> {
  return page.getByTestId('wall-plan').evaluate((figure) => {
    const canvas = figure.querySelector('.wall-plan-canvas')!.getBoundingClientRect();
    return [...figure.querySelectorAll('[data-testid="wall-panel"] text')]
      .map((text) => {
        const r = text.getBoundingClientRect();
        return { code: text.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
      })
      .filter(
        (b) =>
          b.x >= canvas.x &&
          b.y >= canvas.y &&
          b.x + b.w <= canvas.x + canvas.width &&
          b.y + b.h <= canvas.y + canvas.height,
      );
  });
}

function overlaps(boxes: Box[]): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const apart = a.x + a.w <= b.x + 1 || b.x + b.w <= a.x + 1;
      const apartY = a.y + a.h <= b.y + 1 || b.y + b.h <= a.y + 1;
      if (!apart && !apartY) found.push([a.code, b.code]);
    }
  return found;
}

describe('the wall plan at 200 panels', () => {
  it('uses the width, never overlaps codes, shows each on hover and more when zoomed', async () => {
    const { page, harness } = await session.open(tempDir());
    const api = harness.context.api;
    const project = await api['project:create']({
      code: 'BIG',
      nameZh: '大型工作井',
      nameEn: 'Large shaft',
    });
    const saved = await api['structures:save']({
      projectId: project.id,
      code: 'BIG-S',
      nameZh: '大型工作井',
      nameEn: 'Large shaft',
      kind: 'shaft',
      outline: { shape: 'rectangle', lengthM: 190, widthM: 150 },
    });
    const applied = await api['layout:apply']({
      structureId: saved.structures[0]!.id,
      primaryLengthM: 3.6,
      secondaryLengthM: 3.2,
      thicknessM: 1.2,
      designDepthM: 60,
    });
    const total = applied.created;
    expect(total).toBeGreaterThanOrEqual(195);

    await page.reload();
    await page.getByTestId('nav-panels').click();
    const plan = page.getByTestId('wall-plan');
    await expect.poll(() => plan.getByTestId('wall-panel').count()).toBe(total);
    // It takes the screen's width, not a fixed box.
    const width = await plan
      .locator('svg')
      .first()
      .evaluate((svg) => svg.clientWidth);
    expect(width).toBeGreaterThan(1000);
    // Every panel names itself on hover.
    const titles = await plan
      .locator('[data-testid="wall-panel"] > title')
      .evaluateAll((ts) => ts.map((t) => t.textContent!.split(' · ')[0]));
    expect(new Set(titles).size).toBe(total);

    const fitted = await visibleLabels(page);
    expect(overlaps(fitted)).toEqual([]);
    // Zoom with the wheel round the middle of the first wall, where the panels are.
    const first = await plan.locator('[data-testid="wall-panel"] polygon').nth(10).boundingBox();
    await page.mouse.move(first!.x + first!.width / 2, first!.y + first!.height / 2);
    for (let i = 0; i < 7; i++) await page.mouse.wheel(0, -100);
    await expect.poll(async () => (await visibleLabels(page)).length).toBeGreaterThan(0);
    const zoomed = await visibleLabels(page);
    // Zoomed in on one wall, a run of codes is readable side by side, none over another.
    expect(zoomed.length).toBeGreaterThan(20);
    expect(zoomed.length).toBeGreaterThan(fitted.length);
    expect(overlaps(zoomed)).toEqual([]);
  });
});
