import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/catalog/load.js';
import { localize } from '../../src/i18n/format.js';

async function catalogDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'catalog-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

const shipped = await readFile('data/skills/nats.yaml', 'utf8');

describe('loadCatalog', () => {
  it('loads the shipped catalog', async () => {
    const catalog = await loadCatalog('data/skills');
    expect(catalog.skills.map((s) => s.id)).toEqual(['nats']);
  });

  it('stops with the file name and the path of the bad field', async () => {
    const dir = await catalogDir({ 'nats.yaml': shipped.replace('required: true', 'required: yes please') });
    await expect(loadCatalog(dir)).rejects.toThrow(CatalogError);
    await expect(loadCatalog(dir)).rejects.toThrow(/nats\.yaml: levels\[0\]\.requirements\[0\]\.required: /);
  });

  it('reports a requirement for a role the skill does not have', async () => {
    const dir = await catalogDir({ 'nats.yaml': shipped.replace('- role: go\n        required: true\n        text: Uses', '- role: rust\n        required: true\n        text: Uses') });
    await expect(loadCatalog(dir)).rejects.toThrow(/levels\[0\]\.requirements\[1\]\.role: unknown role "rust"/);
  });

  it('reports broken YAML with the file name', async () => {
    const dir = await catalogDir({ 'broken.yaml': 'id: [unclosed' });
    await expect(loadCatalog(dir)).rejects.toThrow(/broken\.yaml: not valid YAML/);
  });

  it('reports duplicate skill ids across files, and an empty folder', async () => {
    const dir = await catalogDir({ 'a.yaml': shipped, 'b.yaml': shipped });
    await expect(loadCatalog(dir)).rejects.toThrow(/skill id "nats" is used by 2 files/);
    await expect(loadCatalog(await catalogDir({}))).rejects.toThrow(/No skill files/);
  });

  it('refuses two skills that answer to the same word, naming both files', async () => {
    const skill = (id: string, name: string, aliases: string[]) =>
      JSON.stringify({
        id,
        name,
        summary: 'Streaming',
        domain: 'Backend Development',
        category: 'Message Queues & Event Streaming',
        updated: '2026-01-02',
        aliases,
        roles: [{ id: 'java', name: 'Backend Developer (Java)' }],
        levels: [{ id: 'junior', name: 'Junior', requirements: [{ role: 'java', required: true, text: 'Uses it.' }] }],
      });
    const dir = await catalogDir({ 'kafka.json': skill('kafka', 'Apache Kafka', ['apache', 'kafka']), 'spark.json': skill('spark', 'Apache Spark', ['Apache']) });
    await expect(loadCatalog(dir)).rejects.toThrow(CatalogError);
    await expect(loadCatalog(dir)).rejects.toThrow(/kafka\.json and .*spark\.json both answer to "apache"/);
    // A skill's own words never clash with themselves, and distinct aliases load.
    const fine = await catalogDir({ 'kafka.json': skill('kafka', 'Apache Kafka', ['apache-kafka', 'kafka']), 'spark.json': skill('spark', 'Apache Spark', ['spark']) });
    expect((await loadCatalog(fine)).skills.map((s) => s.id)).toEqual(['kafka', 'spark']);
  });

  it('accepts JSON files and per-language text with English fallback', async () => {
    const skill = {
      id: 'kafka',
      name: { en: 'Apache Kafka', es: 'Apache Kafka' },
      summary: { en: 'Event streaming', es: 'Streaming de eventos' },
      domain: 'Backend Development',
      category: 'Message Queues & Event Streaming',
      updated: '2026-01-02',
      roles: [{ id: 'java', name: 'Backend Developer (Java)' }],
      levels: [{ id: 'junior', name: 'Junior', requirements: [{ role: 'java', required: false, text: { en: 'Uses Kafka.' } }] }],
    };
    const catalog = await loadCatalog(await catalogDir({ 'kafka.json': JSON.stringify(skill) }));
    const loaded = catalog.byId.get('kafka')!;
    expect(localize(loaded.summary, 'es')).toBe('Streaming de eventos');
    expect(localize(loaded.levels[0]!.requirements[0]!.text, 'es')).toBe('Uses Kafka.');
  });

  it('rejects localized text without an English entry', async () => {
    const dir = await catalogDir({ 'nats.yaml': shipped.replace('summary: Pub/sub', 'summary:\n  es: Pub/sub') });
    await expect(loadCatalog(dir)).rejects.toThrow(/nats\.yaml: summary: /);
  });
});
