/**
 * The matcher registry: the first matcher that answers for a package decides where it is
 * looked up. Adding an ecosystem is one file and one line here.
 */
import type { Matcher } from '../matcher.js';
import { alpineMatcher } from './alpine.js';
import { cargoMatcher } from './cargo.js';
import { composerMatcher } from './composer.js';
import { debianMatcher } from './debian.js';
import { gemMatcher } from './gem.js';
import { golangMatcher } from './golang.js';
import { mavenMatcher } from './maven.js';
import { npmMatcher } from './npm.js';
import { nugetMatcher } from './nuget.js';
import { pypiMatcher } from './pypi.js';
import { redhatMatcher } from './redhat.js';
import { rpmDistroMatcher } from './rpm-distros.js';
import { ubuntuMatcher } from './ubuntu.js';

export const matchers: Matcher[] = [
  debianMatcher,
  ubuntuMatcher,
  alpineMatcher,
  redhatMatcher,
  rpmDistroMatcher,
  npmMatcher,
  pypiMatcher,
  mavenMatcher,
  golangMatcher,
  cargoMatcher,
  gemMatcher,
  composerMatcher,
  nugetMatcher,
];
