import { languageMatcher } from './language.js';

export const gemMatcher = languageMatcher('gem', 'RubyGems');
