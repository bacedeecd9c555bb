import { expect, type Page, request, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { Api, PASSWORD, signInThroughUi } from './support';

/** The Content-Security-Policy must hold in a real browser: a page that breaks it logs a violation. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (report: string) => violations.push(report));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      const source = event.sourceFile ? ` (${event.sourceFile.replace(location.origin, '')}:${event.lineNumber})` : '';
      report(`${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${source}`);
    });
  });
  return violations;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

test('public pages and the API docs run under their Content-Security-Policy', async ({ page }) => {
  const violations = await watchCsp(page);
  for (const path of ['/login', '/signup', '/forgot-password', '/reset-password?token=x']) await visit(page, path);
  await page.goto('/api/docs/');
  await expect(page.getByText('Caseflow API').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
});

test('customer pages run under the Content-Security-Policy', async ({ page, baseURL }) => {
  const violations = await watchCsp(page);
  const customer = await Api.signup(baseURL!, 'Csp Customer');
  const created = await customer.reportCase('Policy check');
  await signInThroughUi(page, customer.email, PASSWORD);
  for (const path of ['/cases', '/cases/new', `/cases/${created.body.id}`, '/account']) await visit(page, path);
  expect(violations).toEqual([]);
});

test('admin and agent pages, with charts and the realtime socket, run under the Content-Security-Policy', async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await signInThroughUi(page, ADMIN.email, ADMIN.password);
  for (const path of ['/admin/dashboard', '/admin/agents', '/admin/cases', '/admin/mail', '/queue'])
    await visit(page, path);
  expect(violations).toEqual([]);
});

test('pages and API answers carry the security headers', async ({ baseURL }) => {
  const admin = await Api.admin(baseURL!);
  const http = await request.newContext({ baseURL });
  const page = await http.get('/');
  const api = await http.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${admin.token}` } });
  expect(page.status()).toBe(200);
  expect(api.status()).toBe(200);
  for (const response of [page, api]) {
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  }
  await http.dispose();
});

test('CORS is closed: another origin cannot read the API, even with the session cookie', async ({ page, baseURL }) => {
  const http = await request.newContext({ baseURL });
  const evil = 'https://evil.example';
  const preflight = await http.fetch('/api/v1/cases', {
    method: 'OPTIONS',
    headers: { origin: evil, 'access-control-request-method': 'POST' },
  });
  const simple = await http.get('/api/v1/auth/me', { headers: { origin: evil } });
  for (const response of [preflight, simple]) {
    expect(response.headers()['access-control-allow-origin']).toBeUndefined();
    expect(response.headers()['access-control-allow-credentials']).toBeUndefined();
  }
  await http.dispose();

  // A signed-in browser visits another site, whose script tries to read the API with the cookie.
  await signInThroughUi(page, ADMIN.email, ADMIN.password);
  await page.route('http://evil.test/', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Evil</h1>' }));
  await page.goto('http://evil.test/');
  const outcome = await page.evaluate(async (target) => {
    try {
      const response = await fetch(`${target}/api/v1/auth/me`, { credentials: 'include' });
      return `read ${response.status}`;
    } catch (error) {
      return `blocked: ${(error as Error).name}`;
    }
  }, baseURL!);
  expect(outcome).toBe('blocked: TypeError');
});
