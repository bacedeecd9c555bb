// Uploads (SPEC §12): 20 concurrent 10 MB photo uploads, in rounds; the server's peak RSS must stay
// ≤ 300 MB (files are streamed to disk, never held whole) and the throughput is recorded. The photo is a
// real JPEG of about 10 MB (camera-sized noise), so each upload also makes its thumbnail.
// Usage: npx tsx bench/uploads.ts [--concurrent 20] [--rounds 3] [--json]
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { samplePeakRss } from './lib/process-stats.js';
import { api, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    concurrent: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const concurrent = Number(values.concurrent);
const rounds = Number(values.rounds);

const photo = await sharp({
  create: {
    width: 4200,
    height: 3200,
    channels: 3,
    background: '#808080',
    noise: { type: 'gaussian', mean: 128, sigma: 50 },
  },
})
  .jpeg({ quality: 92 })
  .toBuffer();
const limit = 10 * 1024 * 1024;
const file = photo.length > limit ? photo.subarray(0, limit) : photo;

const server = await startServer({});
try {
  const customer = await api<{ token: string }>(server.url, 'POST', '/auth/signup', {
    body: { email: 'uploader@bench.test', password: 'Bench-uploader-1', name: 'Uploader' },
  });
  const upload = async () => {
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'image/jpeg' }), 'photo.jpg');
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.token}` },
      body: form,
    });
    await response.text();
    if (response.status !== 201) throw new Error(`upload: ${response.status}`);
    return performance.now() - started;
  };
  await upload(); // warm-up
  const stopSampling = samplePeakRss(server.child.pid, 50);
  const times: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++)
    times.push(...(await Promise.all(Array.from({ length: concurrent }, upload))));
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = stopSampling();
  times.sort((a, b) => a - b);
  const count = concurrent * rounds;
  const figures = {
    concurrent,
    uploads: count,
    fileMb: Math.round((file.length / 1024 / 1024) * 100) / 100,
    uploadsPerSecond: Math.round((count / seconds) * 10) / 10,
    megabytesPerSecond: Math.round(((count * file.length) / 1024 / 1024 / seconds) * 10) / 10,
    p50Ms: Math.round(times[Math.floor(count / 2)] ?? 0),
    p95Ms: Math.round(times[Math.floor(count * 0.95)] ?? 0),
    peakRssMb,
  };
  if (values.json) console.log(JSON.stringify(figures));
  else console.table(figures);
} finally {
  await server.stop();
}
