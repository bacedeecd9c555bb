// The knowledge base feature's door: what other features may use.
export { kbKeys } from './api';
export { ArticleSearch, articleLink } from './article-search';
export { ArticleSuggestions } from './article-suggestions';
export { type DeflectionSession, useDeflectionSession } from './deflection';
export { DeflectionStats } from './deflection-stats';
