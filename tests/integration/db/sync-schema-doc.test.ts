// docs/sync-schema.md is the sync schema's own rendering: it cannot drift from the code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemaDoc } from '../../helpers/schema-doc';

const FILE = path.join(__dirname, '../../../docs/sync-schema.md');

describe('docs/sync-schema.md', () => {
  it('is the schema as the code has it', () => {
    const rendered = renderSchemaDoc();
    if (process.env.UPDATE_DOCS) fs.writeFileSync(FILE, rendered);
    expect(fs.readFileSync(FILE, 'utf8')).toBe(rendered);
    expect(rendered).toContain('| name | text | no | at most 100 characters | the server');
  });
});
