// Bench helpers: a script in a process of its own (with the TypeScript loader), so that each
// process's peak memory and CPU are its own. Children speak one JSON line per message.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export type Message = Record<string, unknown>;

export interface Child {
  /** The next line the child prints. */
  next(): Promise<Message>;
  /** SIGTERM, then the child's last line. */
  stop(): Promise<Message>;
}

function launch(script: string, args: string[], env?: NodeJS.ProcessEnv) {
  // BENCH_PROF=<folder>: each child writes a V8 CPU profile there (where a bench's time goes).
  const prof = env?.BENCH_PROF ?? process.env.BENCH_PROF;
  return spawn(
    process.execPath,
    ['--import', 'tsx', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), script, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    },
  );
}

export function startChild(script: string, args: string[], env?: NodeJS.ProcessEnv): Child {
  const child = launch(script, args, env);
  const queue: Message[] = [];
  const waiting: ((m: Message) => void)[] = [];
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`))),
  );
  exited.catch(() => {});
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as Message;
    const resolve = waiting.shift();
    if (resolve) resolve(message);
    else queue.push(message);
  });
  const next = () =>
    queue.length
      ? Promise.resolve(queue.shift()!)
      : Promise.race([new Promise<Message>((resolve) => waiting.push(resolve)), exited]);
  return {
    next,
    stop: () => {
      child.kill('SIGTERM');
      return next();
    },
  };
}

/** Runs a child to its end and returns its last line. */
export async function runChild(script: string, args: string[]): Promise<Message> {
  const child = launch(script, args);
  let last = '';
  createInterface({ input: child.stdout }).on('line', (line) => (last = line));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`${script} failed (${code})`);
  return JSON.parse(last) as Message;
}
