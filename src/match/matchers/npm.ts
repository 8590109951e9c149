import { languageMatcher } from './language.js';

/** npm names are the registry's, scope included (`@babel/core`). */
export const npmMatcher = languageMatcher('npm', 'npm');
