// `npm test`, first step: makes sure a Chromium is there for the browser tests, before lint and the long
// suites. Debian's chromium package when running as root on Debian or Ubuntu, else Playwright's own
// download; CASEFLOW_BROWSER names one to use instead. Says in one line what it does; stops at once,
// with one line naming the fix, when none of these can work.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { findBrowser } from './browser.mjs';

const stop = (message) => {
  console.error(`✗ ${message}`);
  process.exit(1);
};

if (process.env.CASEFLOW_BROWSER) {
  try {
    accessSync(process.env.CASEFLOW_BROWSER, constants.X_OK);
  } catch {
    stop(`CASEFLOW_BROWSER=${process.env.CASEFLOW_BROWSER} is not an executable browser: fix the path or unset it.`);
  }
}
if (findBrowser()) process.exit(0);

// Quiet: this script's own line says what happens; a failure ends in the line naming the fix.
const run = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
const isDebianLike = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

if (isRoot && isDebianLike) {
  console.log("No browser for the browser tests: installing Debian's chromium package (apt-get, about a minute)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'ignore', env }).status === 0;
  if (
    (apt(['install', '-y', '-qq', 'chromium']) ||
      (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']))) &&
    findBrowser()
  )
    process.exit(0);
}
console.log("No browser for the browser tests: downloading Playwright's Chromium (npx playwright install chromium)…");
if (run('npx', ['playwright', 'install', 'chromium']) && findBrowser()) process.exit(0);
stop(
  'No browser for the browser tests and none could be installed: install Chromium (as root: apt-get install chromium), or set CASEFLOW_BROWSER=/path/to/chromium.',
);
