import type { Cataloger, DistroDetector } from './types.js';
import { apkCataloger } from './apk/cataloger.js';
import { dpkgCataloger } from './dpkg/cataloger.js';
import { osReleaseDetector } from './os-release/detector.js';
import { rpmCataloger } from './rpm/cataloger.js';
import { javaCataloger } from './java/cataloger.js';
import { npmCataloger } from './npm/cataloger.js';
import { pythonCataloger } from './python/cataloger.js';
import { golangCataloger } from './golang/cataloger.js';
import { rustCataloger } from './rust/cataloger.js';
import { rubyCataloger } from './ruby/cataloger.js';
import { phpCataloger } from './php/cataloger.js';
import { dotnetCataloger } from './dotnet/cataloger.js';
import { dartCataloger } from './dart/cataloger.js';

/**
 * The registry. Adding an ecosystem is one folder and one line here; the image reader
 * runs every detector first, then every cataloger, over the files each one wants.
 */
export const distroDetectors: DistroDetector[] = [osReleaseDetector];

export const catalogers: Cataloger[] = [
  dpkgCataloger,
  apkCataloger,
  rpmCataloger,
  javaCataloger,
  npmCataloger,
  pythonCataloger,
  golangCataloger,
  rustCataloger,
  rubyCataloger,
  phpCataloger,
  dotnetCataloger,
  dartCataloger,
];
