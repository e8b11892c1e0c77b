import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules from the README's Architecture section, checked by reading import specifiers: a rule broken in
 * a new file fails here, not in review. Also: the repository stands on its own, so what its files cite is in it.
 */

interface SourceFile {
  file: string;
  text: string;
  /** Runtime imports (not `import type`), as written. */
  runtimeImports: string[];
  imports: string[];
}

async function sources(dir: string): Promise<SourceFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8');
      const statements = [...text.matchAll(/^(import|export)\s[^;]*?from\s+'([^']+)'/gms)];
      return {
        file: file.split(path.sep).join('/'),
        text,
        imports: statements.map((m) => m[2]!),
        runtimeImports: statements.filter((m) => !/^(import|export)\s+type\s/.test(m[0])).map((m) => m[2]!),
      };
    }),
  );
}

const src = await sources('src');
const migrations = await sources('migrations');

/** Every text file under the folders that hold code, tests and benchmarks (page assets and fixtures included). */
async function textFiles(dirs: readonly string[]): Promise<{ file: string; text: string }[]> {
  const files: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    files.push(...entries.filter((e) => e.isFile() && /\.(ts|js|md|txt|html|css|svg|json|ya?ml)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name)));
  }
  return Promise.all(files.map(async (file) => ({ file: file.split(path.sep).join('/'), text: await readFile(file, 'utf8') })));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => m[1]!);
  return new Set(headings.map((h) => h.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')));
}

/** Whether `docs/<file>.md` exists and, when given, has a heading for `#anchor`. */
async function docExists(file: string, anchor: string | undefined): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text !== undefined && (anchor === undefined || headingAnchors(text).has(anchor));
}

/** Shared constants and ids that pure modules may load (no I/O in them either). */
const PURE_SHARED = new Set(['src/ids.js', 'src/config.js']);

/** Folders (and single files) whose modules must stay pure: builders, parsers, catalog queries, time maths. */
function isPure(file: string): boolean {
  if (/^src\/(blocks|command|i18n|time)\//.test(file)) return true;
  return file.startsWith('src/catalog/') && file !== 'src/catalog/load.ts';
}

/** Relative import specifiers of a src file, resolved to repository paths (`src/…/x.ts`). */
function resolvedImports(file: SourceFile): string[] {
  return file.imports.filter((i) => i.startsWith('.')).map((i) => path.posix.join(path.posix.dirname(file.file), i).replace(/\.js$/, '.ts'));
}

const byFile = new Map(src.map((f) => [f.file, f]));

/** Every src file the entry loads through static imports (`import(…)` calls are not followed). */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !byFile.has(file)) return;
    seen.add(file);
    for (const target of resolvedImports(byFile.get(file)!)) visit(target);
  };
  visit(entry);
  return seen;
}

