/** What other features may use of the knowledge base (SPEC §10). */

export { loadDemoArticles } from './demo-articles.js';
export { KbSearch } from './kb.search.js';
export { seedArticles } from './kb.seed.js';
export { visitsIn } from './kb.service.js';
