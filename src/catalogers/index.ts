import type { Cataloger, DistroDetector } from './types.js';
import { apkCataloger } from './apk/cataloger.js';
import { dpkgCataloger } from './dpkg/cataloger.js';
import { osReleaseDetector } from './os-release/detector.js';

/**
 * The registry. Adding an ecosystem is one folder and one line here; the image reader
 * runs every detector first, then every cataloger, over the files each one wants.
 */
export const distroDetectors: DistroDetector[] = [osReleaseDetector];

export const catalogers: Cataloger[] = [dpkgCataloger, apkCataloger];
