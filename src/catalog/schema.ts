import { z } from 'zod';

/**
 * The shape of a skill file in `data/skills/`. Text that people read may be a plain string (English) or a map of
 * language → text with an `en` entry; lookups fall back to English when a language is missing.
 */

const nonBlank = z.string().trim().min(1, { error: 'must not be empty' });

const localizedTextSchema = z.union([
  nonBlank,
  z
    .record(z.string().regex(/^[a-z]{2}$/, { error: 'language keys are two-letter codes such as en, es' }), nonBlank)
    .refine((map) => typeof map.en === 'string', { error: 'needs an "en" entry (the fallback language)' }),
]);

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lowercase letters, digits and dashes' })
  // Ids travel in button and option values, which Slack caps at 75 characters (see blocks/card-ref.ts).
  .max(24, { error: 'must be at most 24 characters' });
const alias = z.string().trim().min(1).max(40);

const roleSchema = z.object({
  id: slug,
  name: localizedTextSchema,
  aliases: z.array(alias).default([]),
});

const requirementSchema = z.object({
  role: slug,
  required: z.boolean(),
  text: localizedTextSchema,
});

const levelSchema = z.object({
  id: slug,
  name: localizedTextSchema,
  aliases: z.array(alias).default([]),
  requirements: z.array(requirementSchema).min(1),
});

export const skillSchema = z
  .object({
    id: slug,
    name: localizedTextSchema,
    summary: localizedTextSchema,
    domain: localizedTextSchema,
    category: localizedTextSchema,
    updated: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }),
    aliases: z.array(alias).default([]),
    roles: z.array(roleSchema).min(1).max(20),
    levels: z.array(levelSchema).min(1).max(20),
  })
  .superRefine((skill, ctx) => {
    const roleIds = new Set<string>();
    skill.roles.forEach((role, i) => {
      if (roleIds.has(role.id)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'id'], message: `duplicate role "${role.id}"` });
      roleIds.add(role.id);
    });
    const levelIds = new Set<string>();
    skill.levels.forEach((level, li) => {
      if (levelIds.has(level.id)) ctx.addIssue({ code: 'custom', path: ['levels', li, 'id'], message: `duplicate level "${level.id}"` });
      levelIds.add(level.id);
      const seen = new Set<string>();
      level.requirements.forEach((req, ri) => {
        if (!roleIds.has(req.role)) {
          ctx.addIssue({ code: 'custom', path: ['levels', li, 'requirements', ri, 'role'], message: `unknown role "${req.role}"` });
        }
        if (seen.has(req.role)) {
          ctx.addIssue({ code: 'custom', path: ['levels', li, 'requirements', ri, 'role'], message: `role "${req.role}" listed twice` });
        }
        seen.add(req.role);
      });
    });
  });

export type SkillFile = z.input<typeof skillSchema>;
export type Skill = z.output<typeof skillSchema>;
export type Level = Skill['levels'][number];
export type Role = Skill['roles'][number];
