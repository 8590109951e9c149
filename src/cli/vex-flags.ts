import { Flags } from '@oclif/core';
import type { VexChoice } from '../vex/reports.js';

/** VEX flags of the reporting commands; `--vex-location` is Docker Scout's name for `--vex`. */
export const vexFlags = {
  vex: Flags.string({
    aliases: ['vex-location'],
    multiple: true,
    multipleNonGreedy: true,
    description:
      'OpenVEX document, or a directory of them, whose not_affected/fixed statements suppress findings; repeatable (default: the one airlock review writes, if any)',
    helpValue: 'FILE|DIR',
  }),
  'vex-author': Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    description: 'only VEX documents whose author matches one of these globs (*@example.com); repeatable',
    helpValue: 'GLOB',
  }),
  'only-vex-affected': Flags.boolean({
    description:
      'also leave out findings a VEX statement marks under_investigation: only those not ruled out remain; needs a VEX document',
    default: false,
  }),
};

export function vexOptions(flags: { vex?: string[]; 'vex-author'?: string[]; 'only-vex-affected'?: boolean }): {
  vexFile?: string[];
  vex: VexChoice;
} {
  return {
    ...(flags.vex ? { vexFile: flags.vex } : {}),
    vex: { authors: flags['vex-author'], onlyAffected: flags['only-vex-affected'] === true },
  };
}
