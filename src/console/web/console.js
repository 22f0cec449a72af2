/*
 * Ponte operators' console: the page operators and mediators use to take over escalated chats.
 *
 * Plain ES2020, no build step, no framework. It talks only to the JSON API in docs/console-api.md.
 *
 * Safety rules this file keeps everywhere:
 * - The page runs under `Content-Security-Policy: default-src 'self'`, so there is no inline script or
 *   style anywhere; the DOM is built with createElement and textContent only. What a user, a bot answer
 *   or the server says is never parsed as HTML (a message `<script>` shows as those characters).
 * - Every state-changing request carries the session's CSRF token; a 401 anywhere means the session
 *   ended, and the page goes back to the sign-in form.
 */
(() => {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Constants
  // ---------------------------------------------------------------------------------------------

  const API = '/console/api';
  const UI_LANGS = ['it', 'en'];
  const DEFAULT_UI_LANG = 'it';
  const UI_LANG_KEY = 'ponte.console.uiLang';
  /** The ten languages Ponte speaks (src/core/language/languages.ts). */
  const LANGUAGES = ['it', 'en', 'fr', 'es', 'ar', 'uk', 'zh', 'sq', 'ur', 'bn'];
  const ROLES = ['operator', 'editor', 'admin'];
  const STATUSES = ['waiting', 'assigned', 'resolved', 'abandoned'];
  const SUMMARY_DAYS = [7, 30, 90];
  const WAIT_TICK_MS = 30 * 1000;
  const POLL_MS = 15 * 1000;
  const SSE_RETRY_MS = 30 * 1000;
  const FLASH_MS = 6000;
  const PREVIEW_CHARS = 140;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || '');

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------

  const state = {
    user: null,
    csrf: null,
    queue: [],
    queueLoaded: false,
    queueSeq: 0,
    /** The conversation view on screen: { id, esc, refs..., panel, transfer, busy, sending }. */
    convo: null,
    /** Unsent replies by escalation id, so moving between conversations never loses a draft. */
    drafts: new Map(),
    /** Knowledge per user language: lang → Promise<topics>. */
    knowledge: new Map(),
    desks: null,
    operators: null,
    summaryDays: 30,
    /** "New request" banners that stay until clicked or dismissed: [{ id }]. */
    notices: [],
    /** Ids announced as "created" whose details arrive with the next queue refresh. */
    pendingCreated: new Set(),
  };

  /** Long-lived elements of the signed-in page (header, panes, flash). */
  let shell = null;

  /**
   * The editors' workspace (editor.js), when it has registered itself through `PonteConsole.register`:
   * `{ navLinks(), resolve(path) → { view, nav, show }, leave(), reset() }`. Without it the console is
   * the operators' console only.
   */
  let workspace = null;

  /** Timers and the event stream, all stopped together on sign-out. */
  const live = { es: null, tick: null, poll: null, retry: null, queueDebounce: null, flashTimer: null };

  /** The AudioContext exists only after a user gesture: browsers refuse to play sound before one. */
  const sound = { ctx: null };

  // ---------------------------------------------------------------------------------------------
  // Small DOM helpers (text only, never HTML)
  // ---------------------------------------------------------------------------------------------

  /** Properties that must be set as properties, not attributes, to take effect on live elements. */
  const DOM_PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'multiple', 'required', 'readOnly', 'hidden']);

  /**
   * Creates an element. `attrs` keys: `class`, `on<event>` (listener), DOM properties, or plain
   * attributes; children are nodes or strings (strings become text nodes, never markup).
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    appendChildren(node, children);
    return node;
  }

  /** Same as el() for SVG, which needs its own namespace. */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    appendChildren(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.setAttribute('class', value);
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else if (DOM_PROPS.has(key)) node[key] = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }

  function appendChildren(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child)); // append(string) makes a text node
    }
  }

  /** replaceChildren that skips null/false, so optional parts can be written inline. */
  function fill(node, ...children) {
    node.replaceChildren();
    appendChildren(node, children);
    return node;
  }

  const $app = () => document.getElementById('app');

  // ---------------------------------------------------------------------------------------------
  // Roles
  // ---------------------------------------------------------------------------------------------

  /** Operators (and admins) work the queue; editors (and admins) look after the knowledge. */
  const isOperator = (user) => !!user && (user.role === 'operator' || user.role === 'admin');
  const canEdit = (user) => !!user && (user.role === 'editor' || user.role === 'admin');

  // ---------------------------------------------------------------------------------------------
  // Translations
  // ---------------------------------------------------------------------------------------------

  const t = (key, vars) => i18next.t(key, vars);
  const has = (key) => i18next.exists(key);
  const intlLocale = () => (i18next.language === 'en' ? 'en-GB' : 'it-IT');

  function storedUiLang() {
    try {
      const value = localStorage.getItem(UI_LANG_KEY);
      return UI_LANGS.includes(value) ? value : DEFAULT_UI_LANG;
    } catch {
      return DEFAULT_UI_LANG; // storage can be blocked by policy; Italian is the default anyway
    }
  }

  /** Loads the page's strings for `lng` from the server and makes it the UI language. */
  async function loadUiLang(lng) {
    const res = await fetch(`${API}/i18n/${encodeURIComponent(lng)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`translations ${lng}: ${res.status}`);
    const translation = await res.json();
    if (!i18next.isInitialized) {
      // escapeValue off: results only ever go into textContent, where HTML escaping would show "&lt;".
      await i18next.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false }, returnNull: false });
    } else {
      i18next.addResourceBundle(lng, 'translation', translation, true, true);
      await i18next.changeLanguage(lng);
    }
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(UI_LANG_KEY, lng);
    } catch {
      /* the choice just won't survive a reload */
    }
  }

  /** The UI language switch, shown both on the sign-in form and in the header. */
  function uiLangSelect() {
    const select = el(
      'select',
      { 'data-testid': 'ui-lang', 'aria-label': t('header.uiLang'), class: 'ui-lang' },
      UI_LANGS.map((lng) => el('option', { value: lng, selected: lng === i18next.language }, t(`uiLangs.${lng}`))),
    );
    select.addEventListener('change', () => switchUiLang(select.value));
    return select;
  }

  async function switchUiLang(lng) {
    try {
      await loadUiLang(lng);
    } catch {
      flash(t('errors.network'));
      return;
    }
    if (state.user) {
      renderShell();
      route();
    } else {
      showSignIn();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Formatting
  // ---------------------------------------------------------------------------------------------

  /** "ar · Arabic": operators need the code (it is what the data says) and a name they can read. */
  function langLabel(code) {
    return has(`languages.${code}`) ? t('langLabel', { code, name: t(`languages.${code}`) }) : String(code || '?');
  }

  function langName(code) {
    return has(`languages.${code}`) ? t(`languages.${code}`) : String(code || '?');
  }

  function topicLabel(esc) {
    return esc.topicTitle || esc.topic || t('conversation.noTopic');
  }

  function deskLabel(esc) {
    return esc.deskName || esc.deskId || t('queue.noDesk');
  }

  function placeLabel(esc) {
    if (esc.municipality && esc.province) return t('place', { municipality: esc.municipality, province: esc.province });
    return esc.municipality || esc.province || t('queue.noPlace');
  }

  function channelLabel(channel) {
    return has(`channels.${channel}`) ? t(`channels.${channel}`) : String(channel || '?');
  }

  function reasonLabel(reason) {
    return has(`reasons.${reason}`) ? t(`reasons.${reason}`) : String(reason || '?');
  }

  function statusLabel(status) {
    return has(`status.${status}`) ? t(`status.${status}`) : String(status || '?');
  }

  /** "12 min", "2 h 5 min", "3 d 4 h": coarse on purpose, operators need an order of magnitude. */
  function formatDuration(seconds) {
    if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('time.none');
    const minutes = Math.floor(Math.max(0, seconds) / 60);
    if (minutes < 1) return t('time.lessThanMinute');
    if (minutes < 60) return t('time.minutes', { m: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return minutes % 60 ? t('time.hoursMinutes', { h: hours, m: minutes % 60 }) : t('time.hours', { h: hours });
    return t('time.daysHours', { d: Math.floor(hours / 24), h: hours % 24 });
  }

  function isToday(date) {
    const now = new Date();
    return date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  }

  /** Time only for today, day and time otherwise. */
  function formatWhen(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    const options = isToday(date)
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(intlLocale(), options).format(date);
  }

  /** "2026-11-25" → "25/11" for chart axes; the data has no time zone, so parse it as a plain date. */
  function formatDay(isoDate) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '');
    if (!match) return String(isoDate || '');
    const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return new Intl.DateTimeFormat(intlLocale(), { day: '2-digit', month: '2-digit' }).format(date);
  }

  function formatNumber(value, digits = 0) {
    if (value === null || value === undefined || !Number.isFinite(value)) return t('time.none');
    return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  function truncate(text, max) {
    const single = String(text || '').replace(/\s+/g, ' ').trim();
    return single.length > max ? `${single.slice(0, max - 1)}…` : single;
  }

  function isOpen(esc) {
    return esc.status === 'waiting' || esc.status === 'assigned';
  }

  // ---------------------------------------------------------------------------------------------
  // API
  // ---------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, body) {
      super(`HTTP ${status}${body && body.error ? ` ${body.error}` : ''}`);
      this.status = status;
      this.body = body || {};
    }
  }

  /**
   * Calls the console API. State-changing methods carry the CSRF token and a JSON body. A 401 shows
   * the sign-in form (and still rejects, so callers stop what they were doing).
   */
  async function api(method, path, body) {
    const headers = { accept: 'application/json' };
    const init = { method, credentials: 'same-origin', headers };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = state.csrf || '';
      init.body = JSON.stringify(body || {});
    }
    let res;
    try {
      res = await fetch(API + path, init);
    } catch {
      throw new ApiError(0, { error: 'network' });
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.status === 401) {
      signedOut();
      throw new ApiError(401, data);
    }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  const escPath = (id, action) => `/escalations/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

  /** Remembers when an escalation was fetched, so its waiting time can keep counting client-side. */
  function stamp(esc) {
    if (esc) esc.fetchedAt = Date.now();
    return esc;
  }

  function errorMessage(err) {
    const code = err && err.body && err.body.error;
    if (code && has(`errors.${code}`)) return t(`errors.${code}`);
    if (err && err.status === 404) return t('errors.not-found');
    return t('errors.generic', { status: err && err.status ? err.status : '—' });
  }

  /** Shows what went wrong, except for 401 (the sign-in form is already the answer). */
  function handleError(err) {
    if (!err || err.status === 401) return;
    if (err.body && err.body.error === 'csrf') refreshCsrf();
    flash(errorMessage(err));
  }

  /** A 403 csrf means our token is stale (e.g. signed in again in another tab): take the fresh one. */
  async function refreshCsrf() {
    try {
      const me = await api('GET', '/me');
      state.csrf = me.csrf;
      state.user = me.user;
    } catch {
      /* a 401 already showed the sign-in form */
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sign-in
  // ---------------------------------------------------------------------------------------------

  /** Whatever we were doing, the session is gone: stop live updates and show the sign-in form. */
  function signedOut() {
    if (!shell && document.querySelector('[data-testid="login"]')) return; // already on the sign-in form
    showSignIn();
  }

  function showSignIn() {
    stopLive();
    state.user = null;
    state.csrf = null;
    state.convo = null;
    state.queue = [];
    state.queueLoaded = false;
    state.notices = [];
    shell = null;
    if (workspace) workspace.reset(); // unsaved drafts belong to the person who signed out
    document.title = t('app.title');

    const error = el('p', { class: 'login-error', 'data-testid': 'login-error', role: 'alert', hidden: true });
    const submit = el('button', { type: 'submit', class: 'btn btn-primary' }, t('login.submit'));
    const form = el(
      'form',
      { 'data-testid': 'login', class: 'login-card', novalidate: true },
      el('h1', { class: 'login-title' }, t('app.name')),
      el('p', { class: 'muted' }, t('login.intro')),
      el('label', { class: 'field' }, el('span', {}, t('login.username')), el('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' })),
      el('label', { class: 'field' }, el('span', {}, t('login.password')), el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
      error,
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      signIn(form, error, submit);
    });

    fill($app(),
      el('div', { class: 'login-page' }, el('div', { class: 'login-lang' }, uiLangSelect()), form),
    );
    form.elements.username.focus();
  }

  async function signIn(form, error, submit) {
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    const showError = (message) => {
      error.textContent = message;
      error.hidden = false;
    };
    if (!username || !password) return showError(t('login.missing'));
    submit.disabled = true;
    error.hidden = true;
    try {
      const res = await fetch(`${API}/login`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        state.user = data.user;
        state.csrf = data.csrf;
        startApp();
        return;
      }
      if (res.status === 429) {
        // retryAfter is in seconds; operators think in minutes.
        const minutes = Math.max(1, Math.ceil(Number(data.retryAfter || 60) / 60));
        showError(t('login.rateLimited', { count: minutes }));
      } else if (res.status === 401) {
        showError(t('login.invalid'));
      } else {
        showError(t('errors.generic', { status: res.status }));
      }
      form.elements.password.value = '';
      form.elements.password.focus();
    } catch {
      showError(t('errors.network'));
    } finally {
      submit.disabled = false;
    }
  }

  async function signOut() {
    try {
      await api('POST', '/logout');
    } catch (err) {
      if (err.status === 401) return; // already signed out, and the form is showing
    }
    showSignIn();
  }

  // ---------------------------------------------------------------------------------------------
  // The signed-in page: header, notices, panes
  // ---------------------------------------------------------------------------------------------

  function startApp() {
    state.queue = [];
    state.queueLoaded = false;
    renderShell();
    // Editors have no queue: no event stream, no polling, no beep.
    if (isOperator(state.user)) {
      startLive();
      refreshQueue();
    }
    route();
  }

  function renderShell() {
    const user = state.user;
    const nav = el('nav', { class: 'nav', 'aria-label': t('nav.label') });
    const links = [];
    if (isOperator(user)) {
      links.push(
        { name: 'queue', label: t('nav.queue'), extra: el('span', { class: 'nav-count', 'data-testid': 'waiting-count' }) },
        { name: 'closed', label: t('nav.closed') },
        { name: 'summary', label: t('nav.summary') },
      );
    }
    if (canEdit(user) && workspace) links.push(...workspace.navLinks());
    if (user.role === 'admin') links.push({ name: 'users', label: t('nav.users') });
    for (const link of links) {
      nav.append(el('a', { href: link.href || `#/${link.name}`, 'data-nav': link.name, 'data-testid': `nav-${link.name}` }, link.label, link.extra || null));
    }

    const header = el(
      'header',
      { class: 'topbar' },
      el('div', { class: 'brand' }, el('span', { class: 'brand-mark', 'aria-hidden': 'true' }), el('span', { class: 'brand-name' }, t('app.name'))),
      nav,
      el(
        'div',
        { class: 'tools' },
        el('span', { class: 'whoami', 'data-testid': 'whoami' }, el('strong', {}, user.name), ' · ', t(`roles.${user.role}`)),
        uiLangSelect(),
        el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'logout', onclick: signOut }, t('header.logout')),
      ),
    );

    shell = {
      header,
      nav,
      notices: el('div', { class: 'notices', 'aria-live': 'polite' }),
      flash: el('div', { class: 'flash', role: 'status', 'data-testid': 'flash', hidden: true }),
      listPane: el('section', { class: 'pane pane-list', 'aria-label': t('queue.title') }),
      detailPane: el('section', { class: 'pane pane-detail' }),
      main: el('main', { class: 'main' }),
    };
    shell.main.append(shell.listPane, shell.detailPane);
    state.convo = null; // its elements belonged to the old shell
    fill($app(), header, shell.notices, shell.main, shell.flash);
    renderNotices();
    renderQueue();
    updateTitle();
  }

  function flash(message, kind = 'error') {
    if (!shell) return;
    shell.flash.textContent = message;
    shell.flash.className = `flash flash-${kind}`;
    shell.flash.hidden = false;
    clearTimeout(live.flashTimer);
    live.flashTimer = setTimeout(() => {
      if (shell) shell.flash.hidden = true;
    }, FLASH_MS);
  }

  /** "(2) Ponte console": the tab says how many people are waiting even when it is in the background. */
  function updateTitle() {
    const waiting = state.queue.filter((esc) => esc.status === 'waiting').length;
    document.title = (waiting ? `(${waiting}) ` : '') + t('app.title');
    if (shell) {
      const badge = shell.nav.querySelector('[data-testid="waiting-count"]');
      if (badge) {
        badge.textContent = waiting ? String(waiting) : '';
        badge.hidden = !waiting;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Routing
  // ---------------------------------------------------------------------------------------------

  function safeDecode(part) {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  }

  function currentRoute() {
    const path = location.hash.replace(/^#\/?/, '');
    const [name, ...rest] = path.split('/');
    // The editors' workspace lives under #/kb/...; the workspace reads the rest of the path.
    if (name === 'kb') return { name: 'workspace', path: rest.map(safeDecode) };
    // Editors who are not operators have no queue: their pages start at the topic list.
    if (!isOperator(state.user) && canEdit(state.user)) return { name: 'workspace', path: [], landing: true };
    if (name === 'e' && rest.length && rest[0]) return { name: 'conversation', id: safeDecode(rest.join('/')) };
    if (['queue', 'closed', 'summary', 'users'].includes(name)) return { name };
    return { name: 'queue' };
  }

  function route() {
    if (!state.user || !shell) return;
    const current = currentRoute();
    if (workspace) workspace.leave(); // stops the page's timers (preview) before another one is built
    let view = current.name;
    let navName = current.name === 'conversation' ? 'queue' : current.name;
    let showPage = null;
    if (current.name === 'workspace') {
      const target = resolveWorkspace(current.path);
      view = target.view;
      navName = target.nav;
      showPage = target.show;
      if (current.landing && location.hash !== '#/kb') history.replaceState(null, '', '#/kb');
    }
    shell.main.dataset.view = view;
    for (const link of shell.nav.querySelectorAll('a')) {
      if (link.dataset.nav === navName) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (current.name !== 'conversation') state.convo = null;
    switch (current.name) {
      case 'workspace':
        showPage();
        break;
      case 'conversation':
        openConversation(current.id);
        break;
      case 'closed':
        showClosed();
        break;
      case 'summary':
        showSummary();
        break;
      case 'users':
        showUsers();
        break;
      default:
        showQueuePlaceholder();
    }
    if (isOperator(state.user)) renderQueue(); // the selected row follows the route
  }

  /** Which workspace page a #/kb/... path means, or the forbidden placeholder for non-editors. */
  function resolveWorkspace(path) {
    if (!canEdit(state.user)) return { view: 'forbidden', nav: null, show: () => showForbidden(t('errors.forbiddenEditors')) };
    if (!workspace) {
      return {
        view: 'forbidden',
        nav: null,
        show: () => fill(shell.detailPane, el('div', { class: 'placeholder', 'data-testid': 'not-found', role: 'alert' }, el('p', {}, t('errors.workspaceMissing')))),
      };
    }
    return workspace.resolve(path);
  }

  /** The placeholder for a page this user's role may not open. */
  function showForbidden(message) {
    fill(shell.detailPane, el('div', { class: 'placeholder', 'data-testid': 'forbidden', role: 'alert' }, el('p', {}, message || t('errors.forbidden'))));
  }

  // ---------------------------------------------------------------------------------------------
  // Queue
  // ---------------------------------------------------------------------------------------------

  /** Fetches the queue; overlapping calls are fine, only the newest answer is used. */
  async function refreshQueue() {
    const seq = ++state.queueSeq;
    try {
      const data = await api('GET', '/escalations');
      if (seq !== state.queueSeq || !state.user) return;
      state.queue = (data.escalations || []).map(stamp);
      state.queueLoaded = true;
    } catch (err) {
      if (seq === state.queueSeq) handleError(err);
      return;
    }
    renderQueue();
    updateTitle();
    flushCreatedNotices();
  }

  /**
   * Several events in a burst (a message and a status change) need only one refetch. Not a
   * debounce: on a busy desk events never pause, and the queue must still refresh.
   */
  function scheduleQueueRefresh() {
    if (live.queueDebounce) return;
    live.queueDebounce = setTimeout(() => {
      live.queueDebounce = null;
      refreshQueue();
    }, 250);
  }

  function renderQueue() {
    if (!shell) return;
    const selectedId = state.convo ? state.convo.id : null;
    const waiting = state.queue.filter((esc) => esc.status === 'waiting').length;
    const section = el(
      'div',
      { class: 'queue', 'data-testid': 'queue' },
      el('div', { class: 'pane-head' }, el('h2', {}, t('queue.title')), el('span', { class: 'muted' }, t('queue.counts', { total: state.queue.length, waiting }))),
    );
    if (!state.queueLoaded) {
      section.append(el('p', { class: 'empty' }, t('common.loading')));
    } else if (!state.queue.length) {
      section.append(el('p', { class: 'empty', 'data-testid': 'queue-empty' }, t('queue.empty')));
    } else {
      section.append(el('ul', { class: 'rows' }, state.queue.map((esc) => el('li', {}, queueRow(esc, esc.id === selectedId)))));
    }
    fill(shell.listPane, section);
  }

  function queueRow(esc, selected) {
    return el(
      'a',
      {
        class: `row queue-row${selected ? ' selected' : ''}`,
        href: `#/e/${encodeURIComponent(esc.id)}`,
        'data-testid': 'queue-item',
        'data-id': esc.id,
        'data-status': esc.status,
        'aria-current': selected ? 'true' : null,
      },
      el('div', { class: 'row-top' }, statusBadge(esc.status), el('span', { class: 'lang-tag' }, langLabel(esc.lang)), waitingInfo(esc)),
      el('div', { class: 'row-title' }, topicLabel(esc)),
      el('div', { class: 'row-meta' }, [deskLabel(esc), placeLabel(esc), reasonLabel(esc.reason)].join(' · ')),
      el('div', { class: 'row-meta' }, esc.assignedTo ? t('queue.assignedTo', { name: esc.assignedTo }) : t('queue.unassigned')),
      speakersInfo(esc),
      previews(esc.messages),
    );
  }

  function statusBadge(status, attrs) {
    const known = STATUSES.includes(status) ? status : 'unknown';
    return el('span', { class: `badge status-${known}`, 'data-status': status, ...attrs }, statusLabel(status));
  }

  /**
   * Waiting time: counts up client-side until the first reply (see tickWaits); after it, the wait is
   * history and stays fixed.
   */
  function waitingInfo(esc) {
    const counting = isWaitCounting(esc);
    return el(
      'span',
      { class: 'wait', title: counting ? t('queue.waitingFor') : t('queue.firstReplyAfter') },
      el('span', { class: 'wait-label' }, counting ? t('queue.waitingShort') : t('queue.repliedShort')),
      ' ',
      waitingValue(esc),
    );
  }

  const isWaitCounting = (esc) => !esc.firstReplyAt && isOpen(esc);

  /** "12 min"; while still counting, marked so tickWaits can move it on from the fetch time. */
  function waitingValue(esc) {
    const value = el('span', { class: 'wait-value', 'data-testid': 'waiting' }, formatDuration(esc.waitingSeconds));
    if (isWaitCounting(esc)) {
      value.classList.add('js-wait-live');
      value.dataset.since = String((esc.fetchedAt || Date.now()) - (esc.waitingSeconds || 0) * 1000);
    }
    return value;
  }

  function tickWaits() {
    const now = Date.now();
    for (const node of document.querySelectorAll('.js-wait-live')) {
      node.textContent = formatDuration((now - Number(node.dataset.since)) / 1000);
    }
  }

  /** Who could answer in the user's language; a desk without one is the operators' first worry. */
  function speakersInfo(esc) {
    const speakers = esc.speakers || [];
    if (!speakers.length) return el('div', { class: 'warning', 'data-testid': 'no-speakers' }, t('queue.noSpeakers', { lang: langName(esc.lang) }));
    return el('div', { class: 'row-meta speakers', 'data-testid': 'speakers' }, t('queue.speakers', { lang: langName(esc.lang), names: speakers.join(', ') }));
  }

  function previews(messages) {
    const last = (messages || []).slice(-3);
    if (!last.length) return null;
    return el(
      'ul',
      { class: 'previews' },
      last.map((m) => el('li', { class: `preview preview-${m.from}` }, el('span', { class: 'preview-from' }, fromLabel(m)), ' ', el('span', { class: 'preview-text', dir: 'auto' }, truncate(m.from === 'system' ? systemText(m.text) : m.text, PREVIEW_CHARS)))),
    );
  }

  function fromLabel(m) {
    if (m.from === 'operator' && m.operator) return m.operator;
    return has(`from.${m.from}`) ? t(`from.${m.from}`) : String(m.from || '?');
  }

  function showQueuePlaceholder() {
    fill(shell.detailPane, el('div', { class: 'placeholder' }, el('p', {}, t('queue.choose'))));
  }

  // ---------------------------------------------------------------------------------------------
  // Conversation view
  // ---------------------------------------------------------------------------------------------

  /**
   * Builds the conversation's skeleton once per id. Updates (events, actions) refill the header,
   * actions and transcript but keep the reply box, so an update never eats what is being typed.
   */
  function openConversation(id) {
    if (state.convo && state.convo.id === id && shell.detailPane.contains(state.convo.root)) {
      loadConversation(id);
      return;
    }
    const c = {
      id,
      esc: null,
      panel: null, // 'transfer' | 'resolve' | 'abandon' | null
      transfer: { deskId: '', operator: '', error: '' },
      busy: false,
      sending: false,
    };
    c.head = el('div', { class: 'convo-head' }, el('p', { class: 'muted' }, t('common.loading')));
    c.actions = el('div', { class: 'actions' });
    c.transcript = el('ol', { class: 'transcript', 'data-testid': 'transcript', 'aria-label': t('conversation.transcript') });
    c.delivery = el('div', { class: 'delivery' });
    c.composer = buildComposer(c);
    c.root = el('article', { class: 'conversation', 'data-testid': 'conversation', 'data-id': id }, c.head, c.actions, c.transcript, c.delivery, c.composer);
    followTranscript(c);
    state.convo = c;
    fill(shell.detailPane, c.root);
    loadConversation(id);
    loadDirectory(); // desks and operators, ready when "transfer" is clicked
  }

  async function loadConversation(id) {
    const c = state.convo;
    try {
      const data = await api('GET', escPath(id));
      if (state.convo !== c) return; // the operator moved on meanwhile
      showEscalation(stamp(data.escalation));
    } catch (err) {
      if (state.convo !== c) return;
      if (err.status === 404 || err.status === 403) showNotFound(id);
      else handleError(err);
    }
  }

  function showNotFound(id) {
    state.convo = null;
    fill(shell.detailPane,
      el(
        'div',
        { class: 'placeholder not-found', 'data-testid': 'not-found', role: 'alert' },
        el('h2', {}, t('conversation.notFoundTitle')),
        el('p', {}, t('conversation.notFound', { id })),
        el('a', { href: '#/queue', class: 'btn' }, t('conversation.backToQueue')),
      ),
    );
    renderQueue();
  }

  /** Puts an escalation on screen in the current conversation view. */
  function showEscalation(esc) {
    const c = state.convo;
    if (!c || !esc) return;
    c.esc = esc;
    renderConvoHead(c);
    renderActions(c);
    renderTranscript(c);
    renderDelivery(c);
    updateComposer(c);
    renderQueue();
  }

  function renderConvoHead(c) {
    const esc = c.esc;
    const facts = [
      [t('conversation.channel'), channelLabel(esc.channel)],
      [t('conversation.municipality'), esc.municipality || t('time.none')],
      [t('conversation.province'), esc.province || t('time.none')],
      [t('conversation.desk'), deskLabel(esc), esc.deskId && esc.deskOpenNow === false ? el('span', { class: 'tag tag-muted' }, t('conversation.deskClosedNow')) : null],
      [t('conversation.topic'), topicLabel(esc), esc.topic && esc.topicTitle ? el('span', { class: 'muted small' }, esc.topic) : null],
      [t('conversation.reason'), reasonLabel(esc.reason)],
      [t('conversation.assignedTo'), esc.assignedTo || t('queue.unassigned')],
      [t('conversation.speakers', { lang: langName(esc.lang) }), (esc.speakers || []).length ? esc.speakers.join(', ') : speakersInfo(esc)],
      [t('conversation.user'), esc.user],
      [t('conversation.created'), formatWhen(esc.createdAt)],
      [isWaitCounting(esc) ? t('conversation.waiting') : t('conversation.firstReplyAfter'), waitingValue(esc)],
    ];
    if (esc.closedAt) facts.push([t('conversation.closed'), formatWhen(esc.closedAt)]);
    if (esc.satisfaction) facts.push([t('conversation.satisfaction'), stars(esc.satisfaction)]);

    fill(c.head,
      el('a', { href: '#/queue', class: 'back' }, t('conversation.backToQueue')),
      el(
        'div',
        { class: 'convo-title' },
        el('h2', {}, t('conversation.title', { id: esc.id })),
        statusBadge(esc.status, { 'data-testid': 'status' }),
        el('span', { class: 'lang-tag', 'data-testid': 'lang' }, langLabel(esc.lang)),
      ),
      el('dl', { class: 'facts' }, facts.map(([label, ...values]) => el('div', { class: 'fact' }, el('dt', {}, label), el('dd', {}, values)))),
    );
  }

  function stars(n) {
    const value = Math.max(0, Math.min(5, Math.round(Number(n) || 0)));
    return el('span', { class: 'stars', title: t('satisfaction.value', { n: value }) }, el('span', { 'aria-hidden': 'true' }, '★'.repeat(value) + '☆'.repeat(5 - value)), ' ', t('satisfaction.value', { n: value }));
  }

  // ----- Actions: claim, transfer, resolve, abandon ---------------------------------------------

  function renderActions(c) {
    const esc = c.esc;
    const me = state.user.name;
    const buttons = [];
    if (isOpen(esc)) {
      if (esc.status === 'waiting' || (esc.assignedTo && esc.assignedTo !== me)) {
        buttons.push(actionButton(c, 'claim', 'btn-primary', () => act(c, 'claim')));
      }
      buttons.push(actionButton(c, 'transfer', '', () => togglePanel(c, 'transfer')));
      buttons.push(actionButton(c, 'resolve', 'btn-ok', () => togglePanel(c, 'resolve')));
      buttons.push(actionButton(c, 'abandon', 'btn-quiet', () => togglePanel(c, 'abandon')));
    } else {
      c.panel = null;
    }
    fill(c.actions,
      buttons.length ? el('div', { class: 'action-buttons' }, buttons) : el('p', { class: 'muted' }, t('conversation.closedNote')),
      c.panel === 'transfer' ? transferForm(c) : null,
      c.panel === 'resolve' || c.panel === 'abandon' ? confirmBar(c, c.panel) : null,
    );
  }

  function actionButton(c, action, kind, onclick) {
    return el(
      'button',
      { type: 'button', class: `btn ${kind}`, 'data-testid': action, disabled: c.busy, 'aria-expanded': action === 'claim' ? null : String(c.panel === action), onclick },
      t(`actions.${action}`),
    );
  }

  function togglePanel(c, panel) {
    c.panel = c.panel === panel ? null : panel;
    c.transfer.error = '';
    renderActions(c);
    const focusable = c.actions.querySelector('.panel select, .panel button');
    if (focusable) focusable.focus();
  }

  /** Inline confirmation: closing a conversation messages the user, so it deserves a second click. */
  function confirmBar(c, action) {
    return el(
      'div',
      { class: `panel confirm confirm-${action}`, role: 'group', 'aria-label': t(`actions.${action}`) },
      el('p', {}, t(`confirm.${action}`)),
      el('div', { class: 'panel-buttons' },
        el('button', { type: 'button', class: `btn ${action === 'abandon' ? 'btn-danger' : 'btn-success'}`, 'data-testid': 'confirm-yes', disabled: c.busy, onclick: () => act(c, action) }, t(`confirm.${action}Yes`)),
        el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'confirm-no', onclick: () => togglePanel(c, action) }, t('common.cancel')),
      ),
    );
  }

  /** Desks and operators for the transfer form; fetched once per sign-in and cached. */
  async function loadDirectory() {
    const tasks = [];
    if (!state.desks) {
      tasks.push(
        api('GET', '/desks').then((d) => {
          state.desks = d.desks || [];
        }),
      );
    }
    if (!state.operators) {
      tasks.push(
        api('GET', '/operators').then((d) => {
          state.operators = d.operators || [];
        }),
      );
    }
    if (!tasks.length) return;
    try {
      await Promise.all(tasks);
    } catch (err) {
      handleError(err);
    }
    const c = state.convo;
    if (c && c.esc && c.panel === 'transfer') renderActions(c);
  }

  /** Transfer to a desk (waits there) or to one operator (assigned to them): one or the other. */
  function transferForm(c) {
    const esc = c.esc;
    const desks = state.desks || [];
    const deskSelect = el(
      'select',
      { 'data-testid': 'transfer-desk', name: 'deskId', id: 'transfer-desk' },
      el('option', { value: '' }, state.desks ? t('transfer.chooseDesk') : t('common.loading')),
      desks.map((d) => el('option', { value: d.id, selected: d.id === c.transfer.deskId }, d.id === esc.deskId ? t('transfer.currentDesk', { name: d.name || d.id }) : deskOptionLabel(d))),
    );
    // Speakers of the user's language first: a transfer is usually about the language.
    const operators = (state.operators || []).slice().sort((a, b) => speaks(b, esc.lang) - speaks(a, esc.lang) || String(a.name).localeCompare(String(b.name)));
    const operatorSelect = el(
      'select',
      { 'data-testid': 'transfer-operator', name: 'operator', id: 'transfer-operator' },
      el('option', { value: '' }, state.operators ? t('transfer.chooseOperator') : t('common.loading')),
      operators.map((o) => el('option', { value: o.name, selected: o.name === c.transfer.operator }, operatorOptionLabel(o, esc.lang))),
    );
    // Choosing one clears the other, so what gets sent is never ambiguous.
    deskSelect.addEventListener('change', () => {
      c.transfer.deskId = deskSelect.value;
      if (deskSelect.value) {
        c.transfer.operator = '';
        operatorSelect.value = '';
      }
    });
    operatorSelect.addEventListener('change', () => {
      c.transfer.operator = operatorSelect.value;
      if (operatorSelect.value) {
        c.transfer.deskId = '';
        deskSelect.value = '';
      }
    });
    const form = el(
      'form',
      { class: 'panel transfer', 'data-testid': 'transfer-form' },
      el('div', { class: 'transfer-fields' },
        el('label', { class: 'field', for: 'transfer-desk' }, el('span', {}, t('transfer.toDesk')), deskSelect),
        el('span', { class: 'or' }, t('transfer.or')),
        el('label', { class: 'field', for: 'transfer-operator' }, el('span', {}, t('transfer.toOperator')), operatorSelect),
      ),
      c.transfer.error ? el('p', { class: 'field-problem', role: 'alert' }, c.transfer.error) : null,
      el('div', { class: 'panel-buttons' },
        el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'transfer-confirm', disabled: c.busy }, t('transfer.confirm')),
        el('button', { type: 'button', class: 'btn btn-quiet', onclick: () => togglePanel(c, 'transfer') }, t('common.cancel')),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // Read the controls, not our copy: they are the truth even if a change event was missed.
      const deskId = deskSelect.value;
      const operator = operatorSelect.value;
      if (!deskId && !operator) {
        c.transfer.error = t('transfer.chooseOne');
        renderActions(c);
        return;
      }
      act(c, 'transfer', operator ? { operator } : { deskId });
    });
    return form;
  }

  function deskOptionLabel(desk) {
    return desk.province ? t('transfer.deskOption', { name: desk.name || desk.id, province: desk.province }) : desk.name || desk.id;
  }

  const speaks = (operator, lang) => ((operator.languages || []).includes(lang) ? 1 : 0);

  function operatorOptionLabel(operator, lang) {
    const langs = (operator.languages || []).join(', ');
    return speaks(operator, lang) ? t('transfer.operatorSpeaks', { name: operator.name, lang: langName(lang), langs }) : t('transfer.operatorOption', { name: operator.name, langs });
  }

  /** Runs claim/transfer/resolve/abandon/template and shows the escalation the server returns. */
  async function act(c, action, body) {
    if (c.busy) return;
    c.busy = true;
    renderActions(c);
    try {
      const data = await api('POST', escPath(c.id, action), body || {});
      c.panel = null;
      c.transfer = { deskId: '', operator: '', error: '' };
      if (state.convo === c) showEscalation(stamp(data.escalation));
      flash(t(`done.${action}`), 'ok');
      scheduleQueueRefresh();
    } catch (err) {
      if (err.status === 409) {
        // Someone else got there first (or it closed): show what is true now.
        flash(t('errors.conflict'));
        if (state.convo === c) loadConversation(c.id);
      } else {
        handleError(err);
      }
    } finally {
      c.busy = false;
      if (state.convo === c && c.esc) renderActions(c);
    }
  }

  // ----- Transcript -----------------------------------------------------------------------------

  function renderTranscript(c) {
    const messages = c.esc.messages || [];
    fill(c.transcript, ...(messages.length ? messages.map(messageItem) : [el('li', { class: 'empty' }, t('conversation.noMessages'))]));
    if (c.stick) scrollToEnd(c.transcript);
  }

  /**
   * Keeps the newest message in sight while the operator is at the bottom, also when the transcript
   * shrinks (a panel opens, the knowledge list loads); leaves them alone while they read history.
   */
  function followTranscript(c) {
    c.stick = true;
    c.transcript.addEventListener('scroll', () => {
      const box = c.transcript;
      c.stick = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    });
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => c.stick && scrollToEnd(c.transcript)).observe(c.transcript);
    }
  }

  function scrollToEnd(box) {
    box.scrollTop = box.scrollHeight;
  }

  function messageItem(m) {
    const from = ['user', 'bot', 'operator', 'system'].includes(m.from) ? m.from : 'system';
    return el(
      'li',
      { class: `msg msg-${from}${m.problem ? ' msg-failed' : ''}`, 'data-from': from },
      el('div', { class: 'msg-meta' },
        el('span', { class: 'msg-who' }, from === 'operator' && m.operator ? t('from.operatorNamed', { name: m.operator }) : fromLabel({ from })),
        el('time', { datetime: m.at, title: m.at ? new Date(m.at).toLocaleString(intlLocale()) : null }, formatWhen(m.at)),
      ),
      el('div', { class: 'msg-text', dir: 'auto' }, from === 'system' ? systemText(m.text) : m.text == null ? '' : String(m.text)),
      from === 'bot' ? sourcesList(m) : null,
      m.problem ? el('p', { class: 'msg-problem', 'data-testid': 'msg-problem' }, problemText(m.problem)) : null,
    );
  }

  /** The server writes system lines as codes ("claimed:giulia"): word them in the operator's language. */
  function systemText(code) {
    const [kind, ...rest] = String(code == null ? '' : code).split(':');
    const key = `system.${kind}`;
    return has(key) ? t(key, { who: rest.join(':') }) : String(code);
  }

  /** Where the bot's answer came from. Only https links become links: no javascript:, no http. */
  function sourcesList(m) {
    const sources = (m.sources || []).filter((s) => typeof s === 'string' && s.trim());
    if (!sources.length && !m.topic) return null;
    return el(
      'div',
      { class: 'sources' },
      m.topic ? el('span', { class: 'muted small' }, t('conversation.answerTopic', { topic: m.topic })) : null,
      sources.length
        ? el('ul', { class: 'source-list', 'aria-label': t('conversation.sources') },
          sources.map((s) => el('li', {}, s.startsWith('https://') ? el('a', { href: s, target: '_blank', rel: 'noopener noreferrer', title: s }, s) : el('span', { title: s }, s))))
        : null,
    );
  }

  function problemText(problem) {
    return has(`problems.${problem}`) ? t(`problems.${problem}`) : t('problems.unknown', { problem });
  }

  /** The last refusal and, on WhatsApp outside the 24 h window, the way out: the template. */
  function renderDelivery(c) {
    const esc = c.esc;
    const parts = [];
    if (esc.delivery && esc.delivery.problem) {
      parts.push(
        el('div', { class: 'delivery-problem', 'data-testid': 'delivery-problem', 'data-problem': esc.delivery.problem, role: 'alert' },
          el('strong', {}, t('conversation.deliveryProblem', { when: formatWhen(esc.delivery.at) })), ' ', problemText(esc.delivery.problem)),
      );
    }
    if (esc.canSendTemplate && isOpen(esc)) {
      parts.push(
        el('div', { class: 'template-bar' },
          el('span', {}, t('conversation.templateHint')),
          el('button', { type: 'button', class: 'btn', 'data-testid': 'send-template', disabled: c.busy, onclick: () => act(c, 'template') }, t('actions.template'))),
      );
    }
    fill(c.delivery, ...parts);
  }

  // ----- Reply box and knowledge panel ----------------------------------------------------------

  function buildComposer(c) {
    const shortcut = IS_MAC ? '⌘' : 'Ctrl';
    c.textarea = el('textarea', { 'data-testid': 'reply-text', id: 'reply-text', dir: 'auto', rows: 5, value: state.drafts.get(c.id) || '' });
    c.sendButton = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'reply-send', onclick: () => sendReply(c) }, t('reply.send'));
    c.textarea.addEventListener('input', () => {
      state.drafts.set(c.id, c.textarea.value);
      updateSendButton(c);
    });
    c.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        sendReply(c);
      }
    });

    c.kbSearch = el('input', { type: 'search', 'data-testid': 'kb-search', id: 'kb-search', placeholder: t('kb.search'), autocomplete: 'off' });
    c.kbList = el('ul', { class: 'kb-list' });
    c.kbNote = el('p', { class: 'muted small' });
    c.kbSearch.addEventListener('input', () => renderKnowledge(c));

    return el(
      'div',
      { class: 'composer' },
      el('div', { class: 'reply' },
        el('label', { for: 'reply-text', class: 'reply-label' }, t('reply.label')),
        c.textarea,
        el('div', { class: 'reply-foot' }, c.shortcutHint = el('span', { class: 'muted small' }, t('reply.shortcut', { key: shortcut })), c.sendButton)),
      c.kb = el('aside', { class: 'kb', 'aria-label': t('kb.title') },
        el('label', { for: 'kb-search', class: 'kb-title' }, t('kb.title')),
        c.kbSearch,
        c.kbNote,
        c.kbList),
    );
  }

  /** Enables or disables the reply box for the escalation's status; the draft itself is untouched. */
  function updateComposer(c) {
    const closed = !isOpen(c.esc);
    c.textarea.disabled = closed;
    c.textarea.placeholder = closed ? t('reply.closed') : t('reply.placeholder', { lang: langName(c.esc.lang) });
    c.shortcutHint.hidden = closed;
    // Nothing can be inserted into a closed conversation: the panel would only be noise.
    c.kb.hidden = closed;
    c.composer.classList.toggle('composer-closed', closed);
    c.kbSearch.disabled = closed;
    updateSendButton(c);
    if (c.kbLang !== c.esc.lang) {
      c.kbLang = c.esc.lang;
      c.kbTopics = null;
      c.kbNote.textContent = t('kb.note', { lang: langName(c.esc.lang) });
      renderKnowledge(c);
      knowledgeFor(c.esc.lang).then(
        (topics) => {
          if (state.convo !== c || c.kbLang !== c.esc.lang) return;
          c.kbTopics = topics;
          renderKnowledge(c);
        },
        (err) => {
          state.knowledge.delete(c.esc.lang); // try again next time
          handleError(err);
        },
      );
    } else {
      renderKnowledge(c);
    }
  }

  function updateSendButton(c) {
    c.sendButton.disabled = c.sending || !c.esc || !isOpen(c.esc) || !c.textarea.value.trim();
  }

  function knowledgeFor(lang) {
    if (!state.knowledge.has(lang)) {
      state.knowledge.set(lang, api('GET', `/knowledge?lang=${encodeURIComponent(lang)}`).then((d) => d.topics || []));
    }
    return state.knowledge.get(lang);
  }

  function renderKnowledge(c) {
    if (!c.kbTopics) {
      fill(c.kbList, el('li', { class: 'muted small' }, t('common.loading')));
      return;
    }
    const query = c.kbSearch.value.trim().toLowerCase();
    const matches = c.kbTopics.filter((topic) => !query || String(topic.title || '').toLowerCase().includes(query) || String(topic.id || '').toLowerCase().includes(query));
    const closed = !c.esc || !isOpen(c.esc);
    fill(c.kbList,
      ...(matches.length
        ? matches.map((topic) =>
          el('li', {},
            el('button', { type: 'button', class: 'kb-item', 'data-testid': 'kb-item', 'data-id': topic.id, title: truncate(topic.answer, 400), disabled: closed, onclick: () => insertAnswer(c, topic) },
              el('span', { class: 'kb-item-title', dir: 'auto' }, topic.title || topic.id),
              el('span', { class: 'kb-item-id' }, topic.id))))
        : [el('li', { class: 'muted small' }, t('kb.none'))]),
    );
  }

  /** Appends the vetted answer (a blank line apart from what is there) and hands focus back. */
  function insertAnswer(c, topic) {
    const answer = String(topic.answer || '');
    const current = c.textarea.value.replace(/\s+$/, '');
    c.textarea.value = current ? `${current}\n\n${answer}` : answer;
    state.drafts.set(c.id, c.textarea.value);
    updateSendButton(c);
    c.textarea.focus();
    c.textarea.setSelectionRange(c.textarea.value.length, c.textarea.value.length);
    c.textarea.scrollTop = c.textarea.scrollHeight;
  }

  async function sendReply(c) {
    const text = c.textarea.value;
    if (c.sending || !text.trim() || !c.esc || !isOpen(c.esc)) return;
    c.sending = true;
    updateSendButton(c);
    try {
      const data = await api('POST', escPath(c.id, 'reply'), { text });
      // Clear only if nothing new was typed while sending.
      if (c.textarea.value === text) c.textarea.value = '';
      state.drafts.delete(c.id);
      if (state.convo === c) showEscalation(stamp(data.escalation));
      scheduleQueueRefresh();
    } catch (err) {
      if (err.status === 502 && err.body) {
        // Refused by the platform: the text stays in the box so it can be sent again or edited.
        const esc = stamp(err.body.escalation || { ...c.esc });
        esc.delivery = esc.delivery || { problem: err.body.problem, at: new Date().toISOString() };
        if (state.convo === c) showEscalation(esc);
      } else if (err.status === 409) {
        flash(t('errors.closed'));
        if (state.convo === c) loadConversation(c.id);
      } else {
        handleError(err);
      }
    } finally {
      c.sending = false;
      updateSendButton(c);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Closed conversations
  // ---------------------------------------------------------------------------------------------

  async function showClosed() {
    const page = el('section', { class: 'page', 'data-testid': 'closed' }, el('h2', {}, t('closed.title')), el('p', { class: 'muted' }, t('closed.intro')));
    const body = el('div', {}, el('p', { class: 'muted' }, t('common.loading')));
    page.append(body);
    fill(shell.detailPane, page);
    let escalations;
    try {
      escalations = ((await api('GET', '/escalations?status=closed')).escalations || []).map(stamp);
    } catch (err) {
      handleError(err);
      fill(body, el('p', { class: 'empty' }, errorMessage(err)));
      return;
    }
    if (!page.isConnected) return;
    fill(body,
      escalations.length
        ? el('ul', { class: 'rows rows-wide' }, escalations.map((esc) => el('li', {}, closedRow(esc))))
        : el('p', { class: 'empty', 'data-testid': 'closed-empty' }, t('closed.empty')),
    );
  }

  function closedRow(esc) {
    return el(
      'a',
      { class: 'row closed-row', href: `#/e/${encodeURIComponent(esc.id)}`, 'data-testid': 'closed-item', 'data-id': esc.id, 'data-status': esc.status },
      el('div', { class: 'row-top' }, statusBadge(esc.status), el('span', { class: 'lang-tag' }, langLabel(esc.lang)), el('span', { class: 'muted' }, t('closed.closedAt', { when: formatWhen(esc.closedAt) }))),
      el('div', { class: 'row-title' }, topicLabel(esc)),
      el('div', { class: 'row-meta' }, [deskLabel(esc), placeLabel(esc), esc.assignedTo ? t('queue.assignedTo', { name: esc.assignedTo }) : t('queue.unassigned')].join(' · ')),
      el('div', { class: 'row-meta', 'data-testid': 'satisfaction' }, esc.satisfaction ? [t('closed.satisfaction'), ' ', stars(esc.satisfaction)] : t('closed.noRating')),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Summary
  // ---------------------------------------------------------------------------------------------

  async function showSummary() {
    const daysSelect = el(
      'select',
      { 'data-testid': 'summary-days', 'aria-label': t('summary.period') },
      SUMMARY_DAYS.map((d) => el('option', { value: String(d), selected: d === state.summaryDays }, t('summary.lastDays', { count: d }))),
    );
    const body = el('div', { class: 'summary-body' }, el('p', { class: 'muted' }, t('common.loading')));
    const page = el('section', { class: 'page', 'data-testid': 'summary' }, el('div', { class: 'page-head' }, el('h2', {}, t('summary.title')), daysSelect), body);
    daysSelect.addEventListener('change', () => {
      state.summaryDays = Number(daysSelect.value);
      loadSummary(page, body);
    });
    fill(shell.detailPane, page);
    loadSummary(page, body);
  }

  async function loadSummary(page, body) {
    const days = state.summaryDays;
    let summary;
    try {
      summary = await api('GET', `/summary?days=${days}`);
    } catch (err) {
      handleError(err);
      fill(body, el('p', { class: 'empty' }, errorMessage(err)));
      return;
    }
    if (!page.isConnected || days !== state.summaryDays) return;
    fill(body, ...summaryContent(summary));
  }

  function summaryContent(s) {
    const sat = s.satisfaction || { count: 0, mean: null, distribution: [0, 0, 0, 0, 0] };
    return [
      el('div', { class: 'cards' },
        card(t('summary.total'), formatNumber(s.total), 'summary-total'),
        card(t('summary.medianWait'), formatDuration(s.medianFirstReplySeconds), 'summary-median'),
        card(t('summary.meanSatisfaction'), sat.mean === null || sat.mean === undefined ? t('time.none') : t('summary.meanOf5', { mean: formatNumber(sat.mean, 1) }), 'summary-satisfaction', t('summary.ratings', { count: sat.count || 0 }))),
      el('figure', { class: 'chart' },
        el('figcaption', {}, t('summary.perDay')),
        perDayChart(s.perDay || [])),
      el('figure', { class: 'chart chart-small' },
        el('figcaption', {}, t('summary.satisfaction')),
        satisfactionChart(sat.distribution || [0, 0, 0, 0, 0])),
      summaryTable(t('summary.byDesk'), 'by-desk', s.byDesk || [], (row) => row.label || row.key || t('queue.noDesk')),
      summaryTable(t('summary.byLanguage'), 'by-language', s.byLanguage || [], (row) => (LANGUAGES.includes(row.key) ? langLabel(row.key) : row.label || row.key)),
      summaryTable(t('summary.byTopic'), 'by-topic', s.byTopic || [], (row) => row.label || row.key || t('conversation.noTopic')),
    ];
  }

  function card(label, value, testid, note) {
    return el('div', { class: 'card', 'data-testid': testid }, el('div', { class: 'card-label' }, label), el('div', { class: 'card-value' }, value), note ? el('div', { class: 'muted small' }, note) : null);
  }

  function perDayChart(perDay) {
    // Label about six days whatever the period, so 90 days stay readable.
    const every = Math.max(1, Math.ceil(perDay.length / 6));
    return barChart({
      testid: 'chart-per-day',
      label: t('summary.perDay'),
      bars: perDay.map((d, i) => ({
        value: Number(d.count) || 0,
        tip: t('summary.dayTip', { date: d.date, count: Number(d.count) || 0 }),
        label: i % every === 0 || i === perDay.length - 1 ? formatDay(d.date) : '',
      })),
      valueLabels: perDay.length <= 31,
    });
  }

  function satisfactionChart(distribution) {
    return barChart({
      testid: 'chart-satisfaction',
      label: t('summary.satisfaction'),
      bars: [1, 2, 3, 4, 5].map((score, i) => ({
        value: Number(distribution[i]) || 0,
        tip: t('summary.satisfactionTip', { score, count: Number(distribution[i]) || 0 }),
        label: t('satisfaction.score', { n: score }),
        className: `bar-score-${score}`,
      })),
      valueLabels: true,
      width: 420,
    });
  }

  /**
   * A bar chart as inline SVG: one <rect> per bar (with a <title> tooltip), a y axis with 0, half
   * and max, and x labels where given. Sized by viewBox, so it scales with the page. `format` writes
   * the numbers on the axis and above the bars (a percentage, say).
   */
  function barChart({ testid, label, bars, valueLabels, width = 720, height = 240, format = formatNumber }) {
    const margin = { top: 18, right: 8, bottom: 30, left: 36 };
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const max = Math.max(1, ...bars.map((b) => b.value));
    const slot = plotW / Math.max(1, bars.length);
    const barW = Math.max(1, slot * 0.72);
    const y = (v) => margin.top + plotH - (v / max) * plotH;

    const chart = svg('svg', { 'data-testid': testid, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'bar-chart' });
    const ticks = [...new Set([0, Math.round(max / 2), max])];
    for (const tick of ticks) {
      chart.append(
        svg('line', { x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick), class: tick === 0 ? 'axis' : 'grid' }),
        svg('text', { x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis-label' }, format(tick)),
      );
    }
    bars.forEach((bar, i) => {
      const x = margin.left + i * slot + (slot - barW) / 2;
      const top = y(bar.value);
      chart.append(svg('rect', { x: x.toFixed(2), y: top.toFixed(2), width: barW.toFixed(2), height: (margin.top + plotH - top).toFixed(2), class: `bar ${bar.className || ''}`.trim() }, svg('title', {}, bar.tip)));
      if (valueLabels && bar.value > 0) {
        chart.append(svg('text', { x: (x + barW / 2).toFixed(2), y: (top - 4).toFixed(2), 'text-anchor': 'middle', class: 'value-label' }, format(bar.value)));
      }
      if (bar.label) {
        // On long series the first and last labels would hang off the edges: align them inwards.
        const edge = bars.length > 12 && (i === 0 || i === bars.length - 1);
        const anchor = edge ? (i === 0 ? 'start' : 'end') : 'middle';
        const lx = anchor === 'start' ? x : anchor === 'end' ? x + barW : x + barW / 2;
        chart.append(svg('text', { x: lx.toFixed(2), y: height - margin.bottom + 18, 'text-anchor': anchor, class: 'axis-label' }, bar.label));
      }
    });
    return chart;
  }

  function summaryTable(caption, testid, rows, labelOf) {
    return el(
      'div',
      { class: 'table-wrap' },
      el('table', { class: 'data summary-table', 'data-testid': testid },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t('summary.colName')),
          el('th', { scope: 'col', class: 'num' }, t('summary.colCount')),
          el('th', { scope: 'col', class: 'num' }, t('summary.colMedianWait')),
          el('th', { scope: 'col', class: 'num' }, t('summary.colSatisfaction')))),
        el('tbody', {},
          rows.length
            ? rows.map((row) => el('tr', {},
              el('th', { scope: 'row', dir: 'auto' }, labelOf(row)),
              el('td', { class: 'num' }, formatNumber(row.count)),
              el('td', { class: 'num' }, formatDuration(row.medianFirstReplySeconds)),
              el('td', { class: 'num' }, row.meanSatisfaction === null || row.meanSatisfaction === undefined ? t('time.none') : formatNumber(row.meanSatisfaction, 1))))
            : el('tr', {}, el('td', { colspan: 4, class: 'muted' }, t('summary.noData'))))),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Users (admin)
  // ---------------------------------------------------------------------------------------------

  async function showUsers() {
    if (state.user.role !== 'admin') {
      showForbidden(t('errors.forbidden'));
      return;
    }
    const page = el('section', { class: 'page users-page' }, el('h2', {}, t('users.title')), el('p', { class: 'muted' }, t('common.loading')));
    fill(shell.detailPane, page);
    let users;
    try {
      const [data] = await Promise.all([api('GET', '/users'), state.desks ? null : api('GET', '/desks').then((d) => { state.desks = d.desks || []; })]);
      users = data.users || [];
    } catch (err) {
      handleError(err);
      fill(page, el('h2', {}, t('users.title')), el('p', { class: 'empty' }, errorMessage(err)));
      return;
    }
    if (!page.isConnected) return;
    const form = userForm();
    fill(page, el('h2', {}, t('users.title')), usersTable(users, form), form);
  }

  function usersTable(users, form) {
    return el('div', { class: 'table-wrap' },
      el('table', { class: 'data', 'data-testid': 'users' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t('users.name')),
          el('th', { scope: 'col' }, t('users.role')),
          el('th', { scope: 'col' }, t('users.desks')),
          el('th', { scope: 'col' }, t('users.languages')),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, t('users.actions'))))),
        el('tbody', {}, users.length ? users.map((u) => userRow(u, form)) : el('tr', {}, el('td', { colspan: 5, class: 'muted' }, t('users.empty'))))));
  }

  function userRow(user, form) {
    const actions = el('td', { class: 'row-actions' });
    const showButtons = () => fill(actions,
      el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'user-edit', onclick: () => form.startEdit(user) }, t('users.edit')),
      el('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'user-delete', 'data-name': user.name, disabled: user.name === state.user.name, title: user.name === state.user.name ? t('users.notYourself') : null, onclick: askDelete }, t('users.delete')),
    );
    // Deleting someone cannot be undone: ask inline, like closing a conversation.
    function askDelete() {
      fill(actions,
        el('span', { class: 'small' }, t('users.confirmDelete', { name: user.name })), ' ',
        el('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-yes', onclick: () => deleteUser(user.name) }, t('users.delete')),
        el('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'confirm-no', onclick: showButtons }, t('common.cancel')),
      );
    }
    showButtons();
    return el('tr', { 'data-name': user.name },
      el('th', { scope: 'row' }, user.name),
      el('td', {}, t(`roles.${user.role}`)),
      el('td', {}, (user.desks || []).join(', ') || t('time.none')),
      el('td', {}, (user.languages || []).join(', ') || t('time.none')),
      actions);
  }

  async function deleteUser(name) {
    try {
      await api('DELETE', `/users/${encodeURIComponent(name)}`);
      flash(t('users.deleted', { name }), 'ok');
    } catch (err) {
      handleError(err);
    }
    if (currentRoute().name === 'users') showUsers();
  }

  /** Add or edit a user. Problems from a 400 appear next to the field they are about. */
  function userForm() {
    const problems = {};
    const problemEl = (field) => (problems[field] = el('p', { class: 'field-problem', 'data-field': field, 'data-testid': `problem-${field}`, hidden: true }));
    const general = el('p', { class: 'field-problem', 'data-testid': 'problem-general', hidden: true });
    const title = el('h3', {}, t('users.add'));
    const name = el('input', { name: 'name', autocomplete: 'off', required: true, autocapitalize: 'none', spellcheck: 'false' });
    const password = el('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
    const passwordHint = el('span', { class: 'muted small', hidden: true }, t('users.passwordKeep'));
    const role = el('select', { name: 'role' }, ROLES.map((r) => el('option', { value: r }, t(`roles.${r}`))));
    const desks = el('select', { name: 'desks', multiple: true, size: Math.min(8, Math.max(3, (state.desks || []).length)) },
      (state.desks || []).map((d) => el('option', { value: d.id }, t('users.deskOption', { id: d.id, name: d.name || d.id }))));
    const languages = el('fieldset', { class: 'checks' }, el('legend', {}, t('users.languages')),
      LANGUAGES.map((code) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'languages', value: code }), ' ', langLabel(code))));
    const submit = el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'user-submit' }, t('users.addButton'));
    const cancel = el('button', { type: 'button', class: 'btn btn-quiet', hidden: true }, t('common.cancel'));
    let editing = null;

    const form = el('form', { class: 'user-form', 'data-testid': 'user-form', novalidate: true },
      title,
      el('div', { class: 'form-grid' },
        el('label', { class: 'field' }, el('span', {}, t('users.name')), name, problemEl('name')),
        el('label', { class: 'field' }, el('span', {}, t('users.password')), password, passwordHint, problemEl('password')),
        el('label', { class: 'field' }, el('span', {}, t('users.role')), role, problemEl('role')),
        el('label', { class: 'field field-wide' }, el('span', {}, t('users.desks')), desks, el('span', { class: 'muted small' }, t('users.desksHint', { key: IS_MAC ? '⌘' : 'Ctrl' })), problemEl('desks'))),
      languages,
      problemEl('languages'),
      general,
      el('div', { class: 'panel-buttons' }, submit, cancel));

    const clearProblems = () => {
      for (const node of [...Object.values(problems), general]) {
        node.textContent = '';
        node.hidden = true;
      }
    };
    const reset = () => {
      editing = null;
      form.reset();
      name.readOnly = false;
      title.textContent = t('users.add');
      submit.textContent = t('users.addButton');
      passwordHint.hidden = true;
      cancel.hidden = true;
      clearProblems();
    };
    form.startEdit = (user) => {
      reset();
      editing = user.name;
      name.value = user.name;
      name.readOnly = true; // the name is the key in PUT /users/:name
      role.value = user.role;
      for (const option of desks.options) option.selected = (user.desks || []).includes(option.value);
      for (const box of languages.querySelectorAll('input')) box.checked = (user.languages || []).includes(box.value);
      title.textContent = t('users.editTitle', { name: user.name });
      submit.textContent = t('users.save');
      passwordHint.hidden = false;
      cancel.hidden = false;
      form.scrollIntoView({ block: 'start', behavior: 'smooth' });
      password.focus();
    };
    cancel.addEventListener('click', reset);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblems();
      const body = {
        name: name.value.trim(),
        role: role.value,
        desks: [...desks.selectedOptions].map((o) => o.value),
        languages: [...languages.querySelectorAll('input:checked')].map((box) => box.value),
      };
      if (password.value || !editing) body.password = password.value;
      submit.disabled = true;
      try {
        if (editing) await api('PUT', `/users/${encodeURIComponent(editing)}`, body);
        else await api('POST', '/users', body);
        flash(editing ? t('users.saved', { name: body.name }) : t('users.added', { name: body.name }), 'ok');
        if (currentRoute().name === 'users') showUsers();
      } catch (err) {
        if (err.status === 400 && Array.isArray(err.body.problems)) showProblems(err.body.problems);
        else handleError(err);
      } finally {
        submit.disabled = false;
      }
    });

    /** Problems name fields like "languages" or "languages.2": show them by the field they start with. */
    function showProblems(list) {
      for (const problem of list) {
        const field = String(problem.field || '').split(/[.[]/)[0];
        const target = problems[field] || general;
        target.textContent = target.textContent ? `${target.textContent} ${problem.message}` : String(problem.message || t('errors.invalid'));
        target.hidden = false;
      }
      if (!list.length) {
        general.textContent = t('errors.invalid');
        general.hidden = false;
      }
    }
    return form;
  }

  // ---------------------------------------------------------------------------------------------
  // Live updates: server-sent events, polling fallback, waiting-time ticker, beep
  // ---------------------------------------------------------------------------------------------

  function startLive() {
    stopLive();
    live.tick = setInterval(tickWaits, WAIT_TICK_MS);
    connectEvents();
  }

  function stopLive() {
    if (live.es) live.es.close();
    live.es = null;
    clearInterval(live.tick);
    clearInterval(live.poll);
    clearTimeout(live.retry);
    clearTimeout(live.queueDebounce);
    live.tick = live.poll = live.retry = live.queueDebounce = null;
  }

  function connectEvents() {
    if (typeof EventSource !== 'function') {
      startPolling();
      return;
    }
    const es = new EventSource(`${API}/events`);
    live.es = es;
    es.addEventListener('open', () => {
      stopPolling();
      // Events may have been missed while disconnected: catch up.
      refreshAll();
    });
    es.addEventListener('escalation', onEscalationEvent);
    es.addEventListener('error', () => {
      if (live.es !== es) return;
      // EventSource reconnects by itself; until it does, poll so nothing is missed.
      startPolling();
      if (es.readyState === EventSource.CLOSED) {
        // It gave up (e.g. the server answered with an error): try a fresh stream later.
        live.es = null;
        clearTimeout(live.retry);
        live.retry = setTimeout(() => state.user && connectEvents(), SSE_RETRY_MS);
      }
    });
  }

  function startPolling() {
    if (!live.poll) live.poll = setInterval(refreshAll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(live.poll);
    live.poll = null;
  }

  function refreshAll() {
    if (!state.user) return;
    refreshQueue();
    if (state.convo) loadConversation(state.convo.id);
  }

  function onEscalationEvent(event) {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // not ours to understand
    }
    if (!data || typeof data.id !== 'string') return;
    if (data.change === 'created') {
      state.pendingCreated.add(data.id);
      beep();
    }
    scheduleQueueRefresh();
    if (state.convo && state.convo.id === data.id) loadConversation(data.id);
    if (data.change !== 'message' && currentRoute().name === 'closed') showClosed();
  }

  /** After a refresh the queue knows the new requests' language and topic: announce them. */
  function flushCreatedNotices() {
    if (!state.pendingCreated.size) return;
    for (const id of state.pendingCreated) {
      if (!state.notices.some((n) => n.id === id)) state.notices.push({ id });
    }
    state.pendingCreated.clear();
    renderNotices();
  }

  function renderNotices() {
    if (!shell) return;
    fill(shell.notices, ...state.notices.map(noticeBanner));
  }

  function noticeBanner(notice) {
    const esc = state.queue.find((e) => e.id === notice.id);
    const text = esc ? t('notice.created', { lang: langName(esc.lang), topic: topicLabel(esc) }) : t('notice.createdUnknown', { id: notice.id });
    const dismiss = () => {
      state.notices = state.notices.filter((n) => n !== notice);
      renderNotices();
    };
    return el(
      'div',
      { class: 'notice', 'data-testid': 'new-escalation-notice', 'data-id': notice.id, role: 'status' },
      el('button', { type: 'button', class: 'notice-open', onclick: () => { dismiss(); location.hash = `#/e/${encodeURIComponent(notice.id)}`; } },
        el('span', { class: 'notice-dot', 'aria-hidden': 'true' }), text, esc && esc.deskName ? el('span', { class: 'muted small' }, ` · ${esc.deskName}`) : null),
      el('button', { type: 'button', class: 'notice-close', 'data-testid': 'notice-dismiss', 'aria-label': t('notice.dismiss'), title: t('notice.dismiss'), onclick: dismiss }, '×'),
    );
  }

  /** Creates (or resumes) the AudioContext on a user gesture; before one, browsers keep it muted. */
  function unlockAudio() {
    try {
      if (!sound.ctx) {
        const Ctx = window.AudioContext || window.webkitAudioContext;
        if (!Ctx) return;
        sound.ctx = new Ctx();
      }
      if (sound.ctx.state === 'suspended') sound.ctx.resume().catch(() => {});
    } catch {
      /* no sound, no harm */
    }
  }

  /** A short, soft two-tone beep for a new request. Silent when audio is not available. */
  function beep() {
    const ctx = sound.ctx;
    if (!ctx || ctx.state !== 'running') return;
    try {
      const now = ctx.currentTime;
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.15, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(880, now);
      osc.frequency.setValueAtTime(1175, now + 0.12);
      osc.connect(gain);
      osc.start(now);
      osc.stop(now + 0.36);
    } catch {
      /* fail silently: the banner is the real notice */
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What editor.js (the editors' workspace) may use
  // ---------------------------------------------------------------------------------------------

  /**
   * A small, frozen namespace: the DOM and text helpers, the API with its CSRF and 401 handling, and
   * a way to plug the workspace into the header and the hash routes. Nothing else is shared.
   */
  window.PonteConsole = Object.freeze({
    el,
    svg,
    fill,
    t,
    has,
    api,
    flash,
    handleError,
    errorMessage,
    langLabel,
    langName,
    formatWhen,
    formatDay,
    formatNumber,
    truncate,
    barChart,
    card,
    intlLocale,
    showForbidden,
    LANGUAGES,
    IS_MAC,
    /** The signed-in user ({ name, role, ... }) or null. */
    user: () => state.user,
    /** The element the current page lives in. */
    pane: () => (shell ? shell.detailPane : null),
    /** Plugs the workspace in; if someone is already signed in, the header and page are rebuilt. */
    register(ws) {
      workspace = ws;
      if (state.user && shell) {
        renderShell();
        route();
      }
    },
  });

  // ---------------------------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------------------------

  async function boot() {
    for (const type of ['pointerdown', 'keydown', 'touchstart']) document.addEventListener(type, unlockAudio, { capture: true, passive: true });
    window.addEventListener('hashchange', route);

    const wanted = storedUiLang();
    try {
      await loadUiLang(wanted);
    } catch {
      try {
        await loadUiLang(DEFAULT_UI_LANG);
      } catch {
        // Without translations there are no words to show; this one line is the exception.
        fill($app(), el('p', { class: 'fatal' }, 'Ponte: impossibile caricare la console / the console could not load. Ricarica la pagina / reload the page.'));
        return;
      }
    }

    try {
      const me = await api('GET', '/me');
      state.user = me.user;
      state.csrf = me.csrf;
      startApp();
    } catch (err) {
      if (err.status !== 401) {
        showSignIn(); // cannot tell whether we are signed in: let the operator try
        const error = document.querySelector('[data-testid="login-error"]');
        if (error) {
          error.textContent = errorMessage(err);
          error.hidden = false;
        }
      }
      // 401: api() already showed the sign-in form.
    }
  }

  // Deferred scripts run before DOMContentLoaded: waiting for it lets editor.js register first.
  if (document.readyState === 'complete') boot();
  else window.addEventListener('DOMContentLoaded', boot, { once: true });
})();
