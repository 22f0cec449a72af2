import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { loadConfig } from './config';
import { LANGUAGES } from './core/language/languages';
import { ConfigError, KnowledgeError, PonteError } from './core/errors';
import { createLogger } from './logger';
import { loadLocales, personIntent } from './i18n';
import { KnowledgeStore } from './knowledge/knowledgeStore';
import { DataDirLock } from './storage/dataDirLock';
import { repairSharedInbox } from './storage/repairSharedInbox';
import { LowdbStorage } from './storage/lowdbStorage';
import { PseudonymousStorage } from './storage/pseudonymousStorage';
import { loadOrCreateKey } from './storage/secretKey';
import { createPonteBot } from './ponte';
import { createTurnErrorHandler } from './bot/onTurnError';
import { createServer, type Webhooks } from './server';
import { langFromLocale } from './core/language/languages';
import { ChatQueue } from './channels/base/chatQueue';
import { ProcessedUpdates } from './channels/base/processedUpdates';
import { Recipients } from './channels/base/recipients';
import { ButtonIds } from './channels/base/buttonIds';
import type { ChannelBase } from './channels/base/channelAdapter';
import { TelegramApi } from './channels/telegram/telegramApi';
import { TelegramAdapter } from './channels/telegram/telegramAdapter';
import { TelegramPoller } from './channels/telegram/telegramPolling';
import { handleTelegramWebhook } from './channels/telegram/telegramWebhook';
import { WhatsAppApi } from './channels/whatsapp/whatsappApi';
import { WhatsAppAdapter } from './channels/whatsapp/whatsappAdapter';
import { DeliveryStatuses } from './channels/whatsapp/deliveryStatuses';
import { handleWhatsAppWebhook, verifyWhatsAppWebhook } from './channels/whatsapp/whatsappWebhook';
import { loadMunicipalityAliases, lombardyMunicipalities } from './knowledge/municipalities';
import { warmRecognizers } from './core/routing/routingWords';
import { PROJECT_ROOT } from './projectRoot';
import { EscalationStore } from './storage/escalationStore';
import { UserStore } from './storage/userStore';
import { SealedBox } from './storage/sealedBox';
import { HandoffService } from './handoff/handoffService';
import { BotFrameworkSender, ChannelOutbox } from './handoff/channelOutbox';
import { handoffMessages } from '../dialogs/handoffMessages';
import { mountConsole } from './console/consoleRoutes';
import { Accounts } from './console/accounts';
import { Sessions } from './console/sessions';
import { LoginLimiter } from './console/loginLimiter';
import { mountWorkspace } from './console/workspaceRoutes';
import { consoleHttp } from './console/consoleHttp';
import { KnowledgeVersions } from './storage/knowledgeVersions';
import { QuestionInboxStore } from './storage/questionInbox';
import { TurnFigures } from './storage/turnFigures';
import { ConversationMemory } from './storage/conversationMemory';
import { KnowledgeWorkspace } from './editors/knowledgeWorkspace';
import { QuestionInbox } from './editors/questionInbox';
import { evaluationLines } from './editors/evaluationLines';
import type { IntentPhrasings } from './core/retrieval/knowledgeIndex';
import type { KnowledgeEntry } from './core/knowledge/types';
import type { Logger } from 'pino';

const RETENTION_SWEEP_MS = 6 * 60 * 60 * 1000;
/** Unanswered questions hold no identity; the inbox looks back 90 days at most. */
const INBOX_DAYS = 90;

/**
 * Editors' versions that no longer fit the shipped files (a new release added the same question
 * variant, say) must not keep the server from starting: it starts on the shipped knowledge and says so.
 */
async function loadKnowledge(dir: string, intents: IntentPhrasings[], overlay: KnowledgeEntry[], logger: Logger) {
  try {
    return await KnowledgeStore.load(dir, intents, overlay);
  } catch (error) {
    if (!(error instanceof KnowledgeError) || overlay.length === 0) throw error;
    logger.error({ event: 'editorVersionsRejected', problems: error.problems }, 'the editors\' published versions do not validate against the shipped knowledge; serving the shipped knowledge');
    return KnowledgeStore.load(dir, intents);
  }
}

