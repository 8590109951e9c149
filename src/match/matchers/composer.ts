import { languageMatcher, purlQualifiedName } from './language.js';

/** Packagist names are `vendor/package`. */
export const composerMatcher = languageMatcher('composer', 'Packagist', (pkg) => purlQualifiedName(pkg, '/'));
