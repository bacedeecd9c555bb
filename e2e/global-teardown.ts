import { rmSync } from 'node:fs';

/** Removes the server's data directory made by playwright.config.ts once every test has run. */
export default function removeDataDir() {
  const dataDir = process.env.CASEFLOW_E2E_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
