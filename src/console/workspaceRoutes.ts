import restify, { type Request, type Response, type Server } from 'restify';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import { DESK_TYPES, type KnowledgeEntry, type KnowledgeProblem } from '../core/knowledge/types';
import { ENDONYMS, isLang, type Lang } from '../core/language/languages';
import { toRomeTime } from '../core/routing/openingHours';
import type { KnowledgeWorkspace, SaveResult } from '../editors/knowledgeWorkspace';
import type { QuestionInbox } from '../editors/questionInbox';
import type { Translate } from '../i18n';
import type { FigureRow, TurnFigures } from '../storage/turnFigures';
import { previewAnswer } from './answerPreview';
import type { ConsoleHttp } from './consoleHttp';

export interface WorkspaceParts {
  http: ConsoleHttp;
  workspace: KnowledgeWorkspace;
  inbox: QuestionInbox;
  figures: TurnFigures;
  knowledge: () => KnowledgeSnapshot;
  t: Translate;
}

const EDITORS = { roles: ['editor', 'admin'] } as const;
const DAY_MS = 86_400_000;

/** The editors' workspace API (docs/editor-api.md), for role editor and admin only. */
export function mountWorkspace(server: Server, parts: WorkspaceParts): void {
  const { send, api } = parts.http;
  const json = restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false });
  const query = restify.plugins.queryParser({ mapParams: false });
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  const answerSave = (res: Response, result: SaveResult, created = false) => {
    switch (result.kind) {
      case 'invalid':
        return send(res, 400, { error: 'invalid', problems: result.problems.map(problem) });
      case 'conflict':
        return send(res, 409, { error: 'conflict', version: result.version });
      case 'evaluation-warnings':
        return send(res, 409, { error: 'evaluation-warnings', warnings: result.warnings });
      case 'saved':
        return send(res, created ? 201 : 200, { ...result, kind: undefined, warnings: result.warnings.map(problem) });
    }
  };

  server.get('/console/api/kb/topics', api(async (_req, res) => send(res, 200, { topics: parts.workspace.topics(), deskTypes: DESK_TYPES }), EDITORS));
  server.get('/console/api/kb/pending', api(async (_req, res) => send(res, 200, { pending: parts.workspace.pending() }), EDITORS));
  server.get('/console/api/kb/topics/:id', api(async (req, res) => send(res, 200, parts.workspace.topic(req.params.id)), EDITORS));
  server.get('/console/api/kb/topics/:id/versions/:version', api(async (req, res) => send(res, 200, await parts.workspace.version(req.params.id, Number(req.params.version))), EDITORS));
  server.get('/console/api/kb/topics/:id/diff', query, api(async (req, res) => {
    const q = req.query as { from?: string; to?: string };
    send(res, 200, { changes: await parts.workspace.diff(req.params.id, Number(q.from ?? 0), Number(q.to ?? 0)) });
  }, EDITORS));

  server.post('/console/api/kb/topics', json, api(async (req, res, who) => {
    const b = body(req);
    const result = await parts.workspace.save(who.account.name, { entry: b.entry as KnowledgeEntry, reason: String(b.reason ?? ''), acknowledgeWarnings: b.acknowledgeWarnings === true }, true);
    // A topic made from inbox questions takes them out of the inbox.
    if (result.kind === 'saved' && Array.isArray(b.questionIds)) await parts.inbox.mark(b.questionIds.map(String), 'used');
    answerSave(res, result, true);
  }, EDITORS));
  server.post('/console/api/kb/topics/:id', json, api(async (req, res, who) => {
    const b = body(req);
    const entry = { ...(b.entry as KnowledgeEntry), id: req.params.id };
    const confirmReviewed = Array.isArray(b.confirmReviewed) ? b.confirmReviewed.filter((l): l is Lang => typeof l === 'string' && isLang(l)) : [];
    answerSave(res, await parts.workspace.save(who.account.name, { entry, reason: String(b.reason ?? ''), baseVersion: Number(b.baseVersion), acknowledgeWarnings: b.acknowledgeWarnings === true, confirmReviewed }, false));
  }, EDITORS));
  server.post('/console/api/kb/topics/:id/confirm-review', json, api(async (req, res) => {
    const lang = String(body(req).lang ?? '');
    if (!isLang(lang)) return send(res, 400, { error: 'invalid', problems: [{ field: 'lang', message: 'one of the ten languages' }] });
    send(res, 200, { needsReview: await parts.workspace.confirmReview(req.params.id, lang) });
  }, EDITORS));
  server.post('/console/api/kb/topics/:id/approve', json, api(async (req, res, who) => answerSave(res, await parts.workspace.approve(who.account.name, req.params.id, Number(body(req).version))), EDITORS));
  server.post('/console/api/kb/topics/:id/reject', json, api(async (req, res, who) => {
    await parts.workspace.reject(who.account.name, req.params.id, Number(body(req).version), String(body(req).reason ?? ''));
    send(res, 200, { status: 'rejected' });
  }, EDITORS));
  server.post('/console/api/kb/topics/:id/restore', json, api(async (req, res, who) => answerSave(res, await parts.workspace.restore(who.account.name, req.params.id, Number(body(req).version))), EDITORS));

  server.post('/console/api/kb/preview', json, api(async (req, res) => {
    const b = body(req);
    const lang = String(b.lang ?? 'it');
    const preview = isLang(lang) && b.entry ? await previewAnswer(b.entry as KnowledgeEntry, lang, parts.t) : undefined;
    if (!preview) return send(res, 400, { error: 'invalid', problems: [{ field: `text.${lang}`, message: 'no text in this language to preview' }] });
    send(res, 200, preview);
  }, EDITORS));
  server.post('/console/api/kb/try', json, api(async (req, res) => {
    const b = body(req);
    const text = typeof b.text === 'string' ? b.text.trim() : '';
    if (!text) return send(res, 400, { error: 'invalid', problems: [{ field: 'text', message: 'write a question' }] });
    const lang = typeof b.lang === 'string' && isLang(b.lang) ? b.lang : undefined;
    const result = parts.workspace.tryQuestion(text, lang, b.entry as KnowledgeEntry | undefined);
    send(res, 200, { ...result, draftProblems: result.draftProblems?.map(problem) });
  }, EDITORS));

  server.get('/console/api/inbox', query, api(async (req, res) => {
    const q = req.query as { lang?: string; days?: string };
    const days = [7, 30, 90].includes(Number(q.days)) ? Number(q.days) : 30;
    send(res, 200, { groups: parts.inbox.groups(q.lang && isLang(q.lang) ? q.lang : undefined, days) });
  }, EDITORS));
  server.post('/console/api/inbox/add-variants', json, api(async (req, res, who) => {
    const b = body(req);
    answerSave(res, await parts.inbox.addVariants(who.account.name, ids(b.questionIds), String(b.topicId ?? ''), b.acknowledgeWarnings === true));
  }, EDITORS));
  server.post('/console/api/inbox/new-topic', json, api(async (req, res) => send(res, 200, { draft: parts.inbox.newTopicDraft(ids(body(req).questionIds)) }), EDITORS));
  server.post('/console/api/inbox/dismiss', json, api(async (req, res) => {
    await parts.inbox.mark(ids(body(req).questionIds), 'dismissed');
    send(res, 204);
  }, EDITORS));

  server.get('/console/api/kb/figures', query, api(async (req, res) => {
    const days = [7, 30, 90].includes(Number((req.query as { days?: string }).days)) ? Number((req.query as { days?: string }).days) : 30;
    send(res, 200, figures(parts.figures.rows(toRomeTime(new Date(Date.now() - (days - 1) * DAY_MS)).date), days, parts.knowledge()));
  }, EDITORS));
}

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** A validation problem as the page shows it next to its field. */
function problem(p: KnowledgeProblem) {
  return { field: p.field, message: p.message, severity: p.severity };
}

