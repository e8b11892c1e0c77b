import { loadCatalog } from '../../src/catalog/load.js';
import { buildCatalog, type Catalog } from '../../src/catalog/query.js';
import { skillSchema } from '../../src/catalog/schema.js';

/** The shipped catalog, as the app loads it. */
export function shippedCatalog(): Promise<Catalog> {
  return loadCatalog('data/skills');
}

/** A three-skill catalog with Spanish names, so localisation is visible in tests. */
export function testCatalog(): Catalog {
  const level = (id: string, en: string, es: string) => ({ id, name: { en, es }, requirements: [{ role: 'dev', required: true, text: `${en} work` }] });
  const skill = (id: string, en: string, es: string) =>
    skillSchema.parse({
      id,
      name: { en, es },
      summary: 'summary',
      domain: 'Backend',
      category: 'Messaging',
      updated: '2026-03-17',
      roles: [{ id: 'dev', name: { en: 'Developer', es: 'Desarrollador' } }],
      levels: [level('junior', 'Junior', 'Júnior'), level('middle', 'Middle', 'Intermedio'), level('senior', 'Senior', 'Sénior')],
    });
  return buildCatalog([skill('nats', 'NATS / JetStream', 'NATS / JetStream'), skill('testing', 'Testing', 'Pruebas'), skill('sql', 'SQL', 'SQL')]);
}
