import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite keeps its database in a folder and assumes it is the only process using it. Two processes on one folder
 * silently diverge (each has its own copy in memory) and whichever writes last on close wins: data is lost. So
 * the folder carries a lock file with the holder's process id, created atomically; a second process is refused
 * with a clear message, and a lock left by a process that no longer exists is taken over.
 */

const LOCK_FILE = 'skill-ladder.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The PGlite data folder ${dataDir} is in use by another Skill Ladder process (pid ${holderPid}). ` +
        'Stop that process first, or give this one another folder (PGLITE_DIR), or use Postgres (DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Takes the folder's lock for this process; resolves with the function that gives it back. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(file).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
    // Left behind by a process that died (kill -9, a crash): take it over.
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`Could not take the lock file ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, which still means the folder is in use.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
