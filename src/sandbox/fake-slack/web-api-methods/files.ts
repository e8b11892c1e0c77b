/** files.getUploadURLExternal and files.completeUploadExternal (the two Web API halves of files.uploadV2), and files.delete. */
import { type ApiResult, type Args, fail, ok, type WebApiMethods } from '../api-result.js';
import type { ConversationStore } from '../conversation-store.js';
import { type FakeFileRef, type FileStore, mimetypeOf } from '../file-store.js';
import { str } from '../values.js';

export interface FilesMethodsDeps {
  files: FileStore;
  conversations: ConversationStore;
  /** Where the client POSTs a file's bytes, and where it can be downloaded, on this fake. */
  uploadUrl: (fileId: string) => string;
  downloadUrl: (fileId: string, name: string) => string;
}

/** Slack's limit is 1 GB; the fake keeps files in memory, so it refuses anything unreasonable for a test. */
const MAX_LENGTH = 10 * 1024 * 1024;

export function filesMethods({ files, conversations, uploadUrl, downloadUrl }: FilesMethodsDeps): WebApiMethods {
  function getUploadUrlExternal(args: Args): ApiResult {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (!filename) return fail('invalid_arguments');
    if (!Number.isInteger(length) || length <= 0 || length > MAX_LENGTH) return fail('invalid_arguments');
    const file = files.reserve(filename, length);
    return ok({ upload_url: uploadUrl(file.id), file_id: file.id });
  }

  function completeUploadExternal(args: Args): ApiResult {
    let list: unknown = args.files;
    if (typeof list === 'string') {
      try {
        list = JSON.parse(list);
      } catch {
        return fail('invalid_arguments');
      }
    }
    if (!Array.isArray(list) || list.length === 0) return fail('invalid_arguments');
    const entries = list.map((entry: unknown) => (entry && typeof entry === 'object' ? (entry as { id?: unknown; title?: unknown }) : {}));
    const found = entries.map((entry) => files.get(str(entry.id) ?? ''));
    if (found.some((file) => !file)) return fail('file_not_found');
    if (found.some((file) => file!.content === undefined)) return fail('file_upload_not_complete');
    const channelId = str(args.channel_id);
    const channel = channelId ? conversations.resolveChannel(channelId, true) : undefined;
    if (channelId && !channel) return fail('channel_not_found');
    const refs: FakeFileRef[] = found.map((file, i) => {
      const title = str(entries[i]!.title);
      if (title) file!.title = title;
      const url = downloadUrl(file!.id, file!.name);
      return { id: file!.id, name: file!.name, title: file!.title, mimetype: mimetypeOf(file!.name), size: Buffer.byteLength(file!.content!), url_private: url, url_private_download: url };
    });
    if (channel) {
      const message = conversations.postMessage(channel, { text: str(args.initial_comment) ?? '' }, {}, 'files.completeUploadExternal');
      message.files = refs;
      for (const file of found) {
        file!.channel = channel.id;
        file!.ts = message.ts;
      }
    }
    return ok({ files: refs.map((r) => ({ id: r.id, title: r.title })) });
  }

  /** Deletes the file and takes it out of the message that shared it; a message left with nothing goes too. */
  function filesDelete(args: Args): ApiResult {
    const file = files.get(str(args.file) ?? '');
    if (!file) return fail('file_not_found');
    files.delete(file.id);
    if (file.channel && file.ts) {
      const message = conversations.messageAt(file.channel, file.ts);
      if (message?.files) {
        message.files = message.files.filter((f) => f.id !== file.id);
        if (message.files.length === 0) conversations.removeMessage(file.channel, file.ts);
      }
    }
    return ok({});
  }

  return {
    'files.getUploadURLExternal': getUploadUrlExternal,
    'files.completeUploadExternal': completeUploadExternal,
    'files.delete': filesDelete,
  };
}
