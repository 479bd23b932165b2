// The documents tell the truth about what they point at: every relative link in the README and
// docs/ resolves to a file, and docs/cli.md names every command and option `haitai --help` has.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../main/cli/index';
import { captureCli } from '../../helpers/cli-capture';

const ROOT = path.resolve(__dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(p) : e.name.endsWith('.md') ? [p] : [];
  });
}

describe('the documents', () => {
  const files = [
    ...['README.md', 'SECURITY.md', 'RELIABILITY.md', 'BENCHMARKS.md'].map((f) =>
      path.join(ROOT, f),
    ),
    ...markdownFiles(path.join(ROOT, 'docs')),
  ];

  it('link only to files that exist', () => {
    const broken: string[] = [];
    let links = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target!)) continue;
        links += 1;
        const resolved = path.resolve(path.dirname(file), target!.split('#')[0]!);
        if (!fs.existsSync(resolved)) broken.push(`${path.relative(ROOT, file)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
    // The README and the decisions index alone hold more than this.
    expect(links).toBeGreaterThan(50);
  });

  it('keep the README a front door: at most 200 lines', () => {
    expect(
      fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length,
    ).toBeLessThanOrEqual(200);
  });

  it('name in docs/cli.md every command and option of haitai --help', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
    const missing: string[] = [];
    const walk = (command: Command, names: string[]) => {
      for (const sub of command.commands) {
        const here = [...names, sub.name()];
        if (sub.commands.length === 0 && !doc.includes(`haitai ${here.join(' ')}`))
          missing.push(`haitai ${here.join(' ')}`);
        for (const option of sub.options)
          if (option.long && !doc.includes(option.long))
            missing.push(`haitai ${here.join(' ')} ${option.long}`);
        walk(sub, here);
      }
    };
    const program = buildProgram(captureCli().io);
    walk(program, []);
    expect(program.commands.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
