/** The review's loader moved to src/services/review.ts; kept here for its old importers (test/tui). */
export { loadReview, type LoadReviewOptions } from '../services/review.js';
