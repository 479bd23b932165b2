import fs from 'node:fs';

const FILE = 'BENCHMARKS.md';
const HEADER = `# Benchmarks

\`npm run bench\` measures these on the reference dataset of DESIGN.md and rewrites each section
below. Figures are medians and percentiles from one run on a shared, noisy machine; ratios are
measured within the same run, so they hold better than absolute times.
`;

/** Replaces (or appends) one section of BENCHMARKS.md, delimited by markers. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current)
    ? current.replace(pattern, block)
    : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, next);
}
