import { buildCatalog, type Catalog } from '../../src/catalog/query.js';
import { skillSchema } from '../../src/catalog/schema.js';

/**
 * A one-skill ladder ("nats", role "dev") whose requirement texts and levels a test can change, to play a catalog
 * edited between an assessment and a later scheduler pass (docs/ladder-changes.md).
 */
export interface LadderShape {
  skillName?: string;
  levels: { id: string; name?: string; text: string }[];
  extraRole?: boolean;
  /** The "dev" role taken off the skill (an "sre" role stays, as a skill needs one). */
  withoutDev?: boolean;
}

export const LADDER_BEFORE: LadderShape = {
  levels: [
    { id: 'junior', text: 'Publishes and subscribes to subjects with the client library.' },
    { id: 'middle', text: 'Designs streams and consumers for a service and explains acknowledgements.' },
    { id: 'senior', text: 'Runs clusters in production and plans capacity.' },
  ],
};

export function ladderCatalog(shape: LadderShape): Catalog {
  const skill = skillSchema.parse({
    id: 'nats',
    name: { en: shape.skillName ?? 'NATS', es: shape.skillName ?? 'NATS' },
    summary: 'summary',
    domain: 'Backend',
    category: 'Messaging',
    updated: '2026-12-01',
    roles: [...(shape.withoutDev ? [] : [{ id: 'dev', name: { en: 'Developer', es: 'Desarrollador' } }]), ...(shape.extraRole || shape.withoutDev ? [{ id: 'sre', name: 'SRE' }] : [])],
    levels: shape.levels.map((level) => ({
      id: level.id,
      name: level.name ?? level.id[0]!.toUpperCase() + level.id.slice(1),
      requirements: [
        ...(shape.withoutDev ? [] : [{ role: 'dev', required: true, text: level.text }]),
        ...(shape.extraRole || shape.withoutDev ? [{ role: 'sre', required: true, text: `SRE: ${level.text}` }] : []),
      ],
    })),
  });
  return buildCatalog([skill]);
}
