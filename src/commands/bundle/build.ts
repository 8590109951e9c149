import { Flags } from '@oclif/core';
import { buildBundleFromFeeds } from '../../services/bundle.js';
import { BaseCommand } from '../base-command.js';

export default class BundleBuild extends BaseCommand {
  static override summary = 'Build a signed advisory bundle from a directory of downloaded feeds';
  static override description =
    'Runs on the connected side: imports every recognised feed under --feeds into a fresh advisory database, compresses it and signs it. Carry the file across the air gap and run `airlock db import` there.';
  static override examples = [
    '<%= config.bin %> bundle build --feeds ./feeds --key release.key --out advisories.airlock',
    '<%= config.bin %> bundle build --feeds ./feeds --key release.key --out advisories.airlock --expires-in 14d',
    '<%= config.bin %> bundle build --feeds ./feeds --key release.key --out advisories.airlock --base-image debian:bookworm=./bookworm.tar',
  ];
  static override flags = {
    feeds: Flags.string({
      description: 'directory of feed files (as written by `airlock feeds fetch`)',
      required: true,
      helpValue: 'DIR',
    }),
    key: Flags.string({ description: 'signing key (from `airlock bundle keygen`)', required: true, helpValue: 'KEY' }),
    out: Flags.string({ description: 'bundle file to write', required: true, helpValue: 'FILE' }),
    sequence: Flags.integer({
      description: 'bundle sequence number; must grow with every bundle (default: the build time in Unix seconds)',
      min: 0,
    }),
    'expires-in': Flags.string({
      description: 'how long appliances accept the bundle',
      default: '30d',
      helpValue: 'DURATION',
    }),
    'base-image': Flags.string({
      description:
        "image archive to carry as a base-image catalog entry; `db import` adds it to the local base catalog. NAME defaults to the archive's repository:tag. Repeatable",
      multiple: true,
      helpValue: '[NAME=]PATH',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(BundleBuild);
    const built = await buildBundleFromFeeds({
      feedsDir: flags.feeds,
      keyFile: flags.key,
      out: flags.out,
      sequence: flags.sequence,
      expiresIn: flags['expires-in'],
      baseImages: flags['base-image'] ?? [],
      onFeedWarnings: (warnings) => {
        for (const w of warnings.slice(0, 10)) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
        if (warnings.length > 10) process.stderr.write(`warning: ... and ${warnings.length - 10} more\n`);
      },
    });
    const { baseImages, feedWarnings } = built;
    const m = built.manifest;
    this.log(
      `wrote ${built.file} (${built.bytes} bytes), sequence ${m.sequence}, signed by ${m.signer}, expires ${m.expires}`,
    );
    for (const s of m.sources)
      this.log(
        `  ${s.name}: ${s.records} records${s.warnings ? `, ${s.warnings} warnings` : ''}${s.dataDate ? `, data ${s.dataDate}` : ''}`,
      );
    if (baseImages.length) this.log(`  base images: ${baseImages.map((b) => b.name).join(', ')}`);
    if (feedWarnings) this.log(`${feedWarnings} feed records were skipped with warnings`);
  }
}
