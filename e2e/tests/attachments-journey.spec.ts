import { crc32, deflateSync } from 'node:zlib';
import { expect, type Locator, test } from '@playwright/test';
import { expectNoSeriousViolationsHere } from './axe';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

// An axe run on a busy 2-core machine takes seconds.
test.describe.configure({ timeout: 90_000 });

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, checksum]);
}

/** A real PNG (8-bit RGB, a colour gradient) the server must recognise by its bytes and thumbnail. */
function gradientPng(width: number, height: number) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB; compression, filter and interlace stay 0
  const stride = width * 3 + 1;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none).
    for (let x = 0; x < width; x++) pixels.set([x * 4, y * 5, 160], y * stride + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 0 until the image has loaded and decoded, and for one the browser refused or could not decode. */
const naturalWidthOf = (image: Locator) =>
  image.evaluate((element) => {
    const loaded = element as HTMLImageElement;
    return loaded.complete ? loaded.naturalWidth : 0;
  });

test('a customer reports a case with a photo, and the agent sees its thumbnail', async ({ browser, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  const agentEmail = uniqueEmail('photo-agent');
  const added = await admin.call('POST', '/agents', {
    email: agentEmail,
    name: 'Pia Photo',
    password: PASSWORD,
    capacity: 50,
  });
  expect(added.status).toBe(201);
  const customer = await Api.signup(baseURL!, 'Paula Photo');

  const page = await (await browser.newContext()).newPage();
  await signInThroughUi(page, customer.email, PASSWORD);
  await page.goto('/cases/new');
  await page.getByLabel('Subject').fill('Jug arrived cracked');
  await page.getByLabel('What happened?').fill('The glass jug has a crack down the side, see the photo.');
  const fileInput = page.locator('input[type=file]');
  const files = page.getByRole('list', { name: 'Files to send' });

  // Named and typed as a PNG, but text: the server judges by the bytes, and the form says why on the file.
  await fileInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await expect(files.getByText('The file is not a JPEG, PNG, WebP or HEIC image or a PDF')).toBeVisible();

  await fileInput.setInputFiles({ name: 'cracked-jug.png', mimeType: 'image/png', buffer: gradientPng(64, 48) });
  const preview = files.getByRole('img', { name: 'Preview of cracked-jug.png' });
  await expect(preview).toBeVisible();
  // Shown under the page's Content-Security-Policy, not blocked into a broken-image box.
  await expect.poll(() => naturalWidthOf(preview)).toBeGreaterThan(0);
  await expect(files.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Report case' })).toBeEnabled();
  await expectNoSeriousViolationsHere(page, 'new case with an attachment and a refused file');

  await files.getByRole('button', { name: 'Remove notes.png' }).click();
  await expect(files.getByText('notes.png')).toHaveCount(0);
  await page.getByRole('button', { name: 'Report case' }).click();
  await expect(page.getByRole('heading', { name: /C-\d+ Jug arrived cracked/ })).toBeVisible();
  const caseId = new URL(page.url()).pathname.split('/').at(-1);
  await expect(page.getByRole('img', { name: 'cracked-jug.png', exact: true })).toBeVisible();

  const agentPage = await (await browser.newContext()).newPage();
  await signInThroughUi(agentPage, agentEmail, PASSWORD);
  await agentPage.goto(`/cases/${caseId}`);
  const opening = agentPage.getByLabel('Message from Paula Photo');
  await expect(opening.getByText('The glass jug has a crack down the side')).toBeVisible();
  const thumbnail = opening.getByRole('img', { name: 'cracked-jug.png', exact: true });
  await expect(thumbnail).toBeVisible();
  await expect(thumbnail).toHaveAttribute('src', /^\/api\/v1\/attachments\/[\w-]+\?thumb=1$/);
  // Loaded and decoded with the agent's session cookie, not a broken-image box.
  await expect.poll(() => naturalWidthOf(thumbnail)).toBeGreaterThan(0);

  await expectNoSeriousViolationsHere(agentPage, 'case page with a photo');

  const link = agentPage.getByRole('link', { name: /cracked-jug\.png/ });
  await expect(link).toHaveAttribute('target', '_blank');
  const original = await agentPage.request.get(String(await link.getAttribute('href')));
  expect(original.status()).toBe(200);
  expect(original.headers()['content-type']).toBe('image/png');
  expect((await original.body()).equals(gradientPng(64, 48))).toBe(true);
});
