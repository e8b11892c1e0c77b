import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importProfile, ProfileImportError } from '../../src/catalog/import-profile.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { skillSchema } from '../../src/catalog/schema.js';

const options = { id: 'nats', name: 'NATS / NATS JetStream' };
const english = await readFile('test/fixtures/nats-profile-en.txt', 'utf8');
const spanish = await readFile('test/fixtures/nats-profile-es.txt', 'utf8');

function importError(text: string): ProfileImportError {
  try {
    importProfile(text, options);
  } catch (error) {
    if (error instanceof ProfileImportError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('importProfile', () => {
  it('reads the English export: metadata, 2 roles, 5 levels in order, 10 mandatory requirements verbatim', () => {
    const skill = skillSchema.parse(importProfile(english, options));
    expect(skill).toMatchObject({
      id: 'nats',
      name: 'NATS / NATS JetStream',
      summary: 'Pub/sub, request/reply, key-value store, JetStream persistence, subject-based routing',
      domain: 'Backend Development',
      category: 'Message Queues & Event Streaming',
      updated: '2026-03-17',
    });
    expect(skill.roles.map((r) => r.name)).toEqual(['Backend Developer (Elixir)', 'Backend Developer (Go)']);
    expect(skill.levels.map((l) => l.name)).toEqual(['Junior', 'Middle', 'Senior', 'Lead', 'Principal']);
    const requirements = skill.levels.flatMap((l) => l.requirements);
    expect(requirements).toHaveLength(10);
    expect(requirements.every((r) => r.required)).toBe(true);
    expect(skill.levels[2]!.requirements[1]!.text).toBe(
      'Designs high-throughput NATS/JetStream architectures in Go services. Implements consumer groups, key-value stores, and stream mirroring for resilient event-driven systems. Mentors team on messaging patterns.',
    );
    expect(skill.roles.find((r) => r.id === 'go')!.aliases).toContain('golang');
    expect(skill.aliases).toContain('jetstream');
  });

  it('gives no skill a vendor word as an alias, so "Apache Kafka" and "Apache Spark" share none', () => {
    const kafka = importProfile(english, { id: 'kafka', name: 'Apache Kafka' }).aliases ?? [];
    const spark = importProfile(english, { id: 'spark', name: 'Apache Spark' }).aliases ?? [];
    expect(kafka).toEqual(['apache-kafka']);
    expect(spark).toEqual(['apache-spark']);
    // A slash inside a word ("Pub/Sub") is part of the word; " / " separates alternative names.
    expect(importProfile(english, { id: 'gcp-pubsub', name: 'Google Cloud Pub/Sub' }).aliases).toEqual(['google-cloud-pub-sub', 'pub-sub']);
  });

  it('reads the Spanish export (day/month date, Spanish chrome) into the same skill', () => {
    expect(importProfile(spanish, options)).toEqual(importProfile(english, options));
  });

  it('matches data/skills/nats.yaml exactly', async () => {
    const shipped = parseYaml(await readFile('data/skills/nats.yaml', 'utf8'));
    expect(shipped).toEqual(importProfile(english, options));
    const catalog = await loadCatalog('data/skills');
    expect(catalog.byId.get('nats')).toEqual(skillSchema.parse(importProfile(spanish, options)));
  });

  it('names the line of a truncated export', () => {
    const lines = english.split('\n');
    const truncated = lines.slice(0, 30).join('\n');
    const error = importError(truncated);
    expect(error.message).toMatch(/^line \d+: .*5 levels.*3 level tables.*truncated/);
  });

  it('names the line of a bad date, in the export language order', () => {
    expect(importError(english.replace('3/17/2026', '17/3/2026')).message).toMatch(/^line 16: "17\/3\/2026" is not a valid date \(month\/day\/year\)/);
    expect(importError(spanish.replace('17/3/2026', '3/17/2026')).message).toMatch(/^line 16: .*day\/month\/year/);
  });

  it('names the line of a broken table row and of an unknown required flag', () => {
    const broken = english.replace('| Backend Developer (Go) | Required | Independently', '| Backend Developer (Go) | Independently');
    expect(importError(broken).message).toMatch(/^line 2\d: /);
    const flag = english.replace('| Backend Developer (Elixir) | Required | Uses', '| Backend Developer (Elixir) | Maybe | Uses');
    expect(importError(flag).message).toMatch(/^line 21: expected "Required" or "Optional", found "Maybe"/);
  });

  it('rejects text that is not a profile export, and empty text', () => {
    expect(importError('hello\nworld').message).toMatch(/^line 1: expected "Domain"/);
    expect(importError('').message).toMatch(/^line 1: the export is empty/);
  });

  it('checks the counts the page states against the tables', () => {
    const wrongCount = english.replace(/Mandatory requirements\n10/, 'Mandatory requirements\n9');
    expect(importError(wrongCount).message).toMatch(/says 9 mandatory/);
  });
});
