import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const proxyAddress = z.union([
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.enum(['loopback', 'linklocal', 'uniquelocal']),
]);

/**
 * The proxies (load balancers) allowed to tell us the client address in X-Forwarded-For. Unset:
 * none, and per-address throttles count the proxy itself as the client. No hop counts: they
 * cannot check the immediate peer, so a direct client could spoof its address.
 */
const trustProxy = optional.transform((value, ctx): false | string[] => {
  if (value === undefined) return false;
  const addresses = value.split(',').map((address) => address.trim());
  if (addresses.every((address) => proxyAddress.safeParse(address).success)) return addresses;
  ctx.addIssue({
    code: 'custom',
    message: 'must be comma-separated proxy addresses or CIDRs (e.g. 10.0.0.0/8,loopback)',
  });
  return z.NEVER;
});

/** The shops' sites the chat widget may run on (SPEC §14): comma-separated origins, like https://shop.example. */
const widgetOrigins = optional.transform((value, ctx): string[] => {
  if (value === undefined) return [];
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const isOrigin = (origin: string) => URL.canParse(origin) && new URL(origin).origin === origin;
  if (origins.every(isOrigin)) return origins;
  ctx.addIssue({
    code: 'custom',
    message: 'must be comma-separated origins: scheme, host and port only (e.g. https://shop.example)',
  });
  return z.NEVER;
});

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optional.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite database)')
        .optional(),
    ),
    ADMIN_EMAIL: optional.pipe(z.email().optional()),
    ADMIN_PASSWORD: optional.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
    PUBLIC_URL: optional.pipe(z.url().optional()),
    SMTP_URL: optional.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    MAIL_FROM: z.string().default('Caseflow <no-reply@caseflow.local>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    WIDGET_ORIGINS: widgetOrigins,
    WIDGET_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(10),
    TRUST_PROXY: trustProxy,
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    AWAY_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    SECRET_KEY: optional.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'must be at least 32 random bytes in base64 (openssl rand -base64 32)')
        .optional(),
    ),
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(['true', 'false', ''])
      .default('false')
      .transform((value) => value === 'true'),
    NATS_URL: optional.pipe(
      z
        .string()
        .regex(/^(nats|tls):\/\/[^\s]+$/, 'must be a nats:// URL, e.g. nats://127.0.0.1:4222')
        .optional(),
    ),
    WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
    TRIAGE: z.enum(['offline', 'off']).default('offline'),
    TRIAGE_PROVIDER_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TRIAGE_MODEL: optional,
    TRIAGE_PROVIDER_KEY: optional,
    TRIAGE_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together' });
    }
    if (Boolean(env.TRIAGE_PROVIDER_URL) !== Boolean(env.TRIAGE_MODEL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRIAGE_MODEL'],
        message: 'TRIAGE_PROVIDER_URL and TRIAGE_MODEL go together',
      });
    }
  });

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  admin: { email: string; password: string } | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  sessionDays: number;
  /** Sign-in and password-reset throttles (features/accounts/throttle.ts). */
  loginRateLimit: { perAccount: number; perIp: number; windowSeconds: number };
  trustProxy: false | string[];
  /** SPEC §14: the origins the chat widget may run on (the app's own always may: its demo shop). */
  widget: { origins: string[]; startsPerIpPerHour: number };
  shutdownTimeoutSeconds: number;
  awayAfterSeconds: number;
  /** Base64 key that encrypts stored secrets (webhook signing secrets); unset: a key file in dataDir. */
  secretKey: string | undefined;
  /** Lets webhooks reach loopback and private addresses (tests, on-premise); off by default (SSRF). */
  webhookAllowPrivate: boolean;
  natsUrl: string | undefined;
  /** Multiplies the webhook retry schedule (1 = about a day); tests shrink it. */
  webhookRetryScale: number;
  /** SPEC §9: `off` skips triage at intake (benchmarks compare); the optional provider re-triages after. */
  triage: {
    enabled: boolean;
    provider: { url: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Reads every setting once, at boot; fails listing all problems at the same time. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    admin:
      value.ADMIN_EMAIL && value.ADMIN_PASSWORD
        ? { email: value.ADMIN_EMAIL.toLowerCase(), password: value.ADMIN_PASSWORD }
        : undefined,
    publicUrl: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ''),
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    logLevel: value.LOG_LEVEL,
    sessionDays: value.SESSION_DAYS,
    loginRateLimit: {
      perAccount: value.LOGIN_RATE_LIMIT,
      perIp: value.LOGIN_RATE_LIMIT_PER_IP,
      windowSeconds: value.LOGIN_RATE_WINDOW_SECONDS,
    },
    trustProxy: value.TRUST_PROXY,
    widget: { origins: value.WIDGET_ORIGINS, startsPerIpPerHour: value.WIDGET_RATE_LIMIT_PER_IP },
    shutdownTimeoutSeconds: value.SHUTDOWN_TIMEOUT_SECONDS,
    awayAfterSeconds: value.AWAY_AFTER_SECONDS,
    secretKey: value.SECRET_KEY,
    webhookAllowPrivate: value.WEBHOOK_ALLOW_PRIVATE,
    natsUrl: value.NATS_URL,
    webhookRetryScale: value.WEBHOOK_RETRY_SCALE,
    triage: {
      enabled: value.TRIAGE === 'offline',
      provider:
        value.TRIAGE_PROVIDER_URL && value.TRIAGE_MODEL
          ? {
              url: value.TRIAGE_PROVIDER_URL.replace(/\/$/, ''),
              model: value.TRIAGE_MODEL,
              apiKey: value.TRIAGE_PROVIDER_KEY,
              timeoutMs: value.TRIAGE_PROVIDER_TIMEOUT_MS,
            }
          : undefined,
    },
  };
}

/** For entry points (server, scripts): reads `.env` if present, then the environment; exits listing every problem. */
export function loadConfigOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
