import { open, readFile, rename, rm } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { fsyncDir, stateTempPath } from './state-files.js';

/**
 * The appliance's memory of what it has trusted, kept outside the advisory database
 * (as TUF clients keep their last trusted metadata): deleting or corrupting
 * `advisories.db` must not let an older, replayed bundle back in without a word.
 */
export interface TrustedState {
  /** The highest bundle sequence ever installed here. */
  highestSequence: number;
  /** Who signed that bundle, and when it was installed. */
  signer: string;
  installedAt: string;
}

const FORMAT = 'airlock-trusted-state/1';

/** The recorded state; undefined when none was recorded yet. Throws InputError naming the file when it is unreadable. */
export async function readTrustedState(file: string): Promise<TrustedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      cause: err,
    });
  }
  const bad = (detail: string) =>
    new InputError(file, `is not a valid trusted-state record: ${detail}`, { hint: REPAIR_HINT });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  const v = value as Partial<TrustedState> & { format?: unknown };
  if (!v || typeof v !== 'object' || v.format !== FORMAT) throw bad(`format is not ${FORMAT}`);
  if (!Number.isSafeInteger(v.highestSequence) || (v.highestSequence as number) < 0)
    throw bad('highestSequence must be a non-negative integer');
  if (typeof v.signer !== 'string' || typeof v.installedAt !== 'string')
    throw bad('signer and installedAt must be strings');
  return { highestSequence: v.highestSequence as number, signer: v.signer, installedAt: v.installedAt };
}

export const REPAIR_HINT =
  'it records the highest bundle sequence installed here, so that older bundles cannot be replayed; restore it from a backup, or pass --allow-downgrade to import anyway and record this bundle';

/** Raises the recorded floor to `sequence` (never lowers it), atomically and durably. */
export async function recordInstalled(
  file: string,
  home: string,
  previous: TrustedState | undefined,
  installed: Omit<TrustedState, 'highestSequence'> & { sequence: number },
): Promise<void> {
  if (previous && previous.highestSequence >= installed.sequence) return;
  const record = {
    format: FORMAT,
    highestSequence: installed.sequence,
    signer: installed.signer,
    installedAt: installed.installedAt,
  };
  const temp = stateTempPath(home, 'trusted-state');
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(record, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
  await fsyncDir(home);
}
