/** Why the disk refused to record a placement, and what mends it, in words for the user. */
export interface WriteRefusal {
  code: string;
  why: string;
  /** What to do about it, when there is more to say than "use another data directory". */
  fix: string | null;
}

const REFUSALS: Record<string, Omit<WriteRefusal, 'code'>> = {
  ENOTDIR: { why: 'part of the path is a file, not a directory', fix: null },
  EACCES: { why: 'permission denied', fix: 'make it writable' },
  EPERM: { why: 'permission denied', fix: 'make it writable' },
  EROFS: { why: 'read-only file system', fix: 'make it writable' },
  ENOSPC: { why: 'no space left on the device', fix: 'free some space on it' },
  EDQUOT: { why: 'disk quota exceeded', fix: 'free some space on it' },
  ENOENT: {
    why: 'the directory no longer exists: removed, or its disk is gone',
    fix: 'create it again (or mount its disk again)',
  },
  EIO: { why: 'input/output error: the disk may be failing', fix: 'check the disk' },
};

/**
 * What the disk said when a history append failed, in words; undefined for an error that is not the
 * disk's (a bug), which should surface as one.
 */
export function writeRefusal(err: unknown): WriteRefusal | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  return { code, ...(REFUSALS[code] ?? { why: (err as Error).message, fix: 'check the disk' }) };
}

/**
 * The warning a placement answers with when its record could not be written: that it is not in the
 * history, why, and how to record again. The placement itself stands.
 */
export function notRecordedWarning(dataDir: string, refusal: WriteRefusal): string {
  // A directory that is gone took its history with it; otherwise nothing earlier was touched.
  const kept = refusal.code === 'ENOENT' ? '' : ' (earlier ones are kept)';
  const fix = refusal.fix === null ? '' : `${refusal.fix}, or `;
  return `History not written: ${dataDir}: ${refusal.why}; this placement is not recorded${kept}. To record again, ${fix}use another data directory (--data-dir).`;
}
