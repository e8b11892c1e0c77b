import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/query.js';
import type { Skill } from '../catalog/schema.js';
import type { RequirementVersions } from '../db/schema.js';
import type { LocalizedText } from '../i18n/format.js';
import type { LadderChange } from '../blocks/ladder-change-dm.js';

/**
 * Which version of each requirement an assessment was made against, and what changed since
 * (docs/ladder-changes.md#versions). A requirement's version is the sha256 of its English text: a translation
 * fixed, a level or skill renamed, a level added change nothing a person assessed.
 */

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function englishOf(text: LocalizedText): string {
  return typeof text === 'string' ? text : (text.en as string);
}

/** The requirements of `roleId` on each level of the skill, as they read now (level id → version). */
export function requirementVersionsFor(skill: Skill, roleId: string): RequirementVersions {
  const versions: RequirementVersions = {};
  for (const level of skill.levels) {
    const requirement = level.requirements.find((r) => r.role === roleId);
    if (requirement) versions[level.id] = { hash: hashText(englishOf(requirement.text)), text: requirement.text, name: level.name };
  }
  return versions;
}

/** One hash over the levels and their versions: equal fingerprints, same requirements. */
export function fingerprintOf(versions: RequirementVersions): string {
  const lines = Object.entries(versions)
    .map(([levelId, version]) => `${levelId}:${version.hash}`)
    .sort();
  return hashText(lines.join('\n'));
}

const CURRENT = new WeakMap<Skill, Map<string, Readonly<{ versions: RequirementVersions; fingerprint: string }>>>();

/**
 * The versions and fingerprint of `roleId`'s requirements on the skill as it reads now, computed once per loaded
 * skill: every Save and every scheduler pass asked for them, hashing each requirement again on the event loop.
 * Keyed weakly by the Skill object, which a loaded catalog never changes (a reload builds new objects).
 */
export function currentRequirements(skill: Skill, roleId: string): Readonly<{ versions: RequirementVersions; fingerprint: string }> {
  let byRole = CURRENT.get(skill);
  if (!byRole) {
    byRole = new Map();
    CURRENT.set(skill, byRole);
  }
  let current = byRole.get(roleId);
  if (!current) {
    const versions = requirementVersionsFor(skill, roleId);
    current = Object.freeze({ versions, fingerprint: fingerprintOf(versions) });
    byRole.set(roleId, current);
  }
  return current;
}

/** Every (skill, role) of the catalog with the fingerprint of its requirements now: what the scheduler compares against. */
export function catalogFingerprints(catalog: Catalog): { skillId: string; roleId: string; fingerprint: string }[] {
  return catalog.skills.flatMap((skill) => skill.roles.map((role) => ({ skillId: skill.id, roleId: role.id, fingerprint: currentRequirements(skill, role.id).fingerprint })));
}


/**
 * What changed in the requirements the person assessed, in ladder order (removed levels last). A level added since
 * is not a change to anything they assessed (docs/ladder-changes.md#what-counts). Empty when nothing they assessed
 * changed, or when the skill or role is gone (nothing left to compare with or re-assess against).
 */
export function ladderChanges(assessed: RequirementVersions, skill: Skill | undefined, roleId: string): LadderChange[] {
  if (!skill || !skill.roles.some((role) => role.id === roleId)) return [];
  const now = requirementVersionsFor(skill, roleId);
  const changes: LadderChange[] = [];
  for (const level of skill.levels) {
    const before = assessed[level.id];
    const after = now[level.id];
    if (before && after && before.hash !== after.hash) changes.push({ kind: 'changed', levelId: level.id, levelName: level.name, before: before.text, after: after.text });
  }
  for (const [levelId, before] of Object.entries(assessed)) {
    if (!now[levelId]) changes.push({ kind: 'removed', levelId, levelName: before.name, before: before.text });
  }
  return changes;
}

/** Whether an assessment was made against older text than the ladder has now; false when unknown (older rows). */
export function assessedAgainstOlderText(catalog: Catalog, row: { skill_id: string; role_id: string; requirement_versions: RequirementVersions | null }): boolean {
  if (!row.requirement_versions) return false;
  return ladderChanges(row.requirement_versions, catalog.byId.get(row.skill_id), row.role_id).length > 0;
}
