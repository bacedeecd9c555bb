import { type APIRequestContext, expect, type Page, request } from '@playwright/test';
import { ADMIN } from '../playwright.config';

export const PASSWORD = 'E2e-pass-12345';
let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${++counter}@e2e.test`;

/** Talks to the API directly (bearer tokens) to set the stage fast; the browser does the part under test. */
export class Api {
  private constructor(
    private readonly http: APIRequestContext,
    readonly token: string,
    readonly userId: number,
  ) {}

  static async login(baseURL: string, email: string, password: string) {
    const http = await request.newContext({ baseURL });
    const reply = await http.post('/api/v1/auth/login', { data: { email, password } });
    expect(reply.status(), `login ${email}`).toBe(200);
    const body = await reply.json();
    return new Api(http, body.token, body.user.id);
  }

  static admin(baseURL: string) {
    return Api.login(baseURL, ADMIN.email, ADMIN.password);
  }

  static async signup(baseURL: string, name: string) {
    const http = await request.newContext({ baseURL });
    const email = uniqueEmail('customer');
    const reply = await http.post('/api/v1/auth/signup', { data: { email, password: PASSWORD, name } });
    expect(reply.status()).toBe(201);
    const body = await reply.json();
    return Object.assign(new Api(http, body.token, body.user.id), { email });
  }

  async call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, data?: unknown) {
    const reply = await this.http.fetch(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}` },
      ...(data === undefined ? {} : { data }),
    });
    const text = await reply.text();
    return { status: reply.status(), body: text ? JSON.parse(text) : undefined };
  }

  /** Sends every current agent away so a test decides who is free. */
  /** Every page of GET /agents: the specs share one server, so agents pile up across them. */
  async sendEveryAgentAway() {
    let cursor: string | null = null;
    do {
      const page = await this.call('GET', `/agents?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      for (const agent of page.body.items) {
        if (agent.availability === 'available')
          await this.call('PATCH', `/agents/${agent.id}`, { availability: 'away' });
      }
      cursor = page.body.nextCursor;
    } while (cursor);
  }

  reportCase(subject: string) {
    return this.call('POST', '/cases', {
      subject,
      description: `${subject}: details`,
      reason: 'damaged',
      desiredOutcome: 'refund',
    });
  }
}

export async function signInThroughUi(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/Signed in as/)).toBeVisible();
}
