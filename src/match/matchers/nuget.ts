import { languageMatcher } from './language.js';

export const nugetMatcher = languageMatcher('nuget', 'NuGet');