/** Each import cycle once, as the list of files around it. */
function importCycles(): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'active');
    stack.push(file);
    for (const target of resolvedImports(byFile.get(file)!)) {
      if (!byFile.has(target)) continue;
      if (state.get(target) === 'active') cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of byFile.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

const code = (file: SourceFile) => file.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const offenders = (files: SourceFile[], broken: (file: SourceFile) => boolean) => files.filter(broken).map((f) => f.file);

describe('architecture', () => {
  it('only src/config.ts reads the environment', () => {
    expect(offenders(src, (f) => f.file !== 'src/config.ts' && /process\.env/.test(code(f)))).toEqual([]);
  });

  it('only src/db touches kysely, pg and PGlite at runtime', () => {
    expect(offenders(src, (f) => !f.file.startsWith('src/db/') && f.runtimeImports.some((i) => ['kysely', 'pg', '@electric-sql/pglite'].includes(i)))).toEqual([]);
  });

  it('only src/reminders/cron.ts imports node-cron', () => {
    expect(offenders(src, (f) => f.file !== 'src/reminders/cron.ts' && f.imports.includes('node-cron'))).toEqual([]);
  });

  it('file access stays where it belongs (catalog loader, database folder, CLI, sandbox static files)', () => {
    const allowed = ['src/catalog/load.ts', 'src/db/client.ts', 'src/db/data-dir-lock.ts', 'src/cli/catalog.ts', 'src/sandbox/static-files.ts', 'src/sandbox/sandbox-memory.ts'];
    expect(offenders(src, (f) => !allowed.includes(f.file) && f.imports.some((i) => /^(node:)?fs(\/promises)?$/.test(i)))).toEqual([]);
  });

  it('Block Kit builders and the catalog queries are pure: no I/O, no Slack runtime, no clock', () => {
    const pure = src.filter((f) => isPure(f.file));
    expect(pure.length).toBeGreaterThan(10);
    // At runtime a pure module loads only other pure modules and a few pure libraries (types are free).
    const pureLibraries = ['zod', 'temporal-polyfill', 'yaml', 'diff'];
    const impure = (f: SourceFile) =>
      f.runtimeImports.some((i) => (i.startsWith('.') ? !isPure(path.posix.join(path.posix.dirname(f.file), i).replace(/\.js$/, '.ts')) && !PURE_SHARED.has(path.posix.join(path.posix.dirname(f.file), i)) : !pureLibraries.includes(i)));
    expect(offenders(pure, impure)).toEqual([]);
    expect(offenders(pure, (f) => /Date\.now\(\)|new Date\(\)/.test(code(f)))).toEqual([]);
  });

  it('layers import only downward: blocks, db, time, i18n and the catalog never import services, listeners or jobs', () => {
    const lower = src.filter((f) => /^src\/(blocks|db|time|i18n|catalog|command)\//.test(f.file));
    expect(offenders(lower, (f) => resolvedImports(f).some((target) => /^src\/(services|listeners|reminders|sandbox)\//.test(target)))).toEqual([]);
    const services = src.filter((f) => f.file.startsWith('src/services/'));
    expect(offenders(services, (f) => resolvedImports(f).some((target) => /^src\/(listeners|reminders|sandbox)\//.test(target)))).toEqual([]);
  });

  it('the production path never loads the sandbox or the fake Slack (only a dynamic import behind the sandbox decision)', () => {
    const reached = reachableFrom('src/index.ts');
    expect(reached.size).toBeGreaterThan(30);
    expect([...reached].filter((file) => file.startsWith('src/sandbox/'))).toEqual([]);
    // And nothing outside the sandbox imports it statically, even for types.
    expect(offenders(src, (f) => !f.file.startsWith('src/sandbox/') && resolvedImports(f).some((target) => target.startsWith('src/sandbox/')))).toEqual([]);
  });

  it('src has no import cycles, type-only imports included', () => {
    expect(importCycles()).toEqual([]);
  });

  it('listener folders do not import each other, and nothing imports a listener but the registry', () => {
    const folderOf = (file: string) => /^src\/listeners\/([^/]+)\//.exec(file)?.[1];
    expect(
      offenders(src, (f) => {
        const own = folderOf(f.file);
        return own !== undefined && f.imports.some((i) => i.startsWith('../') && !i.startsWith('../../') && !i.startsWith(`../${own}/`) && i !== '../slack-input.js' && i !== '../dispatch.js');
      }),
    ).toEqual([]);
    expect(offenders(src, (f) => !f.file.startsWith('src/listeners/') && f.file !== 'src/app.ts' && f.imports.some((i) => i.includes('/listeners/')))).toEqual([]);
  });

  it('nothing imports the composition root, and src never imports test code', () => {
    expect(offenders(src, (f) => f.imports.some((i) => /(^|\/)index\.js$/.test(i) && !i.includes('/listeners/') && !i.includes('migrations/') && !i.startsWith('./')))).toEqual([]);
    expect(offenders(src, (f) => f.imports.some((i) => i.includes('/test/') || i.startsWith('../test')))).toEqual([]);
  });

  it('migrations are frozen in time: they never import from src/', () => {
    expect(migrations.length).toBeGreaterThan(1);
    expect(offenders(migrations, (f) => f.imports.some((i) => i.includes('src/')))).toEqual([]);
  });

  it('cites nothing outside the repository: no developer-only reference documents, no paths on a developer machine', async () => {
    // Spelled in pieces so this file does not match itself.
    const outside = [['reliability', 'md'].join('.'), ['slack-platform', 'md'].join('.'), ['..', 'shared'].join('/')];
    const machinePath = new RegExp(`(^|[\\s'"\`(])/(${['work', 'home', 'Users'].join('|')})/`, 'm');
    const files = await textFiles(['src', 'test', 'bench', 'migrations']);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => outside.some((name) => f.text.includes(name)) || machinePath.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('every docs/….md cited in code, tests, benchmarks and the README exists, with the cited section', async () => {
    const files = [...(await textFiles(['src', 'test', 'bench', 'migrations'])), { file: 'README.md', text: await readFile('README.md', 'utf8') }];
    const cited = files.flatMap((f) => [...f.text.matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w-]+))?/g)].map((m) => ({ from: f.file, doc: `docs/${m[1]!}`, anchor: m[2] })));
    expect(cited.length).toBeGreaterThan(20);
    const broken: string[] = [];
    for (const c of cited) if (!(await docExists(c.doc, c.anchor))) broken.push(`${c.from}: ${c.doc}${c.anchor ? `#${c.anchor}` : ''}`);
    expect(broken).toEqual([]);
  });

  it('the docs link only to each other and to their own sections, and every such link resolves', async () => {
    const docs = (await readdir('docs')).filter((name) => name.endsWith('.md'));
    expect(docs.length).toBeGreaterThanOrEqual(3);
    const broken: string[] = [];
    for (const name of docs) {
      const text = await readFile(`docs/${name}`, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target!)) continue;
        const [file, anchor] = target!.split('#');
        if (!(await docExists(`docs/${file || name}`, anchor))) broken.push(`docs/${name}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every query is scoped by workspace: each repository query on a people table filters on team_id', () => {
    const repositories = src.filter((f) => f.file.startsWith('src/db/repositories/'));
    const unscoped: string[] = [];
    let checked = 0;
    for (const file of repositories) {
      // Each exported function that reads or writes a table must mention team_id (or work by primary key after a
      // team-scoped claim, which the scheduler's fenced writes do: they are listed explicitly below).
      for (const match of code(file).matchAll(/export async function (\w+)[\s\S]*?\n}/g)) {
        const body = match[0];
        if (/(selectFrom|updateTable|deleteFrom|insertInto)\(/.test(body)) checked++;
        if (/(selectFrom|updateTable|deleteFrom|insertInto)\(/.test(body) && !/team_id/.test(body) && !BY_CLAIMED_ID.has(match[1]!)) unscoped.push(`${file.file}: ${match[1]}`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(unscoped).toEqual([]);
    const exported = new Set(repositories.flatMap((f) => [...f.text.matchAll(/export async function (\w+)/g)].map((m) => m[1]!)));
    expect([...BY_CLAIMED_ID].filter((name) => !exported.has(name))).toEqual([]);
  });
});

/**
 * Scheduler functions that act on rows by id after a claim (the claim itself spans workspaces on purpose: the
 * scheduler serves every workspace). Their rows carry team_id, and the fence on locked_by keeps them to the claimer.
 */
const BY_CLAIMED_ID = new Set(['emitDueOccurrences', 'claimDeliveries', 'markSent', 'retryLater', 'releaseDeliveries', 'releaseHeldDeliveries', 'markDead', 'markCancelled', 'bumpBlindResends', 'parkAmbiguous', 'saveDmChannel']);
