import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '@caseflow/contract';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engines, PASSWORD, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { TINY_PDF, type UploadPart, uploadFile } from '../../testing/uploads.js';
import { sweepUploads } from './attachments.service.js';

const HTML = Buffer.from('<html><script>alert(1)</script></html>');
let photo: Buffer;
beforeAll(async () => {
  photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c03030' } })
    .jpeg()
    .toBuffer();
});

describe.each(engines)('attachments on %s', (engine) => {
  let server: TestServer;
  let customer: Person;
  let other: Person;
  let agent: Person;
  beforeEach(async () => {
    server = await startTestServer(engine);
    customer = await server.signup('Uma');
    other = await server.signup('Otto');
    agent = await server.addAgent({ name: 'Ava' });
  });
  afterEach(() => server.close());

  const upload = (person: Person, file: UploadPart) => uploadFile(server, person.token, file);
  const download = (url: string, person?: Person) =>
    server.app.inject({ method: 'GET', url, headers: person ? { authorization: `Bearer ${person.token}` } : {} });
  const api = (method: string, url: string, person: Person, body?: unknown) =>
    server.call(method, `/api/v1${url}`, { token: person.token, body });
  const filesOnDisk = () =>
    readdirSync(join(server.ctx.config.dataDir, 'uploads')).filter((name) => !name.startsWith('.'));

  it('takes a photo by its bytes, attaches it to a new case, and serves it with the case’s rights', async () => {
    const uploaded = await upload(customer, { name: 'crack.jpg', type: 'application/octet-stream', bytes: photo });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'crack.jpg', size: photo.length, contentType: 'image/jpeg' });
    const created = await api('POST', '/cases', customer, {
      subject: 'Cracked jug',
      description: 'See the photo.',
      attachmentIds: [uploaded.body.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const messages: Message[] = (await api('GET', `/cases/${created.body.id}/messages`, customer)).body.items;
    const [attachment] = messages[0]?.attachments ?? [];
    expect(attachment).toMatchObject({
      id: uploaded.body.id,
      contentType: 'image/jpeg',
      url: `/api/v1/attachments/${uploaded.body.id}`,
    });

    const own = await download(attachment?.url ?? '', customer);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(photo)).toBe(true);
    expect(own.headers['content-disposition']).toMatch(/^inline; filename="crack.jpg"/);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['content-security-policy']).toContain("default-src 'none'");
    const thumbnail = await download(attachment?.thumbnailUrl ?? '', agent);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBeLessThanOrEqual(320);
    expect((await download(attachment?.url ?? '', other)).statusCode).toBe(404);
    expect((await download(attachment?.url ?? '')).statusCode).toBe(401);
    expect((await download(attachment?.url ?? '', agent)).statusCode).toBe(200);
  });

  it('refuses what is not a photo or PDF by its bytes (415), too big (413), or not one file in `file` (400)', async () => {
    const fake = await upload(customer, { name: 'photo.png', type: 'image/png', bytes: HTML });
    expect(fake.status).toBe(415);
    expect(fake.headers['content-type']).toContain('application/problem+json');
    const big = await upload(customer, {
      name: 'big.jpg',
      type: 'image/jpeg',
      bytes: Buffer.concat([photo, Buffer.alloc(11 * 1024 * 1024)]),
    });
    expect(big.status).toBe(413);
    const wrongField = await upload(customer, { field: 'photo', name: 'a.jpg', type: 'image/jpeg', bytes: photo });
    expect(wrongField.status).toBe(400);
    expect(JSON.stringify(wrongField.body.errors)).toContain('file');
    const json = await api('POST', '/uploads', customer, { file: 'x' });
    expect(json.status).toBe(415);
    // Bodies the multipart parser cannot read are the client's error, never a 500.
    for (const payload of [
      '{}',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
      '--x--',
    ]) {
      const broken = await server.app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'multipart/form-data; boundary=x' },
        payload,
      });
      expect(broken.statusCode, `${payload}: ${broken.body}`).toBe(400);
      expect(broken.headers['content-type']).toContain('application/problem+json');
    }
    const pdf = await upload(customer, { name: 'label.pdf', type: 'application/pdf', bytes: TINY_PDF });
    expect(pdf.status).toBe(201);
    expect(pdf.body.contentType).toBe('application/pdf');
    // Only the PDF is kept: refused files leave nothing on disk.
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('lets only the uploader attach an upload, once; a bad id fails the request and creates nothing', async () => {
    const mine = await upload(customer, { name: 'a.jpg', type: 'image/jpeg', bytes: photo });
    const theirs = await upload(other, { name: 'b.jpg', type: 'image/jpeg', bytes: photo });
    const stolen = await api('POST', '/cases', customer, {
      subject: 'Hi',
      description: 'x',
      attachmentIds: [theirs.body.id],
    });
    expect(stolen.status).toBe(404);
    expect(JSON.stringify(stolen.body.errors)).toContain('attachmentIds');
    expect((await api('GET', '/cases', customer)).body.items).toEqual([]);
    const created = await api('POST', '/cases', customer, {
      subject: 'Hi',
      description: 'x',
      attachmentIds: [mine.body.id],
    });
    expect(created.status).toBe(201);
    const again = await api('POST', `/cases/${created.body.id}/messages`, customer, {
      body: 'again',
      attachmentIds: [mine.body.id],
    });
    expect(again.status).toBe(404);
    const tooMany = await api('POST', `/cases/${created.body.id}/messages`, customer, {
      body: 'six',
      attachmentIds: ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => letter.repeat(22)),
    });
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(tooMany.body.errors)).toContain('attachmentIds');
    // An unattached upload is its uploader's only.
    expect((await download(`/api/v1/attachments/${theirs.body.id}`, other)).statusCode).toBe(200);
    expect((await download(`/api/v1/attachments/${theirs.body.id}`, customer)).statusCode).toBe(404);
    expect((await download(`/api/v1/attachments/${theirs.body.id}`, agent)).statusCode).toBe(404);
  });

  it('keeps an internal note’s files from the customer, and deletes files with their message and unattached ones after a day', async () => {
    const created = await api('POST', '/cases', customer, { subject: 'Broken lamp', description: 'It broke.' });
    const admin = await server.admin();
    const note = await upload(admin, { name: 'note.pdf', type: 'application/pdf', bytes: TINY_PDF });
    const posted = await api('POST', `/cases/${created.body.id}/messages`, admin, {
      body: 'Supplier invoice',
      internal: true,
      attachmentIds: [note.body.id],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body.attachments).toHaveLength(1);
    const url = `/api/v1/attachments/${note.body.id}`;
    expect((await download(url, customer)).statusCode).toBe(404);
    const staff = await download(url, admin);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['content-disposition']).toMatch(/^attachment; filename="note.pdf"/);

    const reply = await upload(customer, { name: 'more.jpg', type: 'image/jpeg', bytes: photo });
    const message = await api('POST', `/cases/${created.body.id}/messages`, customer, {
      body: 'More',
      attachmentIds: [reply.body.id],
    });
    expect(filesOnDisk()).toHaveLength(3); // the PDF, the photo and its thumbnail
    expect((await api('DELETE', `/cases/${created.body.id}/messages/${message.body.id}`, customer)).status).toBe(204);
    expect(filesOnDisk()).toHaveLength(1);
    expect((await download(`/api/v1/attachments/${reply.body.id}`, customer)).statusCode).toBe(404);

    // An account's deletion takes its files (personal data) with it.
    const leaving = await server.signup('Lea');
    const theirs = await upload(leaving, { name: 'mine.jpg', type: 'image/jpeg', bytes: photo });
    expect(filesOnDisk()).toHaveLength(3);
    const deleted = await api('DELETE', '/auth/me', leaving, { password: PASSWORD });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    expect(filesOnDisk()).toHaveLength(1);
    expect((await download(`/api/v1/attachments/${theirs.body.id}`, agent)).statusCode).toBe(404);

    await upload(other, { name: 'forgotten.pdf', type: 'application/pdf', bytes: TINY_PDF });
    expect(filesOnDisk()).toHaveLength(2);
    expect((await sweepUploads(server.ctx, Date.now() + 1_000)).uploads).toBe(0);
    expect((await sweepUploads(server.ctx, Date.now() + 25 * 3_600_000)).uploads).toBe(1);
    expect(filesOnDisk()).toHaveLength(1);
  });
});
