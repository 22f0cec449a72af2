import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './core/errors';
import { isLang, type Lang } from './core/language/languages';
import { PROJECT_ROOT } from './projectRoot';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  localesDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Days a user's data is kept after their last message. */
  retentionDays: number;
  defaultLanguage: Lang;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  botFramework: { appId: string; appPassword: string; appType: string; tenantId: string };
  /** Enabled when TELEGRAM_BOT_TOKEN is set. */
  telegram?: { token: string; webhookSecret?: string; apiBaseUrl: string; mode: 'webhook' | 'polling'; publicUrl?: string };
  /** Enabled when the WhatsApp credentials are set. */
  whatsapp?: {
    accessToken: string;
    appSecret: string;
    verifyToken: string;
    phoneNumberId: string;
    apiBaseUrl: string;
    apiVersion: string;
    /** The approved template that reopens the 24-hour window after a mediator answered. */
    handoffTemplate?: { name: string; languages: Record<Lang, string> };
  };
  /** Whether the console's cookie needs HTTPS (set false only for plain-HTTP local trials). */
  secureCookies: boolean;
  /** The labelled messages editors' changes are checked against (test/eval of the install). */
  evalDir: string;
}

/** WhatsApp's language codes where they differ from ours; override with WHATSAPP_HANDOFF_TEMPLATE_LANGUAGES. */
const TEMPLATE_LANGUAGES: Record<Lang, string> = { it: 'it', en: 'en', fr: 'fr', es: 'es', ar: 'ar', uk: 'uk', zh: 'zh_CN', sq: 'sq', ur: 'ur', bn: 'bn' };



const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}, got "${value}"` });
        return z.NEVER;
      }
      return number;
    });

const schema = z.object({
  PORT: integer('PORT', 0, 65535, 3978),
  HOST: z.string().optional(),
  DATA_DIR: z.string().optional(),
  KNOWLEDGE_DIR: z.string().optional(),
  LOCALES_DIR: z.string().optional(),
  EVAL_DIR: z.string().optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
    .optional(),
  RETENTION_DAYS: integer('RETENTION_DAYS', 1, 3650, 30),
  DEFAULT_LANGUAGE: z
    .string()
    .optional()
    .refine((value) => value === undefined || isLang(value), 'DEFAULT_LANGUAGE must be one of it, en, fr, es, ar, uk, zh, sq, ur, bn'),
  MAX_BODY_BYTES: integer('MAX_BODY_BYTES', 1024, 50_000_000, 256 * 1024),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI' }).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'TELEGRAM_BOT_TOKEN must look like 123456:ABC-... (from @BotFather)').optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'TELEGRAM_WEBHOOK_SECRET must be 16-256 letters, digits, _ or -').optional(),
  TELEGRAM_API_BASE_URL: z.string().url('TELEGRAM_API_BASE_URL must be a URL').optional(),
  TELEGRAM_MODE: z.enum(['webhook', 'polling'], { message: 'TELEGRAM_MODE must be webhook or polling' }).optional(),
  PUBLIC_URL: z.string().regex(/^https:\/\//, 'PUBLIC_URL must be an https:// URL (Telegram and WhatsApp only call https webhooks)').optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().optional(),
  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'WHATSAPP_PHONE_NUMBER_ID must be the numeric id from the WhatsApp Manager').optional(),
  WHATSAPP_API_BASE_URL: z.string().url('WHATSAPP_API_BASE_URL must be a URL').optional(),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'WHATSAPP_API_VERSION must look like v21.0').optional(),
  WHATSAPP_HANDOFF_TEMPLATE: z.string().regex(/^[a-z0-9_]{1,512}$/, 'WHATSAPP_HANDOFF_TEMPLATE must be a template name (lowercase letters, digits, _)').optional(),
  WHATSAPP_HANDOFF_TEMPLATE_LANGUAGES: z
    .string()
    .regex(/^([a-z]{2}=[A-Za-z_]{2,6})(,[a-z]{2}=[A-Za-z_]{2,6})*$/, 'WHATSAPP_HANDOFF_TEMPLATE_LANGUAGES must look like it=it,en=en_US,zh=zh_CN')
    .optional(),
  CONSOLE_SECURE_COOKIES: z.enum(['true', 'false'], { message: 'CONSOLE_SECURE_COOKIES must be true or false' }).optional(),
});

/**
 * Reads the configuration once, from the environment, and lists every problem at once, each naming its
 * variable, so a bad deployment fails at start-up with a message a person can act on.
 *
 * @example loadConfig(process.env) // throws ConfigError(['PORT must be a whole number from 0 to 65535, got "abc"'])
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  const e = parsed.data;
  const problems: string[] = [];
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword must be set when MicrosoftAppId is set');
  }
  const whatsapp = ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'] as const;
  const setWhatsApp = whatsapp.filter((name) => e[name]);
  if (setWhatsApp.length > 0 && setWhatsApp.length < whatsapp.length) {
    problems.push(`WhatsApp needs all of ${whatsapp.join(', ')}; missing: ${whatsapp.filter((name) => !e[name]).join(', ')}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, e.DATA_DIR ?? 'data'),
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR ?? path.join(PROJECT_ROOT, 'knowledge')),
    localesDir: path.resolve(cwd, e.LOCALES_DIR ?? path.join(PROJECT_ROOT, 'locales')),
    logLevel: e.LOG_LEVEL ?? 'info',
    retentionDays: e.RETENTION_DAYS,
    defaultLanguage: (e.DEFAULT_LANGUAGE as Lang | undefined) ?? 'it',
    maxBodyBytes: e.MAX_BODY_BYTES,
    botFramework: {
      appId: e.MicrosoftAppId ?? '',
      appPassword: e.MicrosoftAppPassword ?? '',
      appType: e.MicrosoftAppType ?? 'MultiTenant',
      tenantId: e.MicrosoftAppTenantId ?? '',
    },
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          apiBaseUrl: e.TELEGRAM_API_BASE_URL ?? 'https://api.telegram.org',
          mode: e.TELEGRAM_MODE ?? 'webhook',
          publicUrl: e.PUBLIC_URL,
        }
      : undefined,
    whatsapp:
      setWhatsApp.length === whatsapp.length
        ? {
            accessToken: e.WHATSAPP_ACCESS_TOKEN!,
            appSecret: e.WHATSAPP_APP_SECRET!,
            verifyToken: e.WHATSAPP_VERIFY_TOKEN!,
            phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID!,
            apiBaseUrl: e.WHATSAPP_API_BASE_URL ?? 'https://graph.facebook.com',
            apiVersion: e.WHATSAPP_API_VERSION ?? 'v21.0',
            handoffTemplate: e.WHATSAPP_HANDOFF_TEMPLATE
              ? { name: e.WHATSAPP_HANDOFF_TEMPLATE, languages: templateLanguages(e.WHATSAPP_HANDOFF_TEMPLATE_LANGUAGES) }
              : undefined,
          }
        : undefined,
    // Browsers keep Secure cookies from plain-HTTP localhost too; behind a proxy without TLS, set false.
    secureCookies: e.CONSOLE_SECURE_COOKIES !== 'false',
    evalDir: path.resolve(cwd, e.EVAL_DIR ?? path.join(PROJECT_ROOT, 'test', 'eval')),
  });
}

function templateLanguages(overrides: string | undefined): Record<Lang, string> {
  const languages = { ...TEMPLATE_LANGUAGES };
  for (const pair of overrides?.split(',') ?? []) {
    const [lang, code] = pair.split('=');
    if (isLang(lang)) languages[lang] = code;
  }
  return languages;
}
