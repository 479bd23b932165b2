// A few pieces of work at a time: a camera folder of hundreds of photos is read, decoded and
// stored by as many at once as the laptop has cores, and stops taking new ones when asked.

/** How many files a laptop works on at once: its cores, at least 1 and at most 4. */
export const poolSize = (cores: number | undefined) => Math.max(1, Math.min(4, cores || 2));

export const POOL_SIZE = poolSize(
  (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
);

/**
 * Runs `work` over `items`, `size` at a time, in order of starting. Once `stopped()` says so, no
 * further item starts (those under way finish). Answers how many never started.
 */
export async function runPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
  stopped: () => boolean,
): Promise<number> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
  return items.length - next;
}
