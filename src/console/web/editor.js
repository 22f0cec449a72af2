/*
 * Ponte editors' workspace: the pages where desk coordinators and mediators keep the knowledge up to
 * date (topics, the entry editor with preview and "try it", approvals, the inbox of questions Ponte
 * could not answer, figures). It plugs into console.js through window.PonteConsole and talks only to
 * the JSON API in docs/editor-api.md.
 *
 * The same safety rules as console.js: the DOM is built with createElement and textContent only;
 * what an editor or a person wrote, and what the server says, is never parsed as HTML. The one
 * place that reads markup, the Telegram preview, walks the string itself and creates elements only
 * for a handful of harmless tags (see telegramNodes).
 */
(() => {
  'use strict';

  const P = window.PonteConsole;
  if (!P) return; // console.js did not load: there is nothing to extend

  const { el, fill, t, has, api, flash, handleError, errorMessage, langLabel, langName, formatWhen, formatDay, formatNumber, barChart, card, intlLocale, LANGUAGES, IS_MAC } = P;

  // ---------------------------------------------------------------------------------------------
  // Constants
  // ---------------------------------------------------------------------------------------------

  const OTHER_LANGS = LANGUAGES.filter((lang) => lang !== 'it');
  const FLAGS = ['missing', 'needs-review', 'too-long', 'few-variants', 'stale-review'];
  /** Used when the topic list has not said which desk types exist (docs/editor-api.md, DeskType). */
  const DESK_TYPES = ['immigration-desk', 'youth-counter', 'caregiver-counter', 'school-mediation', 'social-services', 'health-office', 'questura', 'comune', 'other'];
  const PARTS = ['title', 'questions', 'keywords', 'answer', 'more'];
  const MAX_ANSWER_CHARS = 600;
  const MIN_VARIANTS = 6;
  const PREVIEW_IDLE_MS = 800;
  const PERIODS = [7, 30, 90];
  const APPROVAL_REASONS = ['sensitive', 'fee-or-deadline', 'sources'];
  const DECISIONS = ['answer', 'clarify', 'fallback'];
  const INBOX_KINDS = ['fallback', 'abandoned-clarification', 'low-confidence-then-person', 'low-score'];
  const VERSION_STATUSES = ['published', 'pending', 'rejected', 'superseded'];
  const NEW_KEY = '#new';

  // ---------------------------------------------------------------------------------------------
  // State (dropped at sign-out by reset())
  // ---------------------------------------------------------------------------------------------

  const ws = {
    /** Promise of GET /kb/topics, shared by the topic list, the inbox and the editor; dropped after any change. */
    topics: null,
    filters: { lang: '', desk: '', status: '', q: '' },
    /** Unsaved edits by topic id, so leaving a topic (or switching the console language) loses nothing. */
    drafts: new Map(),
    /** The new topic being written at #/kb/new: { entry, form?, otherLang? }. */
    newDraft: null,
    /** The last save result per topic id, shown once when its editor is built again. */
    results: new Map(),
    inbox: { lang: '', days: 30 },
    figuresDays: 30,
    /** The "pending approvals" count in the header. */
    badge: null,
    /** The entry editor on screen. */
    ed: null,
  };

  function reset() {
    ws.topics = null;
    ws.filters = { lang: '', desk: '', status: '', q: '' };
    ws.drafts.clear();
    ws.newDraft = null;
    ws.results.clear();
    ws.inbox = { lang: '', days: 30 };
    ws.figuresDays = 30;
    ws.badge = null;
    leave();
  }

  function leave() {
    if (ws.ed) clearTimeout(ws.ed.previewTimer);
    ws.ed = null;
  }

  const me = () => (P.user() || {}).name;
  const pane = () => P.pane();

  // ---------------------------------------------------------------------------------------------
  // Routes and header links
  // ---------------------------------------------------------------------------------------------

  function navLinks() {
    ws.badge = el('span', { class: 'nav-count nav-count-pending', 'data-testid': 'pending-count', hidden: true });
    refreshPendingCount();
    return [
      { name: 'kb', href: '#/kb', label: t('editor.nav.topics') },
      { name: 'pending', href: '#/kb/pending', label: t('editor.nav.pending'), extra: ws.badge },
      { name: 'inbox', href: '#/kb/inbox', label: t('editor.nav.inbox') },
      { name: 'figures', href: '#/kb/figures', label: t('editor.nav.figures') },
    ];
  }

  /** #/kb, #/kb/t/<id>, #/kb/new, #/kb/pending, #/kb/inbox, #/kb/figures; anything else is the topic list. */
  function resolve(path) {
    const [section, ...rest] = path;
    if (section === 't' && rest.length && rest.join('/')) {
      const id = rest.join('/');
      return { view: 'kb-editor', nav: 'kb', show: () => showEditor(id) };
    }
    if (section === 'new') return { view: 'kb-editor', nav: 'kb', show: () => showEditor(null) };
    if (section === 'pending') return { view: 'kb-pending', nav: 'pending', show: showPendingList };
    if (section === 'inbox') return { view: 'kb-inbox', nav: 'inbox', show: showInbox };
    if (section === 'figures') return { view: 'kb-figures', nav: 'figures', show: showFigures };
    return { view: 'kb-topics', nav: 'kb', show: showTopics };
  }

  async function refreshPendingCount() {
    const badge = ws.badge;
    try {
      const data = await api('GET', '/kb/pending');
      if (badge !== ws.badge || !badge) return;
      const count = (data.pending || []).length;
      badge.textContent = String(count);
      badge.classList.toggle('nav-count-zero', !count);
      badge.title = t('editor.nav.pendingCount', { count });
      badge.hidden = false;
    } catch (err) {
      if (err.status !== 403) handleError(err);
    }
  }

  /** Something was saved, approved or rejected: the lists and the count are out of date. */
  function knowledgeChanged() {
    ws.topics = null;
    refreshPendingCount();
  }

  function getTopics() {
    if (!ws.topics) {
      ws.topics = api('GET', '/kb/topics').then((data) => ({ topics: data.topics || [], deskTypes: data.deskTypes && data.deskTypes.length ? data.deskTypes : DESK_TYPES }));
      ws.topics.catch(() => {
        ws.topics = null; // try again next time
      });
    }
    return ws.topics;
  }

  /** A 403 means this account may not use the workspace (any more): say so instead of a red toast. */
  function failed(err, body) {
    if (err && err.status === 403 && err.body && err.body.error === 'forbidden') {
      P.showForbidden(t('errors.forbiddenEditors'));
      return;
    }
    handleError(err);
    if (body && body.isConnected) fill(body, el('p', { class: 'empty' }, errorMessage(err)));
  }

  // ---------------------------------------------------------------------------------------------
  // Words
  // ---------------------------------------------------------------------------------------------

  const topicPath = (id, action) => `/kb/topics/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
  const word = (group, key) => (has(`editor.${group}.${key}`) ? t(`editor.${group}.${key}`) : String(key == null ? '?' : key));
  const deskLabel = (desk) => (desk ? word('desks', desk) : t('editor.topics.noDesk'));
  const flagShort = (flag) => word('flags', flag);
  const flagLong = (flag) => (has(`editor.flagsLong.${flag}`) ? t(`editor.flagsLong.${flag}`) : String(flag));
  const approvalReasons = (list) => (list || []).map((r) => word('approval', r)).join('; ');
  const langNames = (list) => (list || []).map(langName).join(', ');

  /** "25/11/2026" from "2026-11-25" (a plain date) or from an ISO time. */
  function formatDate(value) {
    if (!value) return t('time.none');
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    const date = match && String(value).length === 10 ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    return new Intl.DateTimeFormat(intlLocale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
  }

  function formatFullWhen(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return new Intl.DateTimeFormat(intlLocale(), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
  }

  function formatPercent(fraction) {
    if (!Number.isFinite(fraction)) return t('time.none');
    return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  }

  /** "Arabic · Answer", "Sources (line 3)": problems and changes named the way editors see the fields. */
  function fieldLabel(field) {
    const parts = String(field || '').split('.');
    if (parts[0] === 'text' && parts.length >= 3) {
      const part = word('fields', parts[2]);
      const line = parts.length > 3 && /^\d+$/.test(parts[3]) ? t('editor.fields.line', { n: Number(parts[3]) + 1 }) : '';
      return `${langName(parts[1])} · ${part}${line}`;
    }
    if (parts.length === 2 && /^\d+$/.test(parts[1])) return `${word('fields', parts[0])}${t('editor.fields.line', { n: Number(parts[1]) + 1 })}`;
    return has(`editor.fields.${field}`) ? t(`editor.fields.${field}`) : String(field || '?');
  }

  /** The Italian title of a topic id when the list knows it: "Rinnovo del permesso (permit.renewal)". */
  function topicName(id, topics) {
    if (!id) return t('editor.try.noTopic');
    const known = (topics || []).find((topic) => topic.id === id);
    return known && known.title ? t('editor.topicName', { title: known.title, id }) : String(id);
  }

  const normalise = (text) => String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

  // ---------------------------------------------------------------------------------------------
  // Topics
  // ---------------------------------------------------------------------------------------------

  async function showTopics() {
    const f = ws.filters;
    const search = el('input', { type: 'search', 'data-testid': 'kb-filter-text', id: 'kb-filter-text', value: f.q, placeholder: t('editor.topics.searchPlaceholder'), autocomplete: 'off' });
    const langSelect = el('select', { 'data-testid': 'kb-filter-lang', id: 'kb-filter-lang' },
      el('option', { value: '' }, t('editor.topics.allLanguages')),
      LANGUAGES.map((lang) => el('option', { value: lang, selected: lang === f.lang }, langLabel(lang))));
    const deskSelect = el('select', { 'data-testid': 'kb-filter-desk', id: 'kb-filter-desk' }, el('option', { value: '' }, t('editor.topics.allDesks')));
    const statusSelect = el('select', { 'data-testid': 'kb-filter-status', id: 'kb-filter-status' },
      el('option', { value: '' }, t('editor.topics.statusAll')),
      el('option', { value: 'complete', selected: f.status === 'complete' }, t('editor.topics.statusComplete')),
      el('option', { value: 'problem', selected: f.status === 'problem' }, t('editor.topics.statusProblem')),
      FLAGS.map((flag) => el('option', { value: flag, selected: f.status === flag }, flagLong(flag))));
    const count = el('p', { class: 'muted small', 'data-testid': 'kb-count', role: 'status' });
    const body = el('div', { class: 'topics-body' }, el('p', { class: 'muted' }, t('common.loading')));
    const page = el('section', { class: 'page page-wide', 'data-testid': 'kb-topics' },
      el('div', { class: 'page-head' },
        el('div', {}, el('h2', {}, t('editor.topics.title')), el('p', { class: 'muted small' }, t('editor.topics.intro'))),
        el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'kb-new-topic', onclick: newTopic }, t('editor.topics.newTopic'))),
      el('div', { class: 'filters', role: 'search' },
        el('label', { class: 'field filter-text', for: 'kb-filter-text' }, el('span', {}, t('editor.topics.search')), search),
        el('label', { class: 'field', for: 'kb-filter-lang' }, el('span', {}, t('editor.topics.language')), langSelect),
        el('label', { class: 'field', for: 'kb-filter-status' }, el('span', {}, t('editor.topics.status')), statusSelect),
        el('label', { class: 'field', for: 'kb-filter-desk' }, el('span', {}, t('editor.topics.desk')), deskSelect)),
      flagLegend(),
      count,
      body);
    fill(pane(), page);

    let data;
    try {
      data = await getTopics();
    } catch (err) {
      failed(err, body);
      return;
    }
    if (!page.isConnected) return;
    for (const desk of data.deskTypes) deskSelect.append(el('option', { value: desk, selected: desk === f.desk }, deskLabel(desk)));

    const render = () => {
      const shown = data.topics.filter((topic) => topicMatches(topic, f));
      count.textContent = t('editor.topics.count', { shown: shown.length, total: data.topics.length });
      fill(body, shown.length ? topicsTable(shown, f.lang) : el('p', { class: 'empty', 'data-testid': 'kb-topics-empty' }, data.topics.length ? t('editor.topics.noMatch') : t('editor.topics.empty')));
    };
    const update = () => {
      f.q = search.value;
      f.lang = langSelect.value;
      f.desk = deskSelect.value;
      f.status = statusSelect.value;
      render();
    };
    search.addEventListener('input', update);
    for (const select of [langSelect, deskSelect, statusSelect]) select.addEventListener('change', update);
    render();
  }

  /** A language's flags; a language the list does not mention has no text, so it is missing. */
  function flagsOf(topic, lang) {
    const flags = topic.languages && topic.languages[lang];
    return Array.isArray(flags) ? flags : ['missing'];
  }

  /**
   * Status "complete" / "any problem" / a flag; with a language chosen it is about that language,
   * without one about any language (complete: every language).
   */
  function topicMatches(topic, f) {
    if (f.desk && topic.desk !== f.desk) return false;
    if (f.q.trim()) {
      const q = normalise(f.q.trim());
      if (!normalise(topic.id).includes(q) && !normalise(topic.title).includes(q)) return false;
    }
    if (!f.status) return true;
    const langs = f.lang ? [f.lang] : LANGUAGES;
    if (f.status === 'complete') return langs.every((lang) => flagsOf(topic, lang).length === 0);
    if (f.status === 'problem') return langs.some((lang) => flagsOf(topic, lang).length > 0);
    return langs.some((lang) => flagsOf(topic, lang).includes(f.status));
  }

  function flagLegend() {
    return el('details', { class: 'legend' },
      el('summary', {}, t('editor.topics.legend')),
      el('ul', { class: 'legend-list' },
        el('li', {}, flagChip('complete'), ' ', t('editor.flagsLong.complete')),
        FLAGS.map((flag) => el('li', {}, flagChip(flag), ' ', flagLong(flag)))));
  }

  function flagChip(flag) {
    if (flag === 'complete') return el('span', { class: 'flag flag-complete' }, el('span', { 'aria-hidden': 'true' }, '✓'), el('span', { class: 'visually-hidden' }, t('editor.flags.complete')));
    return el('span', { class: `flag flag-${FLAGS.includes(flag) ? flag : 'unknown'}` }, flagShort(flag));
  }

  function topicsTable(topics, focusLang) {
    return el('div', { class: 'table-wrap' },
      el('table', { class: 'data topics-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t('editor.topics.colTopic')),
          el('th', { scope: 'col' }, t('editor.topics.colDesk')),
          el('th', { scope: 'col', class: 'center' }, t('editor.topics.colSensitive')),
          el('th', { scope: 'col' }, t('editor.topics.colReviewed')),
          LANGUAGES.map((lang) => el('th', { scope: 'col', class: `center lang-col-head${lang === focusLang ? ' focus' : ''}`, title: langName(lang) }, lang)))),
        el('tbody', {}, topics.map((topic) => topicRow(topic, focusLang)))));
  }

  function topicRow(topic, focusLang) {
    const href = `#/kb/t/${encodeURIComponent(topic.id)}`;
    return el('tr', {
      class: `topic-row${topic.pending ? ' has-pending' : ''}`,
      'data-testid': 'kb-topic-row',
      'data-id': topic.id,
      // The whole row opens the topic; the link inside stays the keyboard's way in.
      onclick: (event) => {
        if (!event.target.closest('a')) location.hash = href;
      },
    },
    el('th', { scope: 'row', class: 'topic-cell' },
      el('a', { href, class: 'topic-link' }, el('span', { class: 'topic-title', dir: 'auto' }, topic.title || topic.id)),
      el('span', { class: 'topic-id' }, topic.id),
      topic.pending ? el('span', { class: 'badge badge-pending', 'data-testid': 'pending-badge' }, t('editor.topics.pending')) : null),
    el('td', {}, deskLabel(topic.desk)),
    el('td', { class: 'center' }, topic.sensitive ? el('span', { class: 'sensitive-mark', 'data-testid': 'sensitive-mark', title: t('editor.topics.sensitiveTip') }, t('editor.topics.sensitiveShort')) : null),
    el('td', { class: 'nowrap' }, formatDate(topic.reviewed)),
    LANGUAGES.map((lang) => langStatusCell(lang, flagsOf(topic, lang), lang === focusLang)));
  }

  function langStatusCell(lang, flags, focus) {
    const tip = flags.length ? flags.map(flagLong).join(' · ') : t('editor.flagsLong.complete');
    return el('td', {
      class: `lang-status${focus ? ' focus' : ''}`,
      'data-testid': 'lang-status',
      'data-lang': lang,
      'data-flags': flags.join(','),
      title: `${langName(lang)}: ${tip}`,
    }, flags.length ? flags.map(flagChip) : flagChip('complete'));
  }

  function newTopic() {
    if (!ws.newDraft) ws.newDraft = { entry: blankEntry() };
    location.hash = '#/kb/new';
  }

  function blankEntry() {
    return { id: '', desk: '', sensitive: false, reviewed: new Date().toISOString().slice(0, 10), sources: [], text: {} };
  }

  // ---------------------------------------------------------------------------------------------
  // Entry editor: the form model
  // ---------------------------------------------------------------------------------------------

  /**
   * The form keeps what the fields hold (lists as their text, one item per line), so nothing typed is
   * reshaped while typing; toEntry() turns it into an Entry for saving, preview and "try it".
   */
  function fromEntry(entry) {
    const e = entry || {};
    const text = {};
    for (const [lang, block] of Object.entries(e.text || {})) {
      if (!block) continue;
      text[lang] = {
        title: String(block.title || ''),
        questions: (block.questions || []).join('\n'),
        keywords: (block.keywords || []).join('\n'),
        answer: String(block.answer || ''),
        more: String(block.more || ''),
      };
    }
    const reviewed = String(e.reviewed || '');
    return {
      id: String(e.id || ''),
      desk: String(e.desk || ''),
      sensitive: !!e.sensitive,
      reviewed: /^\d{4}-\d{2}-\d{2}/.test(reviewed) ? reviewed.slice(0, 10) : reviewed,
      sources: (e.sources || []).join('\n'),
      text,
    };
  }

  const lines = (value) => String(value || '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

  function toEntry(form) {
    const entry = { id: form.id.trim(), desk: form.desk, sensitive: form.sensitive, reviewed: form.reviewed, sources: lines(form.sources), text: {} };
    for (const lang of LANGUAGES) {
      const b = form.text[lang];
      if (!b) continue;
      const block = { title: b.title.trim(), questions: lines(b.questions), keywords: lines(b.keywords), answer: b.answer.trim() };
      if (b.more.trim()) block.more = b.more.trim();
      // A language left completely empty is not written at all (it stays "missing").
      if (block.title || block.questions.length || block.keywords.length || block.answer || block.more) entry.text[lang] = block;
    }
    return entry;
  }

  const sameEntry = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  /** Numbers in an answer (fees, deadlines, days): a changed one needs a second editor. */
  function numbersIn(block) {
    const text = block ? `${block.answer || ''}\n${block.more || ''}` : '';
    return (text.match(/\d+(?:[.,]\d+)*/g) || []).sort().join('|');
  }

  /** What the server will probably say about approval (docs/editor-api.md): shown before saving. */
  function predictApproval(before, after) {
    const reasons = [];
    if (after.sensitive || (before && before.sensitive)) reasons.push('sensitive');
    const langs = new Set([...Object.keys((before && before.text) || {}), ...Object.keys(after.text || {})]);
    if ([...langs].some((lang) => numbersIn(before && before.text && before.text[lang]) !== numbersIn(after.text[lang]))) reasons.push('fee-or-deadline');
    if (JSON.stringify((before && before.sources) || []) !== JSON.stringify(after.sources)) reasons.push('sources');
    return reasons;
  }

  /** The right-hand language: the first one to review, else the inbox draft's language, else English. */
  function defaultOtherLang(needsReview, form) {
    const review = (needsReview || []).find((lang) => OTHER_LANGS.includes(lang));
    if (review) return review;
    const written = OTHER_LANGS.filter((lang) => form.text[lang]);
    if (written.length === 1) return written[0];
    return 'en';
  }

  // ---------------------------------------------------------------------------------------------
  // Entry editor: building the page
  // ---------------------------------------------------------------------------------------------

  /** Opens the editor for `id`, or for the new topic in memory when `id` is null. */
  async function showEditor(id) {
    const ed = {
      id,
      isNew: !id,
      data: null,
      topics: [],
      deskTypes: DESK_TYPES,
      needsReview: [],
      problems: [],
      slots: new Map(),
      busy: false,
      previewIt: false,
      previewSeq: 0,
      previewTimer: null,
      tryText: '',
    };
    ws.ed = ed;
    ed.root = el('section', { class: 'page page-wide editor', 'data-testid': 'kb-editor', 'data-id': id || '' }, el('p', { class: 'muted' }, t('common.loading')));
    fill(pane(), ed.root);

    let list = null;
    try {
      list = await getTopics();
    } catch {
      /* the editor works without the list: desk types fall back to the documented ones */
    }
    if (list) {
      ed.topics = list.topics;
      ed.deskTypes = list.deskTypes;
    }
    if (ed.isNew) {
      if (!ws.newDraft) ws.newDraft = { entry: blankEntry() };
      ed.loaded = ws.newDraft.entry;
      ed.published = null;
      ed.form = ws.newDraft.form || fromEntry(ws.newDraft.entry);
      ed.otherLang = ws.newDraft.otherLang || defaultOtherLang([], ed.form);
      ed.reason = ws.newDraft.reason || '';
    } else {
      let data;
      try {
        data = await api('GET', topicPath(id));
      } catch (err) {
        if (ws.ed !== ed) return;
        if (err.status === 404) showTopicNotFound(id);
        else failed(err, ed.root);
        return;
      }
      if (ws.ed !== ed) return;
      setData(ed, data);
      const stored = ws.drafts.get(id);
      // While a change waits for approval, the fields show it: it is the newest text of the topic.
      ed.form = stored ? stored.form : fromEntry(ed.loaded);
      ed.baseVersion = stored ? stored.baseVersion : data.version;
      ed.otherLang = (stored && stored.otherLang) || defaultOtherLang(ed.needsReview, ed.form);
      ed.reason = stored ? stored.reason : '';
      ed.restored = !!stored;
    }
    if (ws.ed !== ed) return;
    buildEditor(ed);
  }

  function setData(ed, data) {
    ed.data = data;
    ed.published = data.entry;
    ed.loaded = data.pending && data.pending.entry ? data.pending.entry : data.entry;
    ed.needsReview = data.needsReview || [];
  }

  function showTopicNotFound(id) {
    fill(pane(),
      el('div', { class: 'placeholder not-found', 'data-testid': 'not-found', role: 'alert' },
        el('h2', {}, t('editor.entry.notFoundTitle')),
        el('p', {}, t('editor.entry.notFound', { id })),
        el('a', { href: '#/kb', class: 'btn' }, t('editor.entry.backToTopics'))));
  }

  function buildEditor(ed) {
    ed.head = el('div', { class: 'editor-head' });
    ed.notices = el('div', { class: 'editor-notices' });
    ed.pendingBox = el('section', { class: 'pending-box', 'data-testid': 'kb-pending', hidden: true });
    ed.colIt = el('section', { class: 'lang-col', 'data-testid': 'kb-col-it', 'data-lang': 'it' });
    ed.colOther = el('section', { class: 'lang-col', 'data-testid': 'kb-col-other' });
    ed.feedback = el('div', { class: 'feedback', 'aria-live': 'polite' });
    ed.approvalNote = el('p', { class: 'approval-note', 'data-testid': 'approval-note' });
    ed.history = el('section', { class: 'card-section', 'data-testid': 'kb-history' });

    ed.reasonInput = el('input', { name: 'reason', id: 'kb-reason', required: true, autocomplete: 'off', dir: 'auto', value: ed.reason || '', placeholder: t('editor.entry.reasonPlaceholder') });
    ed.reasonInput.addEventListener('input', () => {
      ed.reason = ed.reasonInput.value;
      storeDraft(ed);
    });
    ed.saveButton = el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'kb-save' }, ed.isNew ? t('editor.entry.create') : t('editor.entry.save'));
    ed.discardButton = el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'kb-discard', onclick: () => discard(ed) }, t('editor.entry.discard'));

    const saveBar = el('form', { class: 'save-bar', 'data-testid': 'kb-save-bar', novalidate: true },
      ed.feedback,
      el('div', { class: 'save-row' },
        el('label', { class: 'field reason-field', for: 'kb-reason' }, el('span', {}, t('editor.entry.reason')), ed.reasonInput, slot(ed, 'reason')),
        el('div', { class: 'save-buttons' }, ed.saveButton, ed.discardButton)),
      ed.approvalNote,
      el('p', { class: 'muted small' }, t('editor.entry.saveShortcut', { key: IS_MAC ? '⌘' : 'Ctrl' })));
    saveBar.addEventListener('submit', (event) => {
      event.preventDefault();
      save(ed, false);
    });

    fill(ed.root,
      ed.head,
      ed.notices,
      ed.pendingBox,
      sharedFields(ed),
      el('div', { class: 'lang-columns' }, ed.colIt, ed.colOther),
      saveBar,
      previewPanel(ed),
      tryPanel(ed),
      ed.isNew ? null : ed.history);
    ed.root.addEventListener('keydown', (event) => {
      if (event.key === 's' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        save(ed, false);
      }
    });

    buildColumn(ed, ed.colIt, 'it');
    buildColumn(ed, ed.colOther, ed.otherLang);
    renderStatus(ed);
    refreshPreview(ed);

    const result = ws.results.get(ed.id);
    if (result) {
      ws.results.delete(ed.id);
      fill(ed.feedback, saveResult(result));
      ed.feedback.scrollIntoView({ block: 'center' });
    }
  }

  /** Everything that depends on the server's view of the topic; the fields are left alone. */
  function renderStatus(ed) {
    renderHead(ed);
    renderNotices(ed);
    renderPendingBox(ed);
    renderReviewBanner(ed);
    renderOtherLangOptions(ed);
    renderApprovalNote(ed);
    if (!ed.isNew) renderHistory(ed);
  }

  function renderHead(ed) {
    const entry = ed.isNew ? null : ed.published;
    const title = ed.isNew ? t('editor.entry.newTitle') : (entry && entry.text && entry.text.it && entry.text.it.title) || ed.id;
    fill(ed.head,
      el('a', { href: '#/kb', class: 'back-link' }, t('editor.entry.backToTopics')),
      el('div', { class: 'editor-title' },
        el('h2', { dir: 'auto' }, title),
        ed.isNew ? null : el('span', { class: 'topic-id' }, ed.id),
        ed.data && ed.data.pending ? el('span', { class: 'badge badge-pending' }, t('editor.topics.pending')) : null,
        ed.form.sensitive ? el('span', { class: 'sensitive-mark' }, t('editor.topics.sensitiveShort')) : null,
        ed.data ? el('span', { class: 'muted small' }, t('editor.entry.version', { version: ed.data.version })) : null));
  }

  function renderNotices(ed) {
    const parts = [];
    if (ed.data && ed.data.pending) {
      parts.push(el('p', { class: 'notice-line', 'data-testid': 'editing-pending' }, t('editor.entry.editingPending', { version: ed.data.pending.version, author: ed.data.pending.author })));
    }
    if (ed.restored && isDirty(ed)) {
      parts.push(el('p', { class: 'notice-line', 'data-testid': 'draft-restored' }, t('editor.entry.draftRestored')));
    }
    if (ed.isNew) parts.push(el('p', { class: 'notice-line' }, t('editor.entry.newIntro')));
    if (ed.isNew && ws.newDraft && ws.newDraft.fromInbox) {
      parts.push(el('p', { class: 'notice-line', 'data-testid': 'from-inbox' }, t('editor.entry.fromInbox', { count: ws.newDraft.fromInbox.length })));
    }
    fill(ed.notices, ...parts);
  }

  /** A spot for problems next to a field; problems use the server's field name, e.g. "sources.0". */
  function slot(ed, name) {
    const node = el('div', { class: 'problems-slot', 'data-slot': name });
    ed.slots.set(name, node);
    return node;
  }

  function sharedFields(ed) {
    const form = ed.form;
    const idInput = el('input', {
      name: 'id', id: 'kb-id', value: form.id, readOnly: !ed.isNew, required: ed.isNew, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none',
      placeholder: ed.isNew ? t('editor.entry.idPlaceholder') : null, 'aria-describedby': 'kb-id-hint',
    });
    idInput.addEventListener('input', () => changed(ed, () => (form.id = idInput.value)));

    const deskSelect = el('select', { name: 'desk', id: 'kb-desk' },
      !form.desk || !ed.deskTypes.includes(form.desk) ? el('option', { value: form.desk || '' }, form.desk ? deskLabel(form.desk) : t('editor.entry.chooseDesk')) : null,
      ed.deskTypes.map((desk) => el('option', { value: desk, selected: desk === form.desk }, deskLabel(desk))));
    deskSelect.addEventListener('change', () => changed(ed, () => (form.desk = deskSelect.value)));

    const sensitive = el('input', { type: 'checkbox', name: 'sensitive', id: 'kb-sensitive', checked: form.sensitive });
    sensitive.addEventListener('change', () => changed(ed, () => (form.sensitive = sensitive.checked), () => renderHead(ed)));

    const reviewed = el('input', { type: 'date', name: 'reviewed', id: 'kb-reviewed', value: form.reviewed, max: new Date().toISOString().slice(0, 10) });
    reviewed.addEventListener('input', () => changed(ed, () => (form.reviewed = reviewed.value)));

    const sources = el('textarea', { name: 'sources', id: 'kb-sources', rows: 3, value: form.sources, spellcheck: 'false', dir: 'ltr', placeholder: 'https://…' });
    sources.addEventListener('input', () => changed(ed, () => (form.sources = sources.value)));

    return el('section', { class: 'card-section shared-fields', 'aria-label': t('editor.entry.shared') },
      el('h3', {}, t('editor.entry.shared')),
      el('div', { class: 'form-grid' },
        el('div', { class: 'field efield' }, el('label', { for: 'kb-id' }, t('editor.fields.id')), idInput,
          el('span', { class: 'hint', id: 'kb-id-hint' }, ed.isNew ? t('editor.entry.idHintNew') : t('editor.entry.idHint')), slot(ed, 'id')),
        el('div', { class: 'field efield' }, el('label', { for: 'kb-desk' }, t('editor.fields.desk')), deskSelect, el('span', { class: 'hint' }, t('editor.entry.deskHint')), slot(ed, 'desk')),
        el('div', { class: 'field efield' }, el('label', { for: 'kb-reviewed' }, t('editor.fields.reviewed')), reviewed, el('span', { class: 'hint' }, t('editor.entry.reviewedHint')), slot(ed, 'reviewed')),
        el('div', { class: 'field efield field-wide' },
          el('label', { class: 'check' }, sensitive, ' ', el('span', {}, t('editor.entry.sensitiveLabel'))),
          el('span', { class: 'hint' }, t('editor.entry.sensitiveHint')), slot(ed, 'sensitive')),
        el('div', { class: 'field efield field-wide' }, el('label', { for: 'kb-sources' }, t('editor.fields.sources')), sources, el('span', { class: 'hint' }, t('editor.entry.sourcesHint')), slot(ed, 'sources'))));
  }

  /** One language column: title, questions, keywords, answer, more; `<lang>.<part>` names. */
  function buildColumn(ed, col, lang) {
    const isOther = col === ed.colOther;
    col.dataset.lang = lang;
    const block = () => {
      if (!ed.form.text[lang]) ed.form.text[lang] = { title: '', questions: '', keywords: '', answer: '', more: '' };
      return ed.form.text[lang];
    };
    const values = ed.form.text[lang] || { title: '', questions: '', keywords: '', answer: '', more: '' };
    const idFor = (part) => `kb-${lang}-${part}`;
    const control = (part) => {
      const attrs = { name: `${lang}.${part}`, id: idFor(part), dir: 'auto', lang, value: values[part] };
      let node;
      if (part === 'title') node = el('input', { ...attrs, autocomplete: 'off' });
      else node = el('textarea', { ...attrs, rows: { questions: 7, keywords: 4, answer: 8, more: 4 }[part] });
      node.addEventListener('input', () => changed(ed, () => (block()[part] = node.value), () => updateCounters()));
      return node;
    };
    const controls = Object.fromEntries(PARTS.map((part) => [part, control(part)]));
    const answerCount = el('span', { class: 'counter', 'data-testid': 'answer-count', 'data-lang': lang });
    const variantCount = el('span', { class: 'counter', 'data-testid': 'variant-count', 'data-lang': lang });
    function updateCounters() {
      const chars = [...controls.answer.value.trim()].length;
      answerCount.textContent = t('editor.entry.answerCount', { count: chars, max: MAX_ANSWER_CHARS });
      answerCount.classList.toggle('over', chars > MAX_ANSWER_CHARS);
      answerCount.title = chars > MAX_ANSWER_CHARS ? t('editor.entry.answerTooLong') : '';
      const variants = lines(controls.questions.value).length;
      variantCount.textContent = t('editor.entry.variantCount', { count: variants, min: MIN_VARIANTS });
      variantCount.classList.toggle('over', variants < MIN_VARIANTS);
      variantCount.title = variants < MIN_VARIANTS ? t('editor.entry.fewVariants', { min: MIN_VARIANTS }) : '';
    }
    updateCounters();

    const fieldBox = (part, label, hint, extra) => el('div', { class: 'field efield' },
      el('div', { class: 'label-row' }, el('label', { for: idFor(part) }, label), extra || null),
      controls[part],
      hint ? el('span', { class: 'hint' }, hint) : null,
      slot(ed, `${lang}.${part}`));

    let head;
    if (isOther) {
      ed.otherSelect = el('select', { 'data-testid': 'kb-other-lang', id: 'kb-other-lang', 'aria-label': t('editor.entry.otherLang') });
      ed.otherSelect.addEventListener('change', () => {
        ed.otherLang = ed.otherSelect.value;
        storeDraft(ed);
        buildColumn(ed, ed.colOther, ed.otherLang);
        renderPreviewToggle(ed);
        refreshPreview(ed);
      });
      head = el('div', { class: 'col-head' }, el('label', { for: 'kb-other-lang', class: 'col-title' }, t('editor.entry.translation')), ed.otherSelect);
    } else {
      head = el('div', { class: 'col-head' }, el('h3', { class: 'col-title' }, langLabel('it')), el('span', { class: 'muted small' }, t('editor.entry.reference')));
    }
    const reviewBox = isOther ? (ed.reviewBox = el('div', { class: 'review-slot' })) : null;

    fill(col,
      head,
      reviewBox,
      ed.form.text[lang] ? null : el('p', { class: 'hint missing-note', 'data-testid': 'lang-missing' }, lang === 'it' ? t('editor.entry.noTextIt') : t('editor.entry.noText', { lang: langName(lang) })),
      fieldBox('title', t('editor.fields.title'), null),
      fieldBox('questions', t('editor.fields.questions'), t('editor.entry.questionsHint'), variantCount),
      fieldBox('keywords', t('editor.fields.keywords'), t('editor.entry.keywordsHint')),
      fieldBox('answer', t('editor.fields.answer'), t('editor.entry.answerHint'), answerCount),
      fieldBox('more', t('editor.fields.more'), t('editor.entry.moreHint')));
    if (isOther) {
      renderOtherLangOptions(ed);
      renderReviewBanner(ed);
    }
    placeProblems(ed);
  }

  /** The language choice says which languages have something to do. */
  function renderOtherLangOptions(ed) {
    if (!ed.otherSelect) return;
    fill(ed.otherSelect, OTHER_LANGS.map((lang) => {
      const notes = [];
      if (ed.needsReview.includes(lang)) notes.push(t('editor.flags.needs-review'));
      if (!ed.form.text[lang]) notes.push(t('editor.flags.missing'));
      return el('option', { value: lang, selected: lang === ed.otherLang }, notes.length ? t('editor.entry.langOption', { lang: langLabel(lang), notes: notes.join(', ') }) : langLabel(lang));
    }));
  }

  /** "The Italian answer changed on <date>: check this translation", with "Still correct". */
  function renderReviewBanner(ed) {
    if (!ed.reviewBox) return;
    const lang = ed.otherLang;
    if (ed.isNew || !ed.needsReview.includes(lang)) {
      fill(ed.reviewBox);
      return;
    }
    const date = italianChangeDate(ed.data.history || []);
    const button = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'confirm-review', onclick: () => confirmReview(ed, lang, button) }, t('editor.review.confirm'));
    fill(ed.reviewBox,
      el('div', { class: 'review-banner', 'data-testid': 'needs-review', 'data-lang': lang, role: 'status' },
        el('p', { class: 'review-title' }, date ? t('editor.review.banner', { date }) : t('editor.review.bannerNoDate')),
        el('p', { class: 'small' }, t('editor.review.hint', { lang: langName(lang) })),
        button));
  }

  /** When the Italian answer last changed: the newest published version that touched it. */
  function italianChangeDate(history) {
    const touched = (v) => (v.changes || []).some((field) => /^text\.it\.(answer|more)\b/.test(field));
    const published = history.filter((v) => v.status !== 'rejected' && v.status !== 'pending');
    const version = published.find(touched) || published[0];
    return version ? formatDate(version.at) : '';
  }

  async function confirmReview(ed, lang, button) {
    button.disabled = true;
    try {
      const data = await api('POST', topicPath(ed.id, 'confirm-review'), { lang });
      if (ws.ed !== ed) return;
      ed.needsReview = data.needsReview || ed.needsReview.filter((l) => l !== lang);
      if (ed.data) ed.data.needsReview = ed.needsReview;
      flash(t('editor.review.confirmed', { lang: langName(lang) }), 'ok');
      knowledgeChanged();
      renderReviewBanner(ed);
      renderOtherLangOptions(ed);
    } catch (err) {
      button.disabled = false;
      failed(err);
    }
  }

  // ----- Changes, unsaved drafts, approval note --------------------------------------------------

  /** Every edit goes through here: update the model, remember the draft, refresh what depends on it. */
  function changed(ed, apply, after) {
    apply();
    if (after) after();
    storeDraft(ed);
    renderApprovalNote(ed);
    schedulePreview(ed);
  }

  function isDirty(ed) {
    return !sameEntry(toEntry(ed.form), toEntry(fromEntry(ed.loaded)));
  }

  function storeDraft(ed) {
    if (ws.ed !== ed) return;
    if (ed.isNew) {
      if (ws.newDraft) Object.assign(ws.newDraft, { form: ed.form, otherLang: ed.otherLang, reason: ed.reason });
      return;
    }
    if (isDirty(ed) || (ed.reason || '').trim()) ws.drafts.set(ed.id, { form: ed.form, otherLang: ed.otherLang, baseVersion: ed.baseVersion, reason: ed.reason });
    else ws.drafts.delete(ed.id);
  }

  function discard(ed) {
    if (ed.isNew) {
      if (ws.newDraft) ws.newDraft = { entry: ws.newDraft.entry };
    } else {
      ws.drafts.delete(ed.id);
    }
    showEditor(ed.id);
  }

  function renderApprovalNote(ed) {
    const dirty = isDirty(ed);
    ed.discardButton.hidden = !dirty;
    if (!dirty && !ed.isNew) {
      ed.approvalNote.textContent = t('editor.entry.noChanges');
      ed.approvalNote.dataset.status = 'none';
      return;
    }
    const reasons = predictApproval(ed.published, toEntry(ed.form));
    ed.approvalNote.dataset.status = reasons.length ? 'pending' : 'published';
    ed.approvalNote.textContent = reasons.length ? t('editor.entry.needsApproval', { reasons: approvalReasons(reasons) }) : t('editor.entry.publishesNow');
  }

  // ----- Saving ----------------------------------------------------------------------------------

  async function save(ed, acknowledgeWarnings) {
    if (ed.busy) return;
    const entry = toEntry(ed.form);
    const reason = ed.reasonInput.value.trim();
    const local = [];
    if (ed.isNew && !entry.id) local.push({ field: 'id', message: t('editor.entry.idRequired'), severity: 'error' });
    if (!reason) local.push({ field: 'reason', message: t('editor.entry.reasonRequired'), severity: 'error' });
    if (local.length) {
      showProblems(ed, local);
      return;
    }
    const body = { entry, reason };
    if (!ed.isNew) body.baseVersion = ed.baseVersion;
    // A topic made from inbox questions takes them out of the inbox once saved.
    if (ed.isNew && ws.newDraft && ws.newDraft.fromInbox) body.questionIds = ws.newDraft.fromInbox;
    if (acknowledgeWarnings) body.acknowledgeWarnings = true;
    await runSave(ed, () => api('POST', ed.isNew ? '/kb/topics' : topicPath(ed.id), body), (ack) => save(ed, ack), async (result) => {
      if (ed.isNew) {
        ws.newDraft = null;
        ws.results.set(entry.id, result);
        location.hash = `#/kb/t/${encodeURIComponent(entry.id)}`;
        return;
      }
      ws.drafts.delete(ed.id);
      ed.reasonInput.value = '';
      ed.reason = '';
      await reloadData(ed);
      if (ws.ed === ed) fill(ed.feedback, saveResult(result));
    });
  }

  /**
   * Runs a request that writes a version (save, restore) and says what happened in the feedback area:
   * problems next to their fields (400), the evaluation warnings with "save anyway" (409), someone
   * else's save (409 conflict), or the result.
   */
  async function runSave(ed, request, again, onSaved) {
    ed.busy = true;
    ed.saveButton.disabled = true;
    clearProblems(ed);
    fill(ed.feedback, el('p', { class: 'muted' }, t('editor.entry.saving')));
    try {
      const result = await request();
      if (ws.ed !== ed) return;
      fill(ed.feedback);
      flash(resultHeadline(result), 'ok');
      knowledgeChanged();
      await onSaved(result);
    } catch (err) {
      if (ws.ed !== ed) return;
      fill(ed.feedback);
      const body = (err && err.body) || {};
      if (err.status === 400 && Array.isArray(body.problems)) {
        showProblems(ed, body.problems);
      } else if (err.status === 409 && body.error === 'evaluation-warnings') {
        fill(ed.feedback, evalWarningsPanel(body.warnings || [], ed.topics, () => again(true), () => fill(ed.feedback)));
      } else if (err.status === 409) {
        fill(ed.feedback, conflictPanel(ed, body.version));
      } else {
        failed(err);
        if (err.status !== 401 && ws.ed === ed && ed.feedback.isConnected) fill(ed.feedback, el('p', { class: 'field-problem', role: 'alert' }, errorMessage(err)));
      }
    } finally {
      ed.busy = false;
      ed.saveButton.disabled = false;
    }
    if (ws.ed === ed && ed.feedback.firstChild) ed.feedback.scrollIntoView({ block: 'nearest' });
  }

  /** After a save, approval or review: the server's view again; the fields keep what is typed. */
  async function reloadData(ed) {
    try {
      const data = await api('GET', topicPath(ed.id));
      if (ws.ed !== ed) return;
      setData(ed, data);
      ed.baseVersion = data.version;
      ed.restored = false;
      renderStatus(ed);
    } catch (err) {
      failed(err);
    }
  }

  function resultHeadline(result) {
    if (result && result.status === 'pending') return t('editor.result.pending');
    return Number.isFinite(result && result.publishMs) ? t('editor.result.published', { ms: formatNumber(result.publishMs) }) : t('editor.result.publishedNoTime');
  }

  /** "Published in N ms" or "waiting for a second editor's approval", and what now needs review. */
  function saveResult(result) {
    const status = result && result.status === 'pending' ? 'pending' : 'published';
    const warnings = ((result && result.warnings) || []).filter((w) => w && w.message);
    return el('div', { class: `result result-${status}`, 'data-testid': 'save-result', 'data-status': status, role: 'status' },
      el('p', { class: 'result-title' }, resultHeadline(result)),
      status === 'pending' && result.needsApproval && result.needsApproval.length ? el('p', {}, t('editor.result.why', { reasons: approvalReasons(result.needsApproval) })) : null,
      status === 'pending' ? el('p', { class: 'small' }, t('editor.result.pendingHint')) : null,
      result && result.needsReview && result.needsReview.length ? el('p', { 'data-testid': 'needs-review-langs' }, t('editor.result.needsReview', { langs: langNames(result.needsReview) })) : null,
      warnings.length
        ? el('div', { class: 'result-warnings' }, el('p', {}, t('editor.result.warnings')),
          el('ul', {}, warnings.map((w) => el('li', { 'data-field': w.field || '' }, w.field ? `${fieldLabel(w.field)}: ` : '', w.message))))
        : null);
  }

  function evalWarningsPanel(warnings, topics, onAnyway, onCancel) {
    const anyway = el('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'save-anyway' }, t('editor.eval.anyway'));
    anyway.addEventListener('click', () => {
      anyway.disabled = true;
      onAnyway();
    });
    return el('div', { class: 'panel eval-warnings', 'data-testid': 'eval-warnings', role: 'alert' },
      el('p', { class: 'panel-title' }, t('editor.eval.title')),
      el('p', { class: 'small' }, t('editor.eval.intro')),
      el('ul', { class: 'eval-list' }, warnings.map((w) => el('li', { 'data-testid': 'eval-warning', 'data-lang': w.lang || '' },
        el('bdi', { class: 'eval-text' }, `«${String(w.text == null ? '' : w.text)}»`), ' ',
        t('editor.eval.item', { lang: w.lang || '?', expected: topicName(w.expected, topics), after: topicName(w.after, topics) })))),
      el('div', { class: 'panel-buttons' },
        anyway,
        el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'eval-back', onclick: onCancel }, t('editor.eval.back'))));
  }

  function conflictPanel(ed, version) {
    return el('div', { class: 'panel conflict', 'data-testid': 'kb-conflict', role: 'alert' },
      el('p', { class: 'panel-title' }, version ? t('editor.conflict.titleVersion', { version }) : t('editor.conflict.title')),
      el('p', { class: 'small' }, t('editor.conflict.hint')),
      el('div', { class: 'panel-buttons' },
        el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'kb-reload', onclick: () => discard(ed) }, t('editor.conflict.reload')),
        el('button', { type: 'button', class: 'btn btn-quiet', onclick: () => fill(ed.feedback) }, t('editor.conflict.keep'))));
  }

  // ----- Problems next to their fields -----------------------------------------------------------

  /** "text.it.answer" → "it.answer", "sources.0" → "sources", "text.fr.questions.3" → "fr.questions". */
  function slotName(field) {
    const parts = String(field || '').split('.');
    if (parts[0] === 'text' && parts.length >= 3) return `${parts[1]}.${parts[2]}`;
    return parts[0];
  }

  function clearProblems(ed) {
    ed.problems = [];
    placeProblems(ed);
  }

  function showProblems(ed, problems) {
    ed.problems = problems;
    placeProblems(ed);
    fill(ed.feedback, problemsSummary(ed, problems));
    ed.feedback.scrollIntoView({ block: 'nearest' });
  }

  function placeProblems(ed) {
    for (const node of ed.slots.values()) {
      node.replaceChildren();
      const box = node.closest('.efield');
      if (box) box.classList.remove('has-problem');
    }
    for (const problem of ed.problems) {
      const node = ed.slots.get(slotName(problem.field));
      if (!node || !node.isConnected) continue;
      node.append(el('p', { class: `field-problem${problem.severity === 'warning' ? ' field-warning' : ''}`, 'data-testid': 'field-problem', 'data-field': problem.field || '' }, String(problem.message || t('errors.invalid'))));
      const box = node.closest('.efield') || node.parentElement;
      if (box && problem.severity !== 'warning') box.classList.add('has-problem');
    }
  }

  /** The list above the Save button; problems in a language not on screen offer to show it. */
  function problemsSummary(ed, problems) {
    const errors = problems.filter((p) => p.severity !== 'warning');
    return el('div', { class: 'panel problems', 'data-testid': 'save-problems', role: 'alert' },
      el('p', { class: 'panel-title' }, errors.length ? t('editor.problems.title', { count: errors.length }) : t('editor.problems.warningsOnly')),
      el('ul', {}, problems.map((problem) => {
        const lang = /^text\.(\w+)\./.exec(problem.field || '');
        const hidden = lang && lang[1] !== 'it' && lang[1] !== ed.otherLang && OTHER_LANGS.includes(lang[1]);
        const target = ed.slots.get(slotName(problem.field));
        const label = problem.field ? fieldLabel(problem.field) : t('editor.problems.general');
        return el('li', { class: problem.severity === 'warning' ? 'is-warning' : '' },
          target && !hidden ? el('button', { type: 'button', class: 'link-button', title: t('editor.problems.goTo'), onclick: () => focusField(target) }, label) : el('strong', {}, label),
          ': ', String(problem.message || ''),
          hidden ? [' ', el('button', { type: 'button', class: 'btn btn-small', onclick: () => switchOther(ed, lang[1]) }, t('editor.problems.show', { lang: langName(lang[1]) }))] : null);
      })));
  }

  /** Moves to the field a problem is about: its control gets the focus. */
  function focusField(slotNode) {
    const box = slotNode.closest('.efield') || slotNode.parentElement;
    const control = box && box.querySelector('input:not([type="checkbox"]), textarea, select, input');
    if (!control) return;
    control.scrollIntoView({ block: 'center' });
    control.focus();
  }

  function switchOther(ed, lang) {
    ed.otherLang = lang;
    storeDraft(ed);
    buildColumn(ed, ed.colOther, lang);
    renderPreviewToggle(ed);
    refreshPreview(ed);
    ed.colOther.scrollIntoView({ block: 'start' });
  }

  // ----- Pending version: approve or reject ------------------------------------------------------

  function renderPendingBox(ed) {
    const pending = ed.data && ed.data.pending;
    if (!pending) {
      fill(ed.pendingBox);
      ed.pendingBox.hidden = true;
      return;
    }
    ed.pendingBox.hidden = false;
    const mine = pending.author === me();
    const diffArea = el('div', { class: 'diff-area' }, el('p', { class: 'muted small' }, t('common.loading')));
    const actions = el('div', { class: 'pending-actions' });
    const approve = el('button', { type: 'button', class: 'btn btn-success', 'data-testid': 'kb-approve', disabled: mine, 'aria-describedby': mine ? 'approve-note' : null }, t('editor.pending.approve'));
    approve.addEventListener('click', () => approveVersion(ed, pending, approve));
    const showButtons = () => fill(actions,
      el('div', { class: 'panel-buttons' },
        approve,
        el('button', { type: 'button', class: 'btn', 'data-testid': 'kb-reject', onclick: askReason }, t('editor.pending.reject'))),
      mine ? el('p', { class: 'note-mine', id: 'approve-note', 'data-testid': 'approve-note' }, t('editor.pending.mine')) : null);
    function askReason() {
      const input = el('input', { name: 'rejectReason', id: 'kb-reject-reason', 'data-testid': 'reject-reason', dir: 'auto', autocomplete: 'off', placeholder: t('editor.pending.rejectPlaceholder') });
      const problem = el('p', { class: 'field-problem', hidden: true });
      const confirm = el('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'confirm-yes' }, t('editor.pending.rejectYes'));
      const form = el('form', { class: 'panel confirm-abandon', 'data-testid': 'reject-form', novalidate: true },
        el('label', { class: 'field', for: 'kb-reject-reason' }, el('span', {}, t('editor.pending.rejectReason')), input),
        problem,
        el('div', { class: 'panel-buttons' }, confirm, el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'confirm-no', onclick: showButtons }, t('common.cancel'))));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!input.value.trim()) {
          problem.textContent = t('editor.pending.rejectReasonRequired');
          problem.hidden = false;
          input.focus();
          return;
        }
        rejectVersion(ed, pending, input.value.trim(), confirm);
      });
      fill(actions, form);
      input.focus();
    }
    showButtons();
    fill(ed.pendingBox,
      el('h3', {}, t('editor.pending.title', { version: pending.version })),
      el('p', {}, t('editor.pending.who', { author: pending.author, when: formatFullWhen(pending.at) }), ' ', el('bdi', { class: 'reason-text' }, `«${pending.reason || ''}»`)),
      pending.needsApproval && pending.needsApproval.length ? el('p', { class: 'small' }, t('editor.pending.why', { reasons: approvalReasons(pending.needsApproval) })) : null,
      el('p', { class: 'small muted' }, t('editor.pending.diffIntro')),
      diffArea,
      actions);
    loadDiff(ed, ed.data.version, pending.version, diffArea);
  }

  /** After an approval or a restore: say what happened and show the topic as it now is. */
  function showPublished(ed, result) {
    flash(resultHeadline(result), 'ok');
    knowledgeChanged();
    ws.drafts.delete(ed.id);
    ws.results.set(ed.id, result);
    showEditor(ed.id);
  }

  async function approveVersion(ed, pending, button) {
    button.disabled = true;
    try {
      const result = await api('POST', topicPath(ed.id, 'approve'), { version: pending.version });
      if (ws.ed !== ed) return;
      showPublished(ed, result);
    } catch (err) {
      if (ws.ed !== ed) return;
      button.disabled = false;
      if (err.status === 403 && err.body && err.body.error === 'same-editor') flash(t('editor.pending.mine'));
      else if (err.status === 409) {
        flash(t('editor.pending.gone'));
        reloadData(ed);
      } else failed(err);
    }
  }

  async function rejectVersion(ed, pending, reason, button) {
    button.disabled = true;
    try {
      await api('POST', topicPath(ed.id, 'reject'), { version: pending.version, reason });
      if (ws.ed !== ed) return;
      flash(t('editor.pending.rejected'), 'ok');
      knowledgeChanged();
      // The fields showed the rejected text: start again from what is published.
      ws.drafts.delete(ed.id);
      showEditor(ed.id);
    } catch (err) {
      if (ws.ed !== ed) return;
      button.disabled = false;
      if (err.status === 409) {
        flash(t('editor.pending.gone'));
        reloadData(ed);
      } else failed(err);
    }
  }

  // ----- Differences -----------------------------------------------------------------------------

  async function loadDiff(ed, from, to, area) {
    try {
      const data = await api('GET', `${topicPath(ed.id, 'diff')}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      if (!area.isConnected) return;
      fill(area, diffTable(data.changes || []));
    } catch (err) {
      if (area.isConnected) fill(area, el('p', { class: 'field-problem' }, errorMessage(err)));
    }
  }

  /** Field, before (removed words struck through), after (added words highlighted). */
  function diffTable(changes) {
    if (!changes.length) return el('p', { class: 'muted', 'data-testid': 'kb-diff', 'data-empty': 'true' }, t('editor.diff.none'));
    return el('div', { class: 'table-wrap' },
      el('table', { class: 'data diff', 'data-testid': 'kb-diff' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t('editor.diff.field')),
          el('th', { scope: 'col' }, t('editor.diff.before')),
          el('th', { scope: 'col' }, t('editor.diff.after')))),
        el('tbody', {}, changes.map((change) => {
          const [before, after] = diffSides(change.before, change.after);
          return el('tr', { 'data-field': change.field || '' },
            el('th', { scope: 'row' }, fieldLabel(change.field)),
            el('td', { class: 'diff-before', dir: 'auto' }, before),
            el('td', { class: 'diff-after', dir: 'auto' }, after));
        }))));
  }

  /** Lists arrive as JSON: one item per line. Strings are compared word by word. */
  function diffTokens(value) {
    if (value === null || value === undefined || value === '') return { tokens: [], list: false };
    let parsed = value;
    if (typeof value === 'string' && /^\s*\[/.test(value)) {
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = value;
      }
    }
    if (Array.isArray(parsed)) return { tokens: parsed.map((item) => `${typeof item === 'string' ? item : JSON.stringify(item)}\n`), list: true };
    return { tokens: String(typeof parsed === 'string' ? parsed : JSON.stringify(parsed)).split(/(\s+)/).filter((x) => x !== ''), list: false };
  }

  function diffSides(beforeValue, afterValue) {
    const a = diffTokens(beforeValue).tokens;
    const b = diffTokens(afterValue).tokens;
    const empty = () => el('span', { class: 'muted' }, t('editor.diff.empty'));
    if (!a.length && !b.length) return [empty(), empty()];
    const ops = lcsDiff(a, b);
    const before = [];
    const after = [];
    for (const op of ops) {
      if (op.kind === 'same') {
        before.push(op.text);
        after.push(op.text);
      } else if (op.kind === 'del') {
        before.push(/^\s+$/.test(op.text) ? op.text : el('del', {}, op.text));
      } else {
        after.push(/^\s+$/.test(op.text) ? op.text : el('ins', {}, op.text));
      }
    }
    return [a.length ? before : [empty()], b.length ? after : [empty()]];
  }

  /** Longest common subsequence over tokens; very long texts fall back to "all removed, all added". */
  function lcsDiff(a, b) {
    if (a.length * b.length > 250000) return [{ kind: 'del', text: a.join('') }, { kind: 'ins', text: b.join('') }];
    const n = a.length;
    const m = b.length;
    const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
    const ops = [];
    const push = (kind, text) => {
      const last = ops[ops.length - 1];
      if (last && last.kind === kind) last.text += text;
      else ops.push({ kind, text });
    };
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) {
        push('same', a[i]);
        i++;
        j++;
      } else if (table[i + 1][j] >= table[i][j + 1]) push('del', a[i++]);
      else push('ins', b[j++]);
    }
    while (i < n) push('del', a[i++]);
    while (j < m) push('ins', b[j++]);
    return ops;
  }

  // ----- History ---------------------------------------------------------------------------------

  function renderHistory(ed) {
    const history = (ed.data && ed.data.history) || [];
    fill(ed.history,
      el('h3', {}, t('editor.history.title')),
      history.length ? el('ol', { class: 'history' }, history.map((v) => historyItem(ed, v))) : el('p', { class: 'muted' }, t('editor.history.empty')));
  }

  function historyItem(ed, v) {
    const publishedVersion = ed.data.version;
    const isCurrent = v.version === publishedVersion;
    const area = el('div', { class: 'history-area' });
    const status = VERSION_STATUSES.includes(v.status) ? v.status : 'unknown';
    const buttons = el('div', { class: 'panel-buttons' },
      el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'history-view', 'data-version': v.version, onclick: () => viewVersion(ed, v, area) }, t('editor.history.view')),
      isCurrent ? null : el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'history-compare', 'data-version': v.version, onclick: () => compareVersion(ed, v, area) }, t('editor.history.compare')),
      isCurrent || v.status === 'pending' ? null : el('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'kb-restore', 'data-version': v.version, onclick: () => askRestore(ed, v, area) }, t('editor.history.restore')));
    return el('li', { class: 'history-item', 'data-testid': 'history-row', 'data-version': v.version, 'data-status': v.status },
      el('div', { class: 'row-top' },
        el('strong', {}, t('editor.history.version', { version: v.version })),
        el('span', { class: `badge version-${status}`, 'data-testid': 'version-status', 'data-status': v.status }, word('versionStatus', v.status)),
        isCurrent ? el('span', { class: 'tag tag-live' }, t('editor.history.current')) : null,
        el('span', { class: 'muted small' }, t('editor.history.by', { author: v.author || '?', when: formatFullWhen(v.at) })),
        v.approvedBy ? el('span', { class: 'muted small' }, t('editor.history.approvedBy', { name: v.approvedBy })) : null),
      v.reason ? el('p', { class: 'history-reason', dir: 'auto' }, v.reason) : null,
      (v.changes || []).length ? el('p', { class: 'small muted' }, t('editor.history.changed', { fields: v.changes.map(fieldLabel).join(', ') })) : null,
      v.status === 'pending' && (v.needsApproval || []).length ? el('p', { class: 'small muted' }, t('editor.pending.why', { reasons: approvalReasons(v.needsApproval) })) : null,
      buttons,
      area);
  }

  async function viewVersion(ed, v, area) {
    fill(area, el('p', { class: 'muted small' }, t('common.loading')));
    try {
      const data = await api('GET', `${topicPath(ed.id, 'versions')}/${encodeURIComponent(v.version)}`);
      if (!area.isConnected) return;
      fill(area, versionView(data.entry || {}, ed.otherLang, () => fill(area)));
    } catch (err) {
      if (area.isConnected) fill(area, el('p', { class: 'field-problem' }, errorMessage(err)));
    }
  }

  /** An old version, read-only: everything as text. The language on the right can be switched. */
  function versionView(entry, startLang, close) {
    const langs = OTHER_LANGS.filter((lang) => entry.text && entry.text[lang]);
    let lang = langs.includes(startLang) ? startLang : langs[0];
    const cols = el('div', { class: 'lang-columns readonly-columns' });
    const select = langs.length > 1
      ? el('select', { 'aria-label': t('editor.entry.otherLang'), 'data-testid': 'version-lang' }, langs.map((l) => el('option', { value: l, selected: l === lang }, langLabel(l))))
      : null;
    const renderCols = () => fill(cols, readonlyBlock(entry, 'it'), lang ? readonlyBlock(entry, lang) : null);
    if (select) {
      select.addEventListener('change', () => {
        lang = select.value;
        renderCols();
      });
    }
    renderCols();
    return el('div', { class: 'panel version-view', 'data-testid': 'kb-version-view' },
      el('div', { class: 'panel-head' }, el('strong', {}, t('editor.history.readOnly')), select, el('button', { type: 'button', class: 'btn btn-small btn-quiet', onclick: close }, t('editor.history.close'))),
      el('dl', { class: 'facts' },
        fact(t('editor.fields.desk'), deskLabel(entry.desk)),
        fact(t('editor.fields.sensitive'), entry.sensitive ? t('editor.yes') : t('editor.no')),
        fact(t('editor.fields.reviewed'), formatDate(entry.reviewed)),
        fact(t('editor.fields.sources'), (entry.sources || []).join(' · ') || t('time.none'))),
      cols);
  }

  function fact(label, value) {
    return el('div', { class: 'fact' }, el('dt', {}, label), el('dd', {}, value));
  }

  function readonlyBlock(entry, lang) {
    const b = entry.text && entry.text[lang];
    if (!b) return el('div', { class: 'lang-col' }, el('h4', {}, langLabel(lang)), el('p', { class: 'muted' }, t('editor.flagsLong.missing')));
    const item = (label, value) => el('div', { class: 'ro-field' }, el('div', { class: 'ro-label' }, label), value);
    const list = (values) => ((values || []).length ? el('ul', { class: 'ro-list' }, values.map((q) => el('li', { dir: 'auto' }, q))) : el('span', { class: 'muted' }, t('time.none')));
    return el('div', { class: 'lang-col', lang },
      el('h4', {}, langLabel(lang)),
      item(t('editor.fields.title'), el('div', { dir: 'auto' }, b.title || '')),
      item(t('editor.fields.questions'), list(b.questions)),
      item(t('editor.fields.keywords'), list(b.keywords)),
      item(t('editor.fields.answer'), el('div', { class: 'ro-text', dir: 'auto' }, b.answer || '')),
      b.more ? item(t('editor.fields.more'), el('div', { class: 'ro-text', dir: 'auto' }, b.more)) : null);
  }

  function compareVersion(ed, v, area) {
    fill(area, el('p', { class: 'small muted' }, t('editor.history.compareIntro', { version: v.version, published: ed.data.version })), el('div', {}, el('p', { class: 'muted small' }, t('common.loading'))));
    loadDiff(ed, ed.data.version, v.version, area.lastChild);
  }

  /** Restoring writes a new version (which may need approval): ask once, inline. */
  function askRestore(ed, v, area) {
    const yes = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'confirm-yes' }, t('editor.history.restoreYes'));
    yes.addEventListener('click', () => restoreVersion(ed, v, area, yes, false));
    fill(area,
      el('div', { class: 'panel confirm', 'data-testid': 'restore-confirm', role: 'group' },
        el('p', {}, t('editor.history.restoreConfirm', { version: v.version })),
        isDirty(ed) ? el('p', { class: 'small field-problem' }, t('editor.history.restoreLosesDraft')) : null,
        el('div', { class: 'panel-buttons' }, yes, el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'confirm-no', onclick: () => fill(area) }, t('common.cancel')))));
  }

  async function restoreVersion(ed, v, area, button, acknowledgeWarnings) {
    button.disabled = true;
    const body = { version: v.version };
    if (acknowledgeWarnings) body.acknowledgeWarnings = true;
    try {
      const result = await api('POST', topicPath(ed.id, 'restore'), body);
      if (ws.ed !== ed) return;
      showPublished(ed, result);
    } catch (err) {
      if (ws.ed !== ed) return;
      button.disabled = false;
      const b = (err && err.body) || {};
      if (err.status === 400 && Array.isArray(b.problems)) {
        fill(area, el('div', { class: 'panel problems', 'data-testid': 'save-problems', role: 'alert' },
          el('p', { class: 'panel-title' }, t('editor.problems.title', { count: b.problems.length })),
          el('ul', {}, b.problems.map((p) => el('li', { 'data-testid': 'field-problem', 'data-field': p.field || '' }, el('strong', {}, fieldLabel(p.field)), ': ', String(p.message || ''))))));
      } else if (err.status === 409 && b.error === 'evaluation-warnings') {
        fill(area, evalWarningsPanel(b.warnings || [], ed.topics, () => restoreVersion(ed, v, area, button, true), () => fill(area)));
      } else if (err.status === 409) {
        fill(area, conflictPanel(ed, b.version));
      } else failed(err);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Preview: the answer as people get it on Telegram and WhatsApp
  // ---------------------------------------------------------------------------------------------

  function previewPanel(ed) {
    ed.previewToggle = el('input', { type: 'checkbox', 'data-testid': 'preview-italian', id: 'kb-preview-it', checked: ed.previewIt });
    ed.previewToggle.addEventListener('change', () => {
      ed.previewIt = ed.previewToggle.checked;
      refreshPreview(ed);
    });
    ed.previewToggleLabel = el('span', {});
    ed.previewState = el('p', { class: 'muted small preview-state', 'data-testid': 'preview-state', role: 'status' });
    ed.previewTelegram = el('div', { class: 'phone-screen' });
    ed.previewWhatsapp = el('div', { class: 'phone-screen' });
    renderPreviewToggle(ed);
    return el('section', { class: 'card-section', 'data-testid': 'kb-preview' },
      el('div', { class: 'section-head' },
        el('div', {}, el('h3', {}, t('editor.preview.title')), el('p', { class: 'muted small' }, t('editor.preview.intro'))),
        el('div', { class: 'section-tools' },
          el('label', { class: 'check', for: 'kb-preview-it' }, ed.previewToggle, ' ', ed.previewToggleLabel),
          el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'preview-refresh', onclick: () => refreshPreview(ed) }, t('editor.preview.refresh')))),
      ed.previewState,
      el('div', { class: 'phones' },
        el('div', { class: 'phone phone-telegram', 'data-testid': 'preview-telegram' }, el('div', { class: 'phone-bar' }, 'Telegram'), ed.previewTelegram),
        el('div', { class: 'phone phone-whatsapp', 'data-testid': 'preview-whatsapp' }, el('div', { class: 'phone-bar' }, 'WhatsApp'), ed.previewWhatsapp)));
  }

  function renderPreviewToggle(ed) {
    if (ed.previewToggleLabel) ed.previewToggleLabel.textContent = t('editor.preview.showItalian', { lang: langName(ed.otherLang) });
  }

  function schedulePreview(ed) {
    clearTimeout(ed.previewTimer);
    ed.previewTimer = setTimeout(() => refreshPreview(ed), PREVIEW_IDLE_MS);
  }

  async function refreshPreview(ed) {
    clearTimeout(ed.previewTimer);
    if (ws.ed !== ed) return;
    const seq = ++ed.previewSeq;
    const lang = ed.previewIt ? 'it' : ed.otherLang;
    ed.previewState.textContent = t('editor.preview.updating', { lang: langName(lang) });
    let data;
    try {
      data = await api('POST', '/kb/preview', { entry: toEntry(ed.form), lang });
    } catch (err) {
      if (seq !== ed.previewSeq || ws.ed !== ed) return;
      const problems = err.status === 400 && err.body && Array.isArray(err.body.problems) ? err.body.problems : null;
      ed.previewState.textContent = problems ? t('editor.preview.invalid', { problems: problems.map((p) => `${fieldLabel(p.field)}: ${p.message}`).join('; ') }) : errorMessage(err);
      if (!problems) failed(err);
      return;
    }
    if (seq !== ed.previewSeq || ws.ed !== ed) return;
    const rtl = !!data.rtl;
    ed.previewState.textContent = t('editor.preview.shown', { lang: langName(lang), time: new Intl.DateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date()) });
    fill(ed.previewTelegram, ...((data.telegram || []).map((m) => telegramBubble(m, rtl))), (data.telegram || []).length ? null : el('p', { class: 'muted small' }, t('editor.preview.none')));
    fill(ed.previewWhatsapp, ...((data.whatsapp || []).map((m) => whatsappBubble(m, rtl))), (data.whatsapp || []).length ? null : el('p', { class: 'muted small' }, t('editor.preview.none')));
  }

  function bubbleDir(rtl) {
    return rtl ? 'rtl' : 'auto';
  }

  function telegramBubble(message, rtl) {
    const rows = Array.isArray(message.buttons) ? message.buttons : [];
    return el('div', { class: 'bubble-wrap', dir: bubbleDir(rtl) },
      el('div', { class: 'bubble', 'data-testid': 'preview-message', dir: bubbleDir(rtl) }, telegramNodes(String(message.html || ''))),
      rows.length
        ? el('div', { class: 'chips chips-telegram', 'aria-label': t('editor.preview.buttons') }, rows.map((row) => el('div', { class: 'chip-row' }, (Array.isArray(row) ? row : [row]).map((title) => chip(title)))))
        : null);
  }

  function whatsappBubble(message, rtl) {
    const buttons = Array.isArray(message.buttons) ? message.buttons : [];
    const list = message.list && typeof message.list === 'object' ? message.list : null;
    return el('div', { class: 'bubble-wrap', dir: bubbleDir(rtl) },
      el('div', { class: 'bubble', 'data-testid': 'preview-message', dir: bubbleDir(rtl) }, whatsappNodes(String(message.text || ''))),
      buttons.length ? el('div', { class: 'chips chips-whatsapp', 'aria-label': t('editor.preview.buttons') }, buttons.map((title) => chip(title))) : null,
      list
        ? el('div', { class: 'wa-list' },
          chip(`☰ ${list.button || ''}`),
          el('ul', { class: 'wa-list-rows', 'aria-label': t('editor.preview.listRows') }, (list.rows || []).map((row) => el('li', { dir: 'auto' }, typeof row === 'string' ? row : (row && row.title) || ''))))
        : null);
  }

  /** Buttons are shown, not pressed: plain text with the look of a button. */
  function chip(title) {
    return el('span', { class: 'chip', dir: 'auto' }, String(title == null ? '' : title));
  }

  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  const TELEGRAM_TAGS = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', ins: 'u', s: 's', strike: 's', del: 's', code: 'code', pre: 'pre', a: 'a' };

  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (whole, name) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : whole;
    });
  }

  /**
   * The Telegram HTML subset, read by hand: <b>, <i>, <u>, <s>, <code>, <pre> and <a href="https://...">
   * become elements; any other tag, a link that is not https, a stray "<" – all of it stays text.
   * Nothing here ever reaches innerHTML.
   */
  function telegramNodes(html) {
    const root = document.createDocumentFragment();
    const stack = [{ tag: null, node: root }];
    const top = () => stack[stack.length - 1].node;
    const pattern = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*(\/?)>/g;
    let last = 0;
    let match;
    const text = (chunk) => {
      if (chunk) top().append(document.createTextNode(decodeEntities(chunk)));
    };
    while ((match = pattern.exec(html))) {
      const [whole, closing, rawName, attrs] = match;
      const name = rawName.toLowerCase();
      const tag = TELEGRAM_TAGS[name];
      text(html.slice(last, match.index));
      last = match.index + whole.length;
      if (!tag) {
        top().append(document.createTextNode(decodeEntities(whole))); // unknown tag: shown as written
        continue;
      }
      if (closing) {
        const at = stack.map((s) => s.tag).lastIndexOf(name);
        if (at > 0) stack.length = at;
        else top().append(document.createTextNode(whole));
        continue;
      }
      let node;
      if (tag === 'a') {
        const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attrs || '');
        const url = href ? decodeEntities(href[1] ?? href[2] ?? href[3] ?? '').trim() : '';
        node = /^https:\/\/[^\s]+$/i.test(url)
          ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', title: url })
          : el('span', { class: 'link-blocked', title: t('editor.preview.linkBlocked') });
      } else {
        node = el(tag, {});
      }
      top().append(node);
      stack.push({ tag: name, node });
    }
    text(html.slice(last));
    return root;
  }

  /** WhatsApp's own marks: *bold*, _italic_, ~struck~, ```monospace```; the rest is text. */
  function whatsappNodes(text) {
    const root = document.createDocumentFragment();
    const pattern = /```([\s\S]+?)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text))) {
      if (match.index > last) root.append(text.slice(last, match.index));
      if (match[1] !== undefined) root.append(el('code', {}, match[1]));
      else if (match[2] !== undefined) root.append(el('b', {}, match[2]));
      else if (match[3] !== undefined) root.append(el('i', {}, match[3]));
      else root.append(el('s', {}, match[4]));
      last = match.index + match[0].length;
    }
    if (last < text.length) root.append(text.slice(last));
    return root;
  }

  // ---------------------------------------------------------------------------------------------
  // Try it: where a question goes, with the published knowledge and with the draft
  // ---------------------------------------------------------------------------------------------

  function tryPanel(ed) {
    const input = el('input', { 'data-testid': 'try-text', id: 'kb-try-text', dir: 'auto', autocomplete: 'off', placeholder: t('editor.try.placeholder'), value: ed.tryText });
    const lang = el('select', { 'data-testid': 'try-lang', id: 'kb-try-lang', 'aria-label': t('editor.try.lang') },
      el('option', { value: '' }, t('editor.try.auto')),
      LANGUAGES.map((code) => el('option', { value: code }, langLabel(code))));
    const run = el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'try-run' }, t('editor.try.run'));
    const results = el('div', { class: 'try-results' });
    const form = el('form', { class: 'try-form', novalidate: true },
      el('label', { class: 'field try-input', for: 'kb-try-text' }, el('span', {}, t('editor.try.question')), input),
      el('label', { class: 'field', for: 'kb-try-lang' }, el('span', {}, t('editor.try.lang')), lang),
      run);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      ed.tryText = input.value;
      if (!text) {
        fill(results, el('p', { class: 'field-problem' }, t('editor.try.empty')));
        input.focus();
        return;
      }
      run.disabled = true;
      fill(results, el('p', { class: 'muted' }, t('common.loading')));
      const body = { text, entry: toEntry(ed.form) };
      if (lang.value) body.lang = lang.value;
      try {
        const data = await api('POST', '/kb/try', body);
        if (!results.isConnected) return;
        const thisId = ed.form.id.trim() || ed.id;
        fill(results,
          triedColumn(t('editor.try.published'), 'try-published', data.published, thisId, ed.topics),
          triedColumn(t('editor.try.draft'), 'try-draft', data.draft, thisId, ed.topics, data.published));
      } catch (err) {
        if (results.isConnected) fill(results, el('p', { class: 'field-problem' }, errorMessage(err)));
        if (err.status === 403) failed(err);
      } finally {
        run.disabled = false;
      }
    });
    return el('section', { class: 'card-section', 'data-testid': 'kb-try' },
      el('h3', {}, t('editor.try.title')),
      el('p', { class: 'muted small' }, t('editor.try.intro')),
      form,
      results);
  }

  function triedColumn(title, testid, tried, thisId, topics, published) {
    const heading = el('h4', {}, title);
    const box = el('div', { class: 'try-col', 'data-testid': testid }, heading);
    if (!tried) {
      box.append(el('p', { class: 'muted' }, t('editor.try.sameAsPublished')));
      return box;
    }
    const decision = DECISIONS.includes(tried.decision) ? tried.decision : 'unknown';
    const isThis = !!tried.topic && tried.topic === thisId;
    const candidates = (tried.candidates || []).filter((c) => c.topic !== tried.topic);
    box.dataset.decision = tried.decision;
    box.dataset.topic = tried.topic || '';
    fill(box, heading,
      el('p', {}, el('span', { class: `badge decision-${decision}`, 'data-testid': 'try-decision', 'data-decision': tried.decision }, word('decisions', tried.decision))),
      el('dl', { class: 'facts try-facts' },
        fact(t('editor.try.topic'), el('span', { class: `try-topic${isThis ? ' this-topic' : ''}`, 'data-testid': 'try-topic', 'data-this': String(isThis) }, tried.topic ? topicName(tried.topic, topics) : t('editor.try.noTopic'), isThis ? el('span', { class: 'tag tag-this' }, t('editor.try.thisTopic')) : null)),
        fact(t('editor.try.confidence'), el('span', { 'data-testid': 'try-confidence' }, formatPercent(Number(tried.confidence)))),
        fact(t('editor.try.detected'), langLabel(tried.lang))),
      published && published.topic !== tried.topic ? el('p', { class: 'try-changed', 'data-testid': 'try-changed' }, t('editor.try.changed')) : null,
      candidates.length
        ? el('div', {}, el('p', { class: 'small muted' }, t('editor.try.candidates')),
          el('ol', { class: 'candidates' }, candidates.map((c) => el('li', { class: c.topic === thisId ? 'this-topic' : '' },
            el('span', {}, c.title ? t('editor.topicName', { title: c.title, id: c.topic }) : topicName(c.topic, topics)), ' ',
            el('span', { class: 'score' }, t('editor.try.score', { score: formatNumber(Number(c.score), 2) }))))))
        : null);
    return box;
  }

  // ---------------------------------------------------------------------------------------------
  // Pending approvals
  // ---------------------------------------------------------------------------------------------

  async function showPendingList() {
    const body = el('div', {}, el('p', { class: 'muted' }, t('common.loading')));
    const page = el('section', { class: 'page', 'data-testid': 'kb-pending-list' },
      el('h2', {}, t('editor.pendingList.title')),
      el('p', { class: 'muted' }, t('editor.pendingList.intro')),
      body);
    fill(pane(), page);
    let pending;
    try {
      pending = (await api('GET', '/kb/pending')).pending || [];
    } catch (err) {
      failed(err, body);
      return;
    }
    if (!page.isConnected) return;
    if (ws.badge) {
      ws.badge.textContent = String(pending.length);
      ws.badge.classList.toggle('nav-count-zero', !pending.length);
      ws.badge.hidden = false;
    }
    fill(body, pending.length
      ? el('ul', { class: 'rows rows-wide' }, pending.map((p) => el('li', {}, pendingRow(p))))
      : el('p', { class: 'empty', 'data-testid': 'pending-empty' }, t('editor.pendingList.empty')));
  }

  function pendingRow(p) {
    const mine = p.author === me();
    return el('a', { class: 'row pending-row', href: `#/kb/t/${encodeURIComponent(p.id)}`, 'data-testid': 'pending-row', 'data-id': p.id, 'data-version': p.version },
      el('div', { class: 'row-top' },
        el('span', { class: 'badge badge-pending' }, t('editor.topics.pending')),
        el('span', { class: 'muted small' }, t('editor.history.version', { version: p.version })),
        el('span', { class: 'muted small' }, t('editor.history.by', { author: p.author || '?', when: formatFullWhen(p.at) })),
        mine ? el('span', { class: 'tag tag-mine' }, t('editor.pendingList.mine')) : null),
      el('div', { class: 'row-title', dir: 'auto' }, p.title ? t('editor.topicName', { title: p.title, id: p.id }) : p.id),
      p.reason ? el('div', { class: 'row-meta', dir: 'auto' }, `«${p.reason}»`) : null,
      (p.changes || []).length ? el('div', { class: 'row-meta' }, t('editor.history.changed', { fields: p.changes.map(fieldLabel).join(', ') })) : null,
      (p.needsApproval || []).length ? el('div', { class: 'row-meta' }, t('editor.pending.why', { reasons: approvalReasons(p.needsApproval) })) : null);
  }

  // ---------------------------------------------------------------------------------------------
  // Inbox: what people asked that Ponte could not answer
  // ---------------------------------------------------------------------------------------------

  async function showInbox() {
    const langSelect = el('select', { 'data-testid': 'inbox-lang', id: 'inbox-lang' },
      el('option', { value: '' }, t('editor.topics.allLanguages')),
      LANGUAGES.map((lang) => el('option', { value: lang, selected: lang === ws.inbox.lang }, langLabel(lang))));
    const daysSelect = el('select', { 'data-testid': 'inbox-days', id: 'inbox-days' },
      PERIODS.map((d) => el('option', { value: String(d), selected: d === ws.inbox.days }, t('summary.lastDays', { count: d }))));
    const result = el('div', { class: 'inbox-result', 'aria-live': 'polite' });
    const body = el('div', { class: 'inbox-body' }, el('p', { class: 'muted' }, t('common.loading')));
    const page = el('section', { class: 'page', 'data-testid': 'kb-inbox' },
      el('div', {}, el('h2', {}, t('editor.inbox.title')), el('p', { class: 'muted small' }, t('editor.inbox.intro'))),
      el('div', { class: 'filters filters-narrow' },
        el('label', { class: 'field', for: 'inbox-lang' }, el('span', {}, t('editor.topics.language')), langSelect),
        el('label', { class: 'field', for: 'inbox-days' }, el('span', {}, t('summary.period')), daysSelect)),
      result,
      body);
    fill(pane(), page);
    const load = async () => {
      const { lang, days } = ws.inbox;
      fill(body, el('p', { class: 'muted' }, t('common.loading')));
      let data;
      let topics = [];
      try {
        const params = new URLSearchParams();
        if (lang) params.set('lang', lang);
        params.set('days', String(days));
        [data] = await Promise.all([api('GET', `/inbox?${params}`), getTopics().then((d) => (topics = d.topics)).catch(() => null)]);
      } catch (err) {
        failed(err, body);
        return;
      }
      if (!page.isConnected || lang !== ws.inbox.lang || days !== ws.inbox.days) return;
      const groups = data.groups || [];
      const ctx = { body, result, topics, reload: load };
      fill(body, groups.length
        ? el('div', { class: 'groups' }, groups.map((g, i) => inboxGroup(g, i, ctx)))
        : el('p', { class: 'empty', 'data-testid': 'inbox-empty' }, t('editor.inbox.empty')));
    };
    langSelect.addEventListener('change', () => {
      ws.inbox.lang = langSelect.value;
      load();
    });
    daysSelect.addEventListener('change', () => {
      ws.inbox.days = Number(daysSelect.value);
      load();
    });
    load();
  }

  function inboxGroup(group, index, ctx) {
    const questions = group.questions || [];
    const boxes = questions.map((q) => el('input', { type: 'checkbox', checked: true, value: q.id, 'aria-label': t('editor.inbox.include') }));
    const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);
    const considered = (group.topics || []).filter(Boolean);
    const firstKnown = considered.find((id) => ctx.topics.some((topic) => topic.id === id));
    const selectId = `inbox-topic-${index}`;
    const topicSelect = el('select', { 'data-testid': 'inbox-topic', id: selectId },
      el('option', { value: '' }, t('editor.inbox.chooseTopic')),
      ctx.topics.slice().sort((a, b) => String(a.title || a.id).localeCompare(String(b.title || b.id), intlLocale()))
        .map((topic) => el('option', { value: topic.id, selected: topic.id === firstKnown }, topicName(topic.id, ctx.topics))));
    const feedback = el('div', { class: 'group-feedback', 'aria-live': 'polite' });
    const add = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'inbox-add' }, t('editor.inbox.add'));
    const newTopic = el('button', { type: 'button', class: 'btn', 'data-testid': 'inbox-new-topic' }, t('editor.inbox.newTopic'));
    const dismiss = el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'inbox-dismiss' }, t('editor.inbox.dismiss'));
    const buttons = [add, newTopic, dismiss];
    const busy = (on) => {
      for (const b of buttons) b.disabled = on;
    };
    const node = el('article', { class: 'inbox-group', 'data-testid': 'inbox-group', 'data-lang': group.lang || '' });
    const gone = (message, resultNode) => {
      node.remove();
      if (resultNode) fill(ctx.result, resultNode);
      else if (message) fill(ctx.result, el('p', { class: 'result result-published', role: 'status' }, message));
      if (!ctx.body.querySelector('[data-testid="inbox-group"]')) fill(ctx.body, el('p', { class: 'empty', 'data-testid': 'inbox-empty' }, t('editor.inbox.empty')));
    };
    const needSome = () => {
      const ids = chosen();
      if (!ids.length) fill(feedback, el('p', { class: 'field-problem' }, t('editor.inbox.noneChosen')));
      return ids;
    };

    async function addVariants(acknowledgeWarnings) {
      const ids = needSome();
      if (!ids.length) return;
      const topicId = topicSelect.value;
      if (!topicId) {
        fill(feedback, el('p', { class: 'field-problem' }, t('editor.inbox.chooseTopicFirst')));
        topicSelect.focus();
        return;
      }
      busy(true);
      fill(feedback, el('p', { class: 'muted small' }, t('editor.entry.saving')));
      const body = { questionIds: ids, topicId };
      if (acknowledgeWarnings) body.acknowledgeWarnings = true;
      try {
        const result = await api('POST', '/inbox/add-variants', body);
        flash(resultHeadline(result), 'ok');
        knowledgeChanged();
        const done = el('div', {}, el('p', { class: 'result-lead' }, t('editor.inbox.added', { count: ids.length, topic: topicName(topicId, ctx.topics) })), saveResult(result));
        if (ids.length === questions.length) gone(null, done);
        else {
          fill(ctx.result, done);
          ctx.reload();
        }
      } catch (err) {
        const b = (err && err.body) || {};
        if (err.status === 400 && Array.isArray(b.problems)) {
          fill(feedback, el('div', { class: 'panel problems', 'data-testid': 'save-problems', role: 'alert' },
            el('p', { class: 'panel-title' }, t('editor.inbox.problems')),
            el('ul', {}, b.problems.map((p) => el('li', { 'data-testid': 'field-problem', 'data-field': p.field || '', class: p.severity === 'warning' ? 'is-warning' : '' }, el('strong', {}, fieldLabel(p.field)), ': ', String(p.message || ''))))));
        } else if (err.status === 409 && b.error === 'evaluation-warnings') {
          fill(feedback, evalWarningsPanel(b.warnings || [], ctx.topics, () => addVariants(true), () => fill(feedback)));
        } else if (err.status === 409) {
          fill(feedback, el('p', { class: 'field-problem', 'data-testid': 'kb-conflict', role: 'alert' }, t('editor.inbox.conflict')));
        } else {
          fill(feedback, el('p', { class: 'field-problem', role: 'alert' }, errorMessage(err)));
          failed(err);
        }
      } finally {
        busy(false);
      }
    }

    add.addEventListener('click', () => addVariants(false));
    newTopic.addEventListener('click', async () => {
      const ids = needSome();
      if (!ids.length) return;
      busy(true);
      try {
        const data = await api('POST', '/inbox/new-topic', { questionIds: ids });
        ws.newDraft = { entry: data.draft || blankEntry(), fromInbox: ids };
        location.hash = '#/kb/new';
      } catch (err) {
        fill(feedback, el('p', { class: 'field-problem', role: 'alert' }, errorMessage(err)));
        failed(err);
        busy(false);
      }
    });
    dismiss.addEventListener('click', async () => {
      const ids = needSome();
      if (!ids.length) return;
      busy(true);
      try {
        await api('POST', '/inbox/dismiss', { questionIds: ids });
        flash(t('editor.inbox.dismissed'), 'ok');
        if (ids.length === questions.length) gone(t('editor.inbox.dismissed'));
        else ctx.reload();
      } catch (err) {
        fill(feedback, el('p', { class: 'field-problem', role: 'alert' }, errorMessage(err)));
        failed(err);
        busy(false);
      }
    });

    const kinds = INBOX_KINDS.filter((kind) => group.kinds && Number(group.kinds[kind]) > 0);
    fill(node,
      el('div', { class: 'group-head' },
        el('span', { class: 'lang-tag' }, langLabel(group.lang)),
        el('strong', { 'data-testid': 'inbox-count' }, t('editor.inbox.count', { count: Number(group.count) || questions.length })),
        group.lastAt ? el('span', { class: 'muted small' }, t('editor.inbox.lastAt', { when: formatFullWhen(group.lastAt) })) : null),
      kinds.length ? el('ul', { class: 'kinds' }, kinds.map((kind) => el('li', { class: `kind kind-${kind}`, 'data-kind': kind }, t('editor.inbox.kindCount', { kind: word('kinds', kind), count: group.kinds[kind] })))) : null,
      el('p', { class: 'small' }, considered.length ? t('editor.inbox.considered', { topics: considered.map((id) => topicName(id, ctx.topics)).join(', ') }) : t('editor.inbox.consideredNone')),
      el('ul', { class: 'inbox-questions' }, questions.map((q, i) => el('li', {},
        el('label', { class: 'check' }, boxes[i], ' ', el('span', { class: 'question-text', 'data-testid': 'inbox-question', dir: 'auto', 'data-id': q.id }, String(q.text == null ? '' : q.text))),
        el('span', { class: 'muted small' }, [formatWhen(q.at), q.kind ? word('kinds', q.kind) : null].filter(Boolean).join(' · '))))),
      el('div', { class: 'group-actions' },
        el('label', { class: 'field', for: selectId }, el('span', {}, t('editor.inbox.addTo')), topicSelect),
        add,
        el('span', { class: 'or' }, t('transfer.or')),
        newTopic,
        dismiss),
      el('p', { class: 'hint' }, t('editor.inbox.actionsHint')),
      feedback);
    return node;
  }

  // ---------------------------------------------------------------------------------------------
  // Figures
  // ---------------------------------------------------------------------------------------------

  async function showFigures() {
    const daysSelect = el('select', { 'data-testid': 'figures-days', 'aria-label': t('summary.period') },
      PERIODS.map((d) => el('option', { value: String(d), selected: d === ws.figuresDays }, t('summary.lastDays', { count: d }))));
    const body = el('div', { class: 'summary-body' }, el('p', { class: 'muted' }, t('common.loading')));
    const page = el('section', { class: 'page', 'data-testid': 'kb-figures' },
      el('div', { class: 'page-head' }, el('div', {}, el('h2', {}, t('editor.figures.title')), el('p', { class: 'muted small' }, t('editor.figures.intro'))), daysSelect),
      body);
    const load = async () => {
      const days = ws.figuresDays;
      let data;
      try {
        data = await api('GET', `/kb/figures?days=${days}`);
      } catch (err) {
        failed(err, body);
        return;
      }
      if (!page.isConnected || days !== ws.figuresDays) return;
      fill(body, ...figuresContent(data));
    };
    daysSelect.addEventListener('change', () => {
      ws.figuresDays = Number(daysSelect.value);
      load();
    });
    fill(pane(), page);
    load();
  }

  /** share is a fraction (0–1); without it, fell back / asked. */
  function sharePercent(day) {
    const share = Number(day.share);
    if (Number.isFinite(share)) return share * 100;
    const asked = Number(day.asked) || 0;
    return asked ? ((Number(day.fellBack) || 0) / asked) * 100 : 0;
  }

  function figuresContent(data) {
    const perDay = data.perDay || [];
    const asked = perDay.reduce((sum, d) => sum + (Number(d.asked) || 0), 0);
    const fellBack = perDay.reduce((sum, d) => sum + (Number(d.fellBack) || 0), 0);
    const every = Math.max(1, Math.ceil(perDay.length / 6));
    const percent = (v) => `${formatNumber(v)}%`;
    return [
      el('div', { class: 'cards' },
        card(t('editor.figures.asked'), formatNumber(asked), 'figures-asked'),
        card(t('editor.figures.fellBack'), formatNumber(fellBack), 'figures-fell-back'),
        card(t('editor.figures.share'), asked ? formatPercent(fellBack / asked) : t('time.none'), 'figures-share')),
      el('figure', { class: 'chart' },
        el('figcaption', {}, t('editor.figures.chart')),
        barChart({
          testid: 'chart-fallback-share',
          label: t('editor.figures.chart'),
          bars: perDay.map((d, i) => ({
            value: sharePercent(d),
            tip: t('editor.figures.dayTip', { date: formatDay(d.date), share: percent(sharePercent(d)), fellBack: Number(d.fellBack) || 0, asked: Number(d.asked) || 0 }),
            label: i % every === 0 || i === perDay.length - 1 ? formatDay(d.date) : '',
            className: 'bar-fallback',
          })),
          valueLabels: perDay.length <= 14,
          format: percent,
        })),
      figuresTable(t('editor.figures.byLanguage'), 'figures-by-language', data.perLanguage || [], (row) => (LANGUAGES.includes(row.key) ? langLabel(row.key) : row.label || row.key)),
      figuresTable(t('editor.figures.byTopic'), 'figures-by-topic', data.perTopic || [], (row) => (row.label && row.key && row.label !== row.key ? t('editor.topicName', { title: row.label, id: row.key }) : row.label || row.key || t('editor.try.noTopic'))),
    ];
  }

  function figuresTable(caption, testid, rows, labelOf) {
    const cols = ['asked', 'answered', 'clarified', 'fellBack', 'handedOver'];
    return el('div', { class: 'table-wrap' },
      el('table', { class: 'data figures-table', 'data-testid': testid },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t('summary.colName')),
          cols.map((col) => el('th', { scope: 'col', class: 'num' }, t(`editor.figures.col.${col}`))))),
        el('tbody', {}, rows.length
          ? rows.map((row) => el('tr', { 'data-key': row.key || '' },
            el('th', { scope: 'row', dir: 'auto' }, labelOf(row)),
            cols.map((col) => el('td', { class: 'num' }, formatNumber(Number(row[col]) || 0)))))
          : el('tr', {}, el('td', { colspan: cols.length + 1, class: 'muted' }, t('summary.noData'))))));
  }

  // ---------------------------------------------------------------------------------------------
  // Plug in
  // ---------------------------------------------------------------------------------------------

  P.register({ navLinks, resolve, leave, reset });
})();
