import type { AppContext } from '../../context.js';
import { sweepUploads } from './attachments.service.js';

const HOUR_MS = 3_600_000;

/** A background pump: at most once an hour per process, removes uploads never attached within a day. */
export function createUploadSweeper(ctx: AppContext) {
  let lastRunAt = 0;
  return async () => {
    const now = Date.now();
    if (now - lastRunAt < HOUR_MS) return false;
    lastRunAt = now;
    await sweepUploads(ctx, now);
    return false;
  };
}
