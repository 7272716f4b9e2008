// The reports folder made by runs started side by side (shards in one CI job, or tests in parallel): each stats,
// finds it missing and makes it, and the ones that lose the race must not fail with EEXIST.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWritable, makeFolder } from '../../cli/run-command.js';
import { UsageError } from '../../harness/errors.js';

const work = mkdtempSync(path.join(tmpdir(), 'csc-make-folder-'));

describe('makeFolder', () => {
  it('eight at once, of the same missing folder two levels deep: all succeed and the folder is there', async () => {
    const dir = path.join(work, 'reports', 'shard');
    await expect(Promise.all(Array.from({ length: 8 }, () => makeFolder(dir)))).resolves.toHaveLength(8);
    expect(statSync(dir).isDirectory()).toBe(true);
    // and side by side with ensureWritable, as two runs check their --reports
    const other = path.join(work, 'other', 'reports');
    await expect(Promise.all([ensureWritable(other), ensureWritable(other)])).resolves.toHaveLength(2);
  });

  it('a file where the folder should be is still a usage error', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'x');
    await expect(ensureWritable(path.join(file, 'reports'))).rejects.toBeInstanceOf(UsageError);
    await expect(ensureWritable(file)).rejects.toBeInstanceOf(UsageError);
  });
});
