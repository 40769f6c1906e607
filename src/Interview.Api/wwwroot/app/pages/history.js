import { api, query as qs } from '../api.js';
import { h, link, label, formatDate, empty } from '../dom.js';
import { statusBadge, interviewHref } from './dashboard.js';

const FILTERS = {
  type: ['', 'behavioral', 'technical', 'system_design', 'dsa', 'mixed'],
  difficulty: ['', 'easy', 'medium', 'hard', 'expert'],
  status: ['', 'created', 'inProgress', 'paused', 'finalized', 'reported', 'abandoned'],
  companyStyle: ['', 'general', 'amazon', 'google', 'meta', 'microsoft', 'apple', 'netflix']
};
const SORTS = [['-date', 'Newest first'], ['date', 'Oldest first'], ['-score', 'Highest score'], ['score', 'Lowest score']];
const PAGE_SIZE = 10;

export async function history({ query, navigate }) {
  const current = Object.fromEntries(['type', 'difficulty', 'status', 'companyStyle', 'sort', 'page'].map(k => [k, query.get(k) || '']));
  const page = Number(current.page || 1);
  const data = await api.get(`/interviews${qs({ ...current, page, pageSize: PAGE_SIZE })}`);
  const go = changes => navigate(`/history${qs({ ...current, page: '', ...changes })}`);

  const controls = h('form', { class: 'filters', 'aria-label': 'Filters' },
    Object.entries(FILTERS).map(([name, options]) => {
      const select = h('select', { id: `filter-${name}`, name }, options.map(o => h('option', { value: o, selected: o === current[name] }, o ? label(o) : 'Any')));
      select.addEventListener('change', () => go({ [name]: select.value }));
      return h('div', { class: 'field' }, h('label', { for: select.id }, label(name)), select);
    }),
    (() => {
      const select = h('select', { id: 'filter-sort', name: 'sort' }, SORTS.map(([v, t]) => h('option', { value: v, selected: v === (current.sort || '-date') }, t)));
      select.addEventListener('change', () => go({ sort: select.value }));
      return h('div', { class: 'field' }, h('label', { for: select.id }, 'Sort'), select);
    })());

  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, 'History'), h('p', { class: 'muted' }, `${data.total} interview${data.total === 1 ? '' : 's'}`)),
    controls,
    data.items.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['Date', 'Interview', 'Difficulty', 'Company', 'Status', 'Answered', 'Score'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, data.items.map(item => h('tr', null,
        h('td', null, formatDate(item.createdAt)),
        h('td', null, link(interviewHref(item), `${label(item.type)} · ${item.role}`)),
        h('td', null, label(item.difficulty)),
        h('td', null, label(item.companyStyle)),
        h('td', null, statusBadge(item.status)),
        h('td', null, `${item.questionsAnswered}/${item.questionCount}`),
        h('td', { class: 'num' }, item.score === null ? '—' : String(item.score)))))))
      : empty('No interviews match these filters.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', class: 'btn', disabled: page <= 1, onclick: () => go({ page: page - 1 }) }, '← Previous'),
      h('span', null, `Page ${data.page} of ${pages}`),
      h('button', { type: 'button', class: 'btn', disabled: page >= pages, onclick: () => go({ page: page + 1 }) }, 'Next →')));
}
