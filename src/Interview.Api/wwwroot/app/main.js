import { api, auth } from './api.js';
import { h, mount, link, toast } from './dom.js';

const THEME_KEY = 'interview.theme';

// Routes: [pattern, loader, options]. Pages are loaded on demand so the first load stays small.
const routes = [
  ['/login', () => import('./pages/auth.js').then(m => m.login), { public: true }],
  ['/signup', () => import('./pages/auth.js').then(m => m.signup), { public: true }],
  ['/verify', () => import('./pages/auth.js').then(m => m.verify), { public: true }],
  ['/', () => import('./pages/dashboard.js').then(m => m.dashboard)],
  ['/interviews/new', () => import('./pages/new-interview.js').then(m => m.newInterview)],
  ['/interviews/:id/report', () => import('./pages/report.js').then(m => m.report)],
  ['/interviews/:id', () => import('./pages/room.js').then(m => m.room)],
  ['/history', () => import('./pages/history.js').then(m => m.history)],
  ['/prep', () => import('./pages/prep.js').then(m => m.prepList)],
  ['/prep/:id', () => import('./pages/prep.js').then(m => m.prepPack)],
  ['/profile', () => import('./pages/profile.js').then(m => m.profile)],
  ['/coach', () => import('./pages/coach.js').then(m => m.coachList), { role: 'coach' }],
  ['/coach/:id', () => import('./pages/coach.js').then(m => m.coachReview), { role: 'coach' }],
  ['/admin', () => import('./pages/admin.js').then(m => m.admin), { role: 'admin' }]
];

function match(path) {
  for (const [pattern, load, options = {}] of routes) {
    const names = [];
    const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; }) + '/?$');
    const found = path.match(regex);
    if (found) return { load, options, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
  }
  return null;
}

let cleanup = null;

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href); else history.pushState(null, '', href);
  render();
}

async function render() {
  if (cleanup) { try { cleanup(); } catch { /* ignore */ } cleanup = null; }
  const main = document.getElementById('main');
  const url = new URL(location.href);
  const found = match(url.pathname);
  renderTopbar(url.pathname);
  if (!found) { mount(main, h('h1', null, 'Page not found'), h('p', null, link('/', 'Back to the dashboard'))); return; }
  if (!found.options.public && !auth.session) { navigate(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, { replace: true }); return; }
  if (found.options.role && !auth.hasRole(found.options.role) && !auth.hasRole('admin')) {
    mount(main, h('h1', null, 'Not available'), h('p', null, `This page is for the ${found.options.role} role.`));
    return;
  }
  const page = await found.load();
  const context = { params: found.params, query: url.searchParams, navigate, onLeave: fn => { cleanup = fn; } };
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    const view = await page(context);
    if (location.pathname === url.pathname) mount(main, view);
  } catch (error) {
    if (error && error.status === 401) return;
    mount(main, h('div', { class: 'alert alert-error', role: 'alert' }, (error && (error.detail || error.message)) || 'Could not load this page.'));
  }
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Interview` : 'Interview';
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function themeButton() {
  const current = document.documentElement.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const next = current === 'dark' ? 'light' : 'dark';
  return h('button', {
    type: 'button', class: 'btn btn-ghost theme-toggle', 'aria-label': `Switch to ${next} theme`,
    onclick: () => { document.documentElement.dataset.theme = next; localStorage.setItem(THEME_KEY, next); renderTopbar(location.pathname); }
  }, current === 'dark' ? '☀ Light' : '☾ Dark');
}

function renderTopbar(path) {
  const bar = document.getElementById('topbar');
  const user = auth.user;
  const nav = [];
  if (user) {
    nav.push(['/', 'Dashboard'], ['/interviews/new', 'New interview'], ['/history', 'History'], ['/prep', 'Prep packs']);
    if (auth.hasRole('coach') || auth.hasRole('admin')) nav.push(['/coach', 'Coach']);
    if (auth.hasRole('admin')) nav.push(['/admin', 'Admin']);
    nav.push(['/profile', 'Profile']);
  }
  mount(bar,
    h('div', { class: 'topbar-inner' },
      link(user ? '/' : '/login', h('span', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'I'), 'Interview')),
      h('nav', { 'aria-label': 'Main' }, h('ul', { class: 'nav' }, nav.map(([href, text]) =>
        h('li', null, h('a', { href, dataset: { link: '' }, 'aria-current': (href === '/' ? path === '/' : path.startsWith(href)) ? 'page' : false }, text))))),
      h('div', { class: 'topbar-actions' },
        h('span', { id: 'ai-badge' }),
        themeButton(),
        user ? h('button', { type: 'button', class: 'btn btn-ghost', onclick: async () => { await auth.signOut(); toast('Signed out.'); navigate('/login'); } }, 'Log out') : null)));
  if (user) aiBadge();
}

let aiStatus = null;
async function aiBadge() {
  const slot = document.getElementById('ai-badge');
  try {
    aiStatus ??= await api.get('/ai/status');
    const healthy = aiStatus.healthy !== false;
    const text = aiStatus.mode === 'offline' ? 'AI: offline engine' : `AI: ${aiStatus.model || aiStatus.mode}${healthy ? '' : ' (degraded)'}`;
    mount(slot, h('span', { class: ['badge', healthy ? 'badge-ok' : 'badge-warn'], title: `Mode ${aiStatus.mode}, circuit ${aiStatus.circuit ?? 'n/a'}` }, text));
  } catch { slot.replaceChildren(); }
}

document.addEventListener('click', event => {
  const anchor = event.target.closest && event.target.closest('a[data-link]');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || anchor.target) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', render);
auth.onChange(session => { if (!session && !match(location.pathname)?.options.public) navigate('/login', { replace: true }); });

const savedTheme = localStorage.getItem(THEME_KEY);
if (savedTheme) document.documentElement.dataset.theme = savedTheme;
render();
