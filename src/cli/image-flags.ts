import { Flags } from '@oclif/core';

/** Flags shared by every command that reads an image archive. */
export const imageSelectionFlags = {
  image: Flags.string({ description: 'image to read from an archive holding several (name:tag as in RepoTags or the OCI ref name)', helpValue: 'NAME:TAG' }),
  platform: Flags.string({ description: 'platform to read from a multi-platform index (default: the only one, else linux/amd64)', helpValue: 'OS/ARCH[/VARIANT]' }),
};

export const outputFlag = {
  output: Flags.string({ char: 'o', description: 'write the report to this file instead of stdout', helpValue: 'FILE' }),
};