function figures(rows: FigureRow[], days: number, knowledge: KnowledgeSnapshot) {
  const sum = (keyOf: (row: FigureRow) => string) => {
    const totals = new Map<string, Omit<FigureRow, 'date' | 'lang' | 'topic'>>();
    for (const row of rows) {
      const t = totals.get(keyOf(row)) ?? { asked: 0, answered: 0, clarified: 0, fellBack: 0, handedOver: 0 };
      totals.set(keyOf(row), { asked: t.asked + row.asked, answered: t.answered + row.answered, clarified: t.clarified + row.clarified, fellBack: t.fellBack + row.fellBack, handedOver: t.handedOver + row.handedOver });
    }
    return [...totals].map(([key, t]) => ({ key, ...t })).sort((a, b) => b.asked - a.asked);
  };
  const perDay = sum((row) => row.date)
    .map(({ key, asked, fellBack }) => ({ date: key, asked, fellBack, share: asked ? Math.round((fellBack / asked) * 1000) / 1000 : 0 }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    days,
    perLanguage: sum((row) => row.lang).map((row) => ({ ...row, label: isLang(row.key) ? ENDONYMS[row.key] : row.key })),
    perTopic: sum((row) => row.topic).map((row) => ({ ...row, label: knowledge.text(row.key, 'it')?.text.title ?? row.key })),
    perDay,
  };
}
