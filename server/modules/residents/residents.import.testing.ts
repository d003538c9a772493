// For tests: following an import job the way the page does.
import { expect } from 'vitest';
import type { ImportJob } from '../../../common/schemas/residents-import.schema';
import type { Client } from '../../testing/app';

/** Polls a job until it is no longer running (waiting for a state, never for a time). */
export async function finished(c: Client, id: string): Promise<ImportJob> {
  for (;;) {
    const res = await c.get(`/api/residents/import/jobs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json().data as ImportJob;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}
