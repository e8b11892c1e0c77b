import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, type FakeSlackUser, startFakeSlack } from '../../../src/sandbox/fake-slack/fake-slack-server.js';

const TOKEN = 'xoxb-test-token';
const ana: FakeSlackUser = { id: 'U0ANA', teamId: 'T0FAKE0001', name: 'ana', tz: 'Europe/Madrid', locale: 'es-ES' };
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => LogLevel.ERROR, setName: () => undefined };

/** files.uploadV2 against the fake, as the real SDK drives it: URL, POST of the bytes, completion into a DM. */
describe('fake Slack: file uploads', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: TOKEN, users: [ana] });
    client = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('filesUploadV2: the upload URL points at the fake, the bytes are kept, the DM gets one message with both files', async () => {
    const channel = (await client.conversations.open({ users: ana.id })).channel!.id!;
    const json = '{"día": "ñ", "n": 1}\n';
    const result = await client.filesUploadV2({
      channel_id: channel,
      initial_comment: 'Tus datos',
      file_uploads: [
        { content: json, filename: 'export.json', title: 'export.json' },
        { content: 'a,b\r\n"x,y",2\r\n', filename: 'history.csv', title: 'history.csv' },
      ],
    });
    expect(result.ok).toBe(true);
    const urls = fake.callsTo('files.getUploadURLExternal').map((c) => (c.response as { upload_url: string }).upload_url);
    expect(urls.every((u) => u.startsWith(`${fake.url}/upload/F`))).toBe(true);
    expect(fake.callsTo('files.getUploadURLExternal').map((c) => Number(c.args.length))).toEqual([Buffer.byteLength(json), 14]);

    const [message] = fake.dmsTo(ana.id);
    expect(message).toMatchObject({ text: 'Tus datos', via: 'files.completeUploadExternal' });
    expect(message!.files!.map((f) => [f.name, f.mimetype, f.size])).toEqual([
      ['export.json', 'application/json', Buffer.byteLength(json)],
      ['history.csv', 'text/csv', 14],
    ]);
    const downloaded = await fetch(message!.files![0]!.url_private);
    expect(downloaded.headers.get('content-disposition')).toBe('attachment; filename="export.json"');
    expect(await downloaded.text()).toBe(json);
    expect(fake.sharedFiles().map((f) => f.channel)).toEqual([channel, channel]);
  });

  it('refuses bad calls as Slack does: no filename or length, an unknown or not-uploaded file, an unknown DM', async () => {
    const call = (method: string, args: Record<string, unknown>) => client.apiCall(method, args).catch((error: { data: { error: string } }) => error.data.error);
    expect(await call('files.getUploadURLExternal', { length: 10 })).toBe('invalid_arguments');
    expect(await call('files.getUploadURLExternal', { filename: 'a.json', length: 0 })).toBe('invalid_arguments');
    const reserved = (await client.files.getUploadURLExternal({ filename: 'a.json', length: 2 })) as { file_id: string; upload_url: string };
    expect(await call('files.completeUploadExternal', { files: JSON.stringify([{ id: reserved.file_id }]) })).toBe('file_upload_not_complete');
    expect(await call('files.completeUploadExternal', { files: JSON.stringify([{ id: 'F0NOPE' }]) })).toBe('file_not_found');
    expect((await fetch(reserved.upload_url, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(await call('files.completeUploadExternal', { files: JSON.stringify([{ id: reserved.file_id }]), channel_id: 'D0NOPE' })).toBe('channel_not_found');
    expect((await fetch(`${fake.url}/upload/F0NOPE`, { method: 'POST', body: '{}' })).status).toBe(404);
    // Not shared anywhere: no download.
    expect((await fetch(`${fake.url}/files/${reserved.file_id}/a.json`)).status).toBe(404);
  });
});
