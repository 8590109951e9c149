/**
 * The matcher registry: the first matcher that answers for a package decides where it is
 * looked up. Distro matchers are one file and one line here; language ecosystems are rows
 * of the ecosystem table (src/ecosystems/table.ts), which makes their matchers.
 */
import type { Matcher } from '../matcher.js';
import { alpineMatcher } from './alpine.js';
import { debianMatcher } from './debian.js';
import { languageMatchers } from './language.js';
import { redhatMatcher } from './redhat.js';
import { rhelRebuildMatcher } from './rhel-rebuild.js';
import { rollingApkMatcher } from './rolling-apk.js';
import { rpmDistroMatcher } from './rpm-distros.js';
import { ubuntuMatcher } from './ubuntu.js';

export const matchers: Matcher[] = [
  debianMatcher,
  ubuntuMatcher,
  alpineMatcher,
  rollingApkMatcher,
  rhelRebuildMatcher,
  redhatMatcher,
  rpmDistroMatcher,
  ...languageMatchers,
];
