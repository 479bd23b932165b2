// Hybrid logical clock (Actual Budget's design): wall-clock milliseconds, a counter and the node
// id, encoded so that string order is causal order. Pure; the caller supplies now().
import { AppError } from './errors';

export interface Timestamp {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
/**
 * A stamp further ahead than this means a wrong clock somewhere: the server refuses it, and a
 * laptop whose clock is this far from the server's is told so (one home for the limit).
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export function encodeHlc(ts: Timestamp): string {
  return `${new Date(ts.millis).toISOString()}-${ts.counter.toString(16).toUpperCase().padStart(4, '0')}-${ts.node}`;
}

export function decodeHlc(value: string): Timestamp | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})$/.exec(
    value,
  );
  if (!match) return null;
  const millis = Date.parse(match[1]!);
  if (Number.isNaN(millis)) return null;
  return { millis, counter: parseInt(match[2]!, 16), node: match[3]! };
}

export function isNodeId(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}

export class HlcClock {
  private last: Timestamp;

  constructor(
    readonly node: string,
    private readonly now: () => number,
    start: string | null = null,
    private readonly maxDriftMs = MAX_CLOCK_AHEAD_MS,
  ) {
    if (!isNodeId(node)) throw new Error(`invalid HLC node id: ${node}`);
    const restored = start ? decodeHlc(start) : null;
    this.last = { millis: restored?.millis ?? 0, counter: restored?.counter ?? 0, node };
  }

  /** The latest stamp issued or seen, for persisting. */
  current(): string {
    return encodeHlc(this.last);
  }

  /** A new stamp for a local change, later than every stamp issued or received before. */
  tick(): string {
    const phys = this.now();
    if (phys > this.last.millis) {
      this.last = { millis: phys, counter: 0, node: this.node };
    } else {
      this.advanceCounter();
    }
    return encodeHlc(this.last);
  }

  /**
   * Moves the clock back to a stamp (or to zero): only for re-stamping changes that were made
   * with a wrong, far-ahead clock and never published. Ticks stay increasing from there on.
   */
  rewind(to: string | null): void {
    const ts = to ? decodeHlc(to) : null;
    this.last = { millis: ts?.millis ?? 0, counter: ts?.counter ?? 0, node: this.node };
  }

  /** Advances the clock past a stamp received from another node. */
  receive(remote: string): void {
    const ts = decodeHlc(remote);
    if (!ts) throw new AppError('sync.bad_stamp', { stamp: remote.slice(0, 64) });
    const phys = this.now();
    if (ts.millis - phys > this.maxDriftMs) {
      throw new AppError('sync.clock_drift', { stamp: remote, aheadMs: ts.millis - phys });
    }
    const millis = Math.max(this.last.millis, ts.millis, phys);
    if (millis === this.last.millis && millis === ts.millis) {
      this.last = { millis, counter: Math.max(this.last.counter, ts.counter), node: this.node };
      this.advanceCounter();
    } else if (millis === this.last.millis) {
      this.advanceCounter();
    } else if (millis === ts.millis) {
      this.last = { millis, counter: ts.counter, node: this.node };
      this.advanceCounter();
    } else {
      this.last = { millis, counter: 0, node: this.node };
    }
  }

  // Local stamps never fail: an engineer must be able to record with a wrong clock. A stamp that
  // is too far ahead is refused where it matters, on receipt (here and at the server).
  private advanceCounter(): void {
    if (this.last.counter >= MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond rather than fail.
      this.last = { millis: this.last.millis + 1, counter: 0, node: this.node };
    } else {
      this.last = { ...this.last, counter: this.last.counter + 1 };
    }
  }
}

/** A random 16-hex-digit node id for a new device. */
export function newNodeId(random: () => number = secureRandom): string {
  let id = '';
  for (let i = 0; i < 16; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}

function secureRandom(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}