/** The composition root: reads the configuration, builds every part and connects them. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  const config = loadConfig(env);
  if (config.telegram?.mode === 'webhook' && !config.telegram.webhookSecret) {
    throw new ConfigError(['TELEGRAM_WEBHOOK_SECRET must be set in webhook mode (`npx ponte telegram set-webhook` makes one), or set TELEGRAM_MODE=polling']);
  }
  const logger = createLogger(config.logLevel);
  const lock = DataDirLock.acquire(config.dataDir);
  // Every store opened, to write and release at the end (or when start-up fails half-way).
  const stores: { close(): Promise<void> }[] = [];
  const opened = <S extends { close(): Promise<void> }>(store: S): S => (stores.push(store), store);
  const closeStores = () => Promise.all(stores.splice(0).map((store) => store.close()));
  try {
    const repaired = await repairSharedInbox(config.dataDir);
    if (repaired) logger.warn({ event: 'inboxRepaired', ...repaired }, 'the shared inbox/ folder of an earlier version was split into processed-updates/ and unanswered-questions/');
    const locales = loadLocales(config.localesDir);
    // The shipped knowledge, with the versions editors published on top.
    const versions = opened(await KnowledgeVersions.open(config.dataDir));
    const { store: knowledge, warnings } = await loadKnowledge(config.knowledgeDir, [personIntent(locales.commands)], versions.published(), logger);
    if (warnings.length) logger.warn({ event: 'knowledgeWarnings', count: warnings.length }, 'knowledge loaded with warnings (run `npx ponte kb check`)');
    const workspace = new KnowledgeWorkspace({ knowledge, versions, evaluation: evaluationLines(config.evalDir) });
    const inbox = new QuestionInbox({ store: opened(await QuestionInboxStore.open(config.dataDir)), knowledge: () => knowledge.current(), workspace });
    const figures = opened(await TurnFigures.open(config.dataDir));
    const state = opened(await LowdbStorage.open(config.dataDir));
    const pseudonymKey = loadOrCreateKey(config.dataDir);
    const memory = opened(await ConversationMemory.open(config.dataDir, pseudonymKey));
    // The channels' delivery records (what was answered, who blocked the bot), erased with the person.
    const base: ChannelBase = {
      queue: new ChatQueue(),
      processed: opened(await ProcessedUpdates.open(config.dataDir, pseudonymKey)),
      recipients: opened(await Recipients.open(config.dataDir, pseudonymKey)),
      logger,
    };
    // Channels first: the hand-off sends operators' replies through them; the bot starts hand-offs.
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.botFramework.appId,
        MicrosoftAppPassword: config.botFramework.appPassword,
        MicrosoftAppType: config.botFramework.appType,
        MicrosoftAppTenantId: config.botFramework.tenantId,
      }),
    );
    const buttons = opened(await ButtonIds.open(config.dataDir));
    const whatsappStatuses = config.whatsapp ? opened(await DeliveryStatuses.open(config.dataDir)) : undefined;
    const telegramApi = config.telegram ? new TelegramApi({ token: config.telegram.token, baseUrl: config.telegram.apiBaseUrl }) : undefined;
    const telegram = telegramApi ? new TelegramAdapter(base, telegramApi, buttons) : undefined;
    const wa = config.whatsapp;
    const whatsappApi = wa ? new WhatsAppApi({ accessToken: wa.accessToken, phoneNumberId: wa.phoneNumberId, baseUrl: wa.apiBaseUrl, version: wa.apiVersion }) : undefined;
    const whatsapp = whatsappApi
      ? new WhatsAppAdapter(base, whatsappApi, buttons, whatsappStatuses!, (lang) => locales.t(langFromLocale(lang) ?? config.defaultLanguage, 'choices.open'))
      : undefined;

    const escalations = opened(await EscalationStore.open(config.dataDir));
    const users = await UserStore.open(config.dataDir);
    const handoff = new HandoffService({
      store: escalations,
      seal: new SealedBox(pseudonymKey, 'reply-to'),
      outbox: new ChannelOutbox(
        { ...(telegram ? { telegram } : {}), ...(whatsapp ? { whatsapp } : {}) },
        new BotFrameworkSender(adapter, config.botFramework.appId),
        whatsapp ? { sender: whatsapp, template: wa?.handoffTemplate } : undefined,
      ),
      messages: handoffMessages(locales.t),
      desks: () => knowledge.current().desks,
      operators: () => users.cached(),
    });

    const { bot, conversationState } = createPonteBot({
      knowledge: () => knowledge.current(),
      locales,
      storage: new PseudonymousStorage(state, pseudonymKey),
      pseudonymKey,
      defaultLanguage: config.defaultLanguage,
      retentionDays: config.retentionDays,
      logger,
      municipalities: lombardyMunicipalities(),
      municipalityAliases: loadMunicipalityAliases(config.knowledgeDir),
      handoff,
      inbox,
      figures,
      memory,
      onErase: async (channel, chatId) => {
        await base.processed.forget(channel, chatId);
        await base.recipients.forget(channel, chatId);
      },
    });
    const onTurnError = createTurnErrorHandler({ logger, t: locales.t, conversationState });
    adapter.onTurnError = onTurnError;
    const logic = (context: TurnContext) => bot.run(context);

    // Channels: each enabled when its credentials are set.
    const webhooks: Webhooks = {};
    const channels: string[] = ['botframework'];
    const closers: (() => Promise<void> | void)[] = [];
    let poller: TelegramPoller | undefined;
    if (config.telegram && telegram && telegramApi) {
      telegram.onTurnError = onTurnError;
      if (config.telegram.mode === 'polling') {
        poller = new TelegramPoller(telegramApi, telegram, logic, logger);
        closers.push(() => poller!.stop());
      } else {
        const secret = config.telegram.webhookSecret!;
        webhooks.telegram = (request) => handleTelegramWebhook(request, { adapter: telegram, secret, logic, logger });
      }
      closers.push(() => telegramApi.close());
      channels.push(`telegram (${config.telegram.mode})`);
    }
    if (wa && whatsapp && whatsappApi) {
      whatsapp.onTurnError = onTurnError;
      webhooks.whatsapp = {
        verify: (query) => verifyWhatsAppWebhook(query, wa.verifyToken),
        handle: (request) => handleWhatsAppWebhook(request, { adapter: whatsapp, appSecret: wa.appSecret, logic, logger }),
      };
      closers.push(() => whatsappApi.close());
      channels.push('whatsapp');
    }

    warmRecognizers();
    const desks = knowledge.current().desks;
    if (desks.samples > 0) logger.warn({ event: 'sampleDesks', samples: desks.samples, desks: desks.desks.length }, `${desks.samples} of ${desks.desks.length} desks are sample entries; replace them with \`npx ponte desks import\``);
    const version = (require(`${PROJECT_ROOT}/package.json`) as { version: string }).version;
    const sessions = opened(await Sessions.open(config.dataDir));
    const server = createServer({
      adapter,
      bot,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      webhooks,
      health: () => ({
        status: 'ok',
        version,
        knowledge: { entries: knowledge.current().size },
        desks: { total: knowledge.current().desks.desks.length, samples: knowledge.current().desks.samples },
        languages: LANGUAGES,
        channels,
      }),
    });
    const http = consoleHttp({ sessions, users, logger, now: Date.now });
    mountWorkspace(server, { http, workspace, inbox, figures, knowledge: () => knowledge.current(), t: locales.t });
    const closeConsole = mountConsole(server, {
      http,
      handoff,
      accounts: new Accounts(users, () => knowledge.current().desks),
      users,
      sessions,
      limiter: new LoginLimiter(),
      knowledge: () => knowledge.current(),
      t: locales.t,
      localesDir: config.localesDir,
      secureCookies: config.secureCookies,
      logger,
    });
    if ((await users.all()).length === 0) logger.warn({ event: 'noConsoleUsers' }, 'no console accounts yet: create one with `npx ponte users add NAME --role admin`');

    // Retention: everything about a person silent for RETENTION_DAYS goes, state and channel records alike.
    const sweep = async () => {
      const cutoff = Date.now() - config.retentionDays * 86_400_000;
      const erased =
        (await state.purgeOlderThan(cutoff)) + (await base.processed.purgeOlderThan(cutoff)) + (await base.recipients.purgeOlderThan(cutoff)) + (await escalations.purgeOlderThan(cutoff));
      await inbox.purgeOlderThan(Date.now() - INBOX_DAYS * 86_400_000);
      await memory.purgeOlderThan(cutoff);
      await sessions.purgeIdle();
      const statuses = (await whatsappStatuses?.purgeOlderThan(cutoff)) ?? 0;
      if (erased || statuses) logger.info({ event: 'retention', erased, statuses }, 'expired records erased');
    };
    await sweep();
    const sweeper = setInterval(() => void sweep().catch((error) => logger.error({ err: error }, 'retention sweep failed')), RETENTION_SWEEP_MS);
    sweeper.unref();

    const onReload = async () => {
      const { ok, problems } = await knowledge.reload(versions.published());
      if (ok) logger.info({ event: 'knowledgeReloaded', entries: knowledge.current().size }, 'knowledge reloaded');
      else logger.error({ event: 'knowledgeReloadFailed', problems }, 'knowledge reload failed; the last good knowledge stays live');
    };
    process.on('SIGHUP', () => void onReload());

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
    // Updates are fetched only once the server is up, and a poller that cannot start leaves nothing open.
    try {
      await poller?.start();
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
    const address = server.address();
    logger.info({ event: 'listening', port: address.port, entries: knowledge.current().size, channels, dataDir: config.dataDir }, `Ponte listening on http://${config.host}:${address.port}`);

    return async () => {
      clearInterval(sweeper);
      process.removeAllListeners('SIGHUP');
      closeConsole();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const close of closers) await close();
      // Last, so that what the closing requests changed is written too.
      await closeStores();
      lock.release();
    };
  } catch (error) {
    await closeStores();
    lock.release();
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (stop) => {
      const shutdown = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error) => {
      process.stderr.write(`Ponte could not start.\n${error instanceof PonteError ? error.message : (error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
