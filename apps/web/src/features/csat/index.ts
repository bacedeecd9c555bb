// The satisfaction feature's door: what other features may use.
export { CaseRating } from './case-rating';
