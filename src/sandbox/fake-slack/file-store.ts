/**
 * Files uploaded the way files.uploadV2 does it: `files.getUploadURLExternal` reserves an id and an upload URL on
 * this fake, the client POSTs the bytes there, and `files.completeUploadExternal` shares the file in a channel.
 */
import type { Workspace } from './workspace.js';

export type { FakeFileRef } from './types.js';

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  /** Bytes announced to getUploadURLExternal. */
  length: number;
  /** What was POSTed to the upload URL (text files: UTF-8); undefined until then. */
  content?: string;
  /** Set once completeUploadExternal shared it. */
  channel?: string;
  ts?: string;
}


const MIME: Record<string, string> = { json: 'application/json', csv: 'text/csv', txt: 'text/plain' };

export function mimetypeOf(name: string): string {
  return MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

export class FileStore {
  private readonly files = new Map<string, FakeFile>();

  constructor(private readonly workspace: Workspace) {}

  reserve(name: string, length: number): FakeFile {
    const file: FakeFile = { id: this.workspace.makeId('F'), name, title: name, length };
    this.files.set(file.id, file);
    return file;
  }

  /** Stores the uploaded bytes; false for an id nobody reserved. */
  receive(id: string, content: string): boolean {
    const file = this.files.get(id);
    if (!file) return false;
    file.content = content;
    return true;
  }

  get(id: string): FakeFile | undefined {
    return this.files.get(id);
  }

  /** Deletes a file; false when there was none. */
  delete(id: string): boolean {
    return this.files.delete(id);
  }

  /** Every file shared in a channel, oldest first. */
  shared(): FakeFile[] {
    return [...this.files.values()].filter((f) => f.channel !== undefined);
  }

  clear(): void {
    this.files.clear();
  }
}

/**
 * The POST to an upload URL. The Web API client sends the bytes as multipart/form-data (one file part); any other
 * body is taken as the bytes themselves. Resolves with the HTTP status to answer.
 */
export async function receiveUpload(files: FileStore, id: string, contentType: string | undefined, raw: string): Promise<number> {
  let content = raw;
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const part = [...form.values()].find((value) => typeof value !== 'string');
    if (!part || typeof part === 'string') return 400;
    content = await part.text();
  }
  return files.receive(id, content) ? 200 : 404;
}
