import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/query.js';

/** The shipped catalog, as the app loads it. */
export function shippedCatalog(): Promise<Catalog> {
  return loadCatalog('data/skills');
}
