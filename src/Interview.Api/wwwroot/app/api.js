// The API client: bearer tokens, refresh with rotation, ProblemDetails as errors, and the live event stream.
const BASE = '/api/v1';
const KEY = 'interview.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.title = this.problem.title;
    this.detail = this.problem.detail;
    this.errors = this.problem.errors;
  }
}

let session = load();
const listeners = new Set();

function load() {
  try { return JSON.parse(localStorage.getItem(KEY)) || null; } catch { return null; }
}

function save(next) {
  session = next;
  if (next) localStorage.setItem(KEY, JSON.stringify(next)); else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export const auth = {
  get session() { return session; },
  get user() { return session && session.user; },
  hasRole(role) { return !!(session && session.user && (session.user.roles || []).includes(role)); },
  onChange(listener) { listeners.add(listener); return () => listeners.delete(listener); },
  signIn(body) { save({ accessToken: body.accessToken, refreshToken: body.refreshToken || null, expiresAt: body.expiresAt, user: body.user }); },
  setUser(user) { if (session) save({ ...session, user: { ...session.user, ...user } }); },
  async signOut() {
    const current = session;
    save(null);
    if (current) {
      try {
        await fetch(`${BASE}/auth/logout`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${current.accessToken}` },
          body: JSON.stringify({ refreshToken: current.refreshToken })
        });
      } catch { /* the local session is gone either way */ }
    }
  }
};

let refreshing = null;

/** POST /auth/refresh {refreshToken}: new access and refresh tokens (rotation). Without a refresh token, keep the access token. */
async function refresh() {
  if (!session || !session.refreshToken) return false;
  refreshing ??= (async () => {
    try {
      const response = await fetch(`${BASE}/auth/refresh`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken })
      });
      if (!response.ok) { if (response.status !== 404) save(null); return false; }
      const body = await response.json();
      save({ ...session, accessToken: body.accessToken, refreshToken: body.refreshToken || session.refreshToken, expiresAt: body.expiresAt, user: body.user || session.user });
      return true;
    } catch { return false; } finally { setTimeout(() => { refreshing = null; }, 0); }
  })();
  return refreshing;
}

function expiringSoon() {
  return session && session.expiresAt && new Date(session.expiresAt).getTime() - Date.now() < 60_000;
}

async function send(method, path, body, options = {}) {
  if (session && expiringSoon()) await refresh();
  const headers = { Accept: 'application/json, application/problem+json' };
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response = await fetch(BASE + path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body), signal: options.signal });
  if (response.status === 401 && session && !options.retried && await refresh()) {
    return send(method, path, body, { ...options, retried: true });
  }
  if (response.status === 401 && session && !path.startsWith('/auth/')) { save(null); }
  if (options.raw && response.ok) return response;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return options.withStatus ? { status: response.status, data } : data;
}

export const api = {
  get: (path, options) => send('GET', path, undefined, options),
  post: (path, body, options) => send('POST', path, body ?? {}, options),
  put: (path, body, options) => send('PUT', path, body, options),
  del: (path, options) => send('DELETE', path, undefined, options),
  /** A multipart upload (FormData); the answer is JSON. */
  upload: (path, form, options) => send('POST', path, form, options),
  /** The raw Response of a successful request (binary bodies such as audio); errors still throw ApiError. */
  raw: (method, path, body, options) => send(method, path, body, { ...options, raw: true }),
  /** Every item of a paged list ({ items, total, page, pageSize }), reading page after page. */
  async all(path) {
    const items = [];
    for (let page = 1; ; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const result = await send('GET', `${path}${separator}page=${page}&pageSize=100`);
      items.push(...result.items);
      if (items.length >= result.total || result.items.length === 0) return items;
    }
  }
};

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '' && value !== null && value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Reads GET /interviews/{id}/stream with fetch (EventSource cannot send a bearer token) and reconnects with
 * Last-Event-ID after a drop, so no event is missed or seen twice; afterVersion skips what the caller already shows.
 * Returns a function that stops it.
 */
export function liveStream(interviewId, onEvent, onState = () => {}, afterVersion = null) {
  const controller = new AbortController();
  let lastId = afterVersion === null ? null : String(afterVersion);
  let stopped = false;
  let delay = 500;

  async function connect() {
    while (!stopped) {
      try {
        if (session && expiringSoon()) await refresh();
        const headers = { Accept: 'text/event-stream' };
        if (session) headers.Authorization = `Bearer ${session.accessToken}`;
        if (lastId !== null) headers['Last-Event-ID'] = lastId;
        const response = await fetch(`${BASE}/interviews/${interviewId}/stream`, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401 && await refresh()) continue;
        if (!response.ok) { onState('closed'); return; }
        onState('open');
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        while (true) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let split;
          while ((split = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, split);
            buffer = buffer.slice(split + 2);
            let id = null, name = 'message', data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id') id = val; else if (field === 'event') name = val; else if (field === 'data') data += (data ? '\n' : '') + val;
            }
            if (id !== null) lastId = id;
            if (data) onEvent(name, JSON.parse(data), id);
          }
        }
      } catch (error) {
        if (stopped) return;
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
  connect();
  return () => { stopped = true; controller.abort(); };
}
