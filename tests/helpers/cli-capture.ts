import type { CliIo } from '../../main/cli/index';

/** An io for runCli that keeps what the command printed, line by line. */
export function captureCli(env: NodeJS.ProcessEnv = {}): {
  io: CliIo;
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l), env } };
}
