import { languageMatcher } from './language.js';

export const cargoMatcher = languageMatcher('cargo', 'crates.io');
