import { UserError } from '../errors.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30d`, `12h`, `2w`, `90m` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
  if (!match || Number(match[1]) === 0)
    throw new UserError(`invalid duration ${JSON.stringify(text)}`, {
      hint: 'use a positive number followed by m, h, d or w, e.g. 30d',
    });
  return Number(match[1]) * UNIT_MS[match[2]];
}
