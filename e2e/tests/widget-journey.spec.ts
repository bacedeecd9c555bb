import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { SHOP_ORIGIN } from '../playwright.config';
import { Api, PASSWORD, uniqueEmail } from './support';

// A shop's own site on another origin: SHOP_ORIGIN is listed in WIDGET_ORIGINS (playwright.config.ts),
// the other one is not. Both serve the same page, which embeds the widget from the Caseflow server.
const shopPage = (caseflow: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fern &amp; Flint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>button { all: unset; } * { font-size: 30px; color: purple; }</style></head>
<body><main><h1>Fern &amp; Flint</h1><p>Camping gear.</p></main>
<script src="${caseflow}/widget.js" data-caseflow defer></script></body></html>`;

let servers: Server[] = [];
let unlistedOrigin = '';

function serveShop(caseflow: string, port: number) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(shopPage(caseflow));
  });
  servers.push(server);
  return new Promise<string>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

test.beforeAll(async ({ baseURL }) => {
  await serveShop(baseURL!, Number(new URL(SHOP_ORIGIN).port));
  unlistedOrigin = await serveShop(baseURL!, 0);
});
test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

async function openWidget(page: Page, origin: string) {
  await page.goto(origin);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  return page.getByRole('dialog', { name: 'Chat with us' });
}

async function startChat(page: Page, name: string, email: string, message: string) {
  const panel = await openWidget(page, SHOP_ORIGIN);
  await expect(panel.getByLabel('Your name')).toBeFocused();
  await panel.getByLabel('Your name').fill(name);
  await panel.getByLabel('Email').fill(email);
  await panel.getByLabel('How can we help?').fill(message);
  await panel.getByRole('button', { name: 'Start chat' }).click();
  await expect(panel.getByText(/^Case C-\d+/)).toBeVisible();
  return panel;
}

async function expectNoSeriousViolationsInWidget(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).include('caseflow-widget').analyze();
  const serious = results.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''));
  expect(serious.map((violation) => `${label}: ${violation.id} ${violation.nodes.map((node) => node.target)}`)).toEqual(
    [],
  );
}

test('a visitor on a listed shop chats with an agent, live, and keeps the chat across a reload', async ({
  page,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  await admin.sendEveryAgentAway();
  const agentEmail = uniqueEmail('widget-agent');
  await admin.call('POST', '/agents', { email: agentEmail, name: 'Wren Widget', password: PASSWORD, capacity: 50 });
  const agent = await Api.login(baseURL!, agentEmail, PASSWORD);

  const panel = await startChat(
    page,
    'Robin <b>Guest</b>',
    uniqueEmail('widget-guest'),
    'My tent arrived with a torn seam on the fly sheet, order 48213. Can I get a replacement?',
  );
  await expectNoSeriousViolationsInWidget(page, 'conversation');
  // The name was shown as typed, never as markup.
  await expect(panel.getByText('Robin <b>Guest</b>', { exact: false }).first()).toBeVisible();
  const caseLine = await panel.getByText(/^Case C-\d+/).textContent();
  const number = caseLine!.match(/C-\d+/)![0];

  // The case went through intake as any other: assigned to the one available agent.
  let caseId: number | undefined;
  await expect(async () => {
    const mine = await agent.call('GET', '/cases?assignee=me');
    caseId = mine.body.items.find((item: { number: string }) => item.number === number)?.id;
    expect(caseId).toBeDefined();
  }).toPass({ timeout: 10_000 });
  await expect(panel.getByText(/Wren Widget is helping you/)).toBeVisible();

  // The agent's reply arrives over the socket: no reload, no poll.
  const reply = await agent.call('POST', `/cases/${caseId}/messages`, {
    body: 'Sorry about that! A new fly sheet is on its way.',
  });
  expect(reply.status).toBe(201);
  await expect(panel.getByText('A new fly sheet is on its way.', { exact: false })).toBeVisible({ timeout: 5_000 });

  await panel.getByLabel('Your message').fill('Thank you, that was quick.');
  await panel.getByLabel('Your message').press('Enter');
  await expect(panel.getByText('Thank you, that was quick.')).toBeVisible();
  await expect(async () => {
    const messages = await agent.call('GET', `/cases/${caseId}/messages`);
    expect(messages.body.items.map((message: { body: string }) => message.body)).toContain(
      'Thank you, that was quick.',
    );
  }).toPass({ timeout: 5_000 });

  // A reload in the same browser comes back to the same conversation, panel open.
  await page.reload();
  const again = page.getByRole('dialog', { name: 'Chat with us' });
  await expect(again.getByText(number, { exact: false })).toBeVisible();
  await expect(again.getByText('A new fly sheet is on its way.', { exact: false })).toBeVisible();
  await expect(again.getByText('Thank you, that was quick.')).toBeVisible();
});

test('with nobody available the widget says so, and the message still becomes a case', async ({ page, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  await admin.sendEveryAgentAway();
  const panel = await openWidget(page, SHOP_ORIGIN);
  await expect(panel.getByText(/No one is available right now/)).toBeVisible();
  await expectNoSeriousViolationsInWidget(page, 'start form');
  await panel.getByRole('button', { name: 'Start chat' }).click();
  await expect(panel.getByText('Enter your name.')).toBeVisible();
  await expect(panel.getByLabel('Your name')).toBeFocused();
  await expectNoSeriousViolationsInWidget(page, 'form errors');

  await panel.getByLabel('Your name').fill('Quinn Queue');
  await panel.getByLabel('Email').fill(uniqueEmail('widget-queued'));
  await panel.getByLabel('How can we help?').fill('Where is my parcel? It has been ten days.');
  await panel.getByRole('button', { name: 'Start chat' }).click();
  const caseLine = panel.getByText(/^Case C-\d+$/);
  await expect(caseLine).toBeVisible();
  await expect(panel.getByText(/No one is available right now/)).toBeVisible();
  const number = (await caseLine.textContent())!;
  const queued = await admin.call('GET', '/cases?status=new&limit=100');
  expect(queued.body.items.map((item: { number: string }) => `Case ${item.number}`)).toContain(number);
});

test('fits a 360 px wide phone and closes with Escape back to its launcher', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const panel = await openWidget(page, SHOP_ORIGIN);
  // Measured once its rise-in animation is over: the whole screen, nothing outside it.
  await expect(panel).toHaveCSS('opacity', '1');
  await expect
    .poll(async () => {
      const box = await panel.boundingBox();
      return box && [box.x, box.y, box.x + box.width, box.y + box.height].map(Math.round);
    })
    .toEqual([0, 0, 360, 640]);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Chat with us' })).toBeFocused();
});

test('refuses a site that is not listed, and creates nothing from it', async ({ page, baseURL, request }) => {
  const panel = await openWidget(page, unlistedOrigin);
  await expect(panel.getByText('This chat is not available on this site.')).toBeVisible();
  await expect(panel.getByLabel('Your name')).toHaveCount(0);

  // The page's own script tries anyway: the API and the socket both refuse it.
  const email = uniqueEmail('widget-unlisted');
  const attempt = await page.evaluate(
    async ({ caseflow, email }) => {
      // Its preflight is refused, so the browser does not even send the POST.
      const status = await fetch(`${caseflow}/api/v1/widget/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Mallory', email, message: 'Let me in' }),
      }).then(
        (response) => response.status,
        () => 'refused',
      );
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${caseflow.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
        ws.onmessage = (event) => {
          const data = String(event.data);
          if (data.startsWith('0')) ws.send('40{"guestToken":"a-token-from-anywhere"}');
          if (data.startsWith('44') || data.startsWith('40{"sid"')) resolve(data);
        };
        ws.onerror = () => resolve('error');
        ws.onclose = () => resolve('closed');
      });
      return { status, socket };
    },
    { caseflow: baseURL!, email },
  );
  expect(attempt.status).toBe('refused');
  // Refused for the site, before the token is even looked at (a bad token says 'unauthenticated').
  expect(attempt.socket).toBe('44{"message":"forbidden"}');
  // No guest was made: the address signs up as new (a guest's address would get a 409 and a link).
  const signup = await request.post('/api/v1/auth/signup', { data: { email, password: PASSWORD, name: 'Mallory' } });
  expect(signup.status()).toBe(201);
});

test('the demo shop at /demo/shop shows the widget whatever its own styles say', async ({ page }) => {
  await page.goto('/demo/shop');
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const panel = page.getByRole('dialog', { name: 'Chat with us' });
  // The page hides every [role=dialog] and resets every button: none of it reaches into the widget.
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Start chat' })).toHaveCSS('cursor', 'pointer');
  await expectNoSeriousViolationsInWidget(page, 'demo shop');
});
