import { api, query as qs } from '../api.js';
import { h, card, label, num, field, showErrors, toast, empty } from '../dom.js';
import { columns } from '../charts.js';

function distributionTable(title, map) {
  const rows = Object.entries(map || {});
  return card(title, rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
    h('thead', null, h('tr', null, ['Group', 'Interviews', 'Mean', 'Median', 'Std dev', 'Note'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows.map(([name, d]) => h('tr', null, h('th', { scope: 'row' }, label(name)), h('td', { class: 'num' }, String(d.count)),
      h('td', { class: 'num' }, num(d.mean, 1)), h('td', { class: 'num' }, num(d.median, 1)), h('td', { class: 'num' }, num(d.standardDeviation, 1)), h('td', null, d.warning || ''))))))
    : empty('No scored interviews in this range.'));
}

export async function admin({ query, navigate }) {
  const range = { from: query.get('from') || '', to: query.get('to') || '' };
  const [overview, questions, llm] = await Promise.all([
    api.get(`/admin/analytics/overview${qs(range)}`), api.get('/admin/analytics/questions'), api.get(`/admin/analytics/llm${qs(range)}`)]);

  const rangeForm = h('form', { class: 'inline-form card', novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    field('From', h('input', { type: 'date', name: 'from', id: 'range-from', value: overview.from })),
    field('To', h('input', { type: 'date', name: 'to', id: 'range-to', value: overview.to })),
    h('button', { type: 'submit', class: 'btn' }, 'Apply'));
  rangeForm.addEventListener('submit', e => { e.preventDefault(); navigate(`/admin${qs({ from: rangeForm.from.value, to: rangeForm.to.value })}`); });

  const grantForm = h('form', { class: 'inline-form', novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    field('User id', h('input', { type: 'text', name: 'userId', id: 'grant-user', autocomplete: 'off' }), 'Shown on the user\'s profile page.'),
    field('Role', h('select', { name: 'role', id: 'grant-role' }, ['coach', 'admin', 'candidate'].map(r => h('option', { value: r }, label(r))))),
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Grant role'));
  grantForm.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api.post(`/admin/users/${encodeURIComponent(grantForm.userId.value.trim())}/roles`, { role: grantForm.role.value });
      showErrors(grantForm, {});
      toast(`Granted ${grantForm.role.value}.`);
    } catch (error) { showErrors(grantForm, error.problem || { detail: error.message }); }
  });

  const stat = (t, v) => h('div', { class: 'stat' }, h('p', { class: 'stat-label' }, t), h('p', { class: 'stat-value' }, v));
  return h('div', { class: 'page' },
    h('h1', null, 'Admin'),
    rangeForm,
    h('div', { class: 'stats' }, stat('Started', String(overview.started)), stat('Completed', String(overview.completed)),
      stat('Completion rate', `${num(overview.completionRate * 100)}%`), stat('LLM calls', String(llm.calls))),
    card('Daily activity', overview.perDay.length
      ? columns(overview.perDay.map(d => ({ date: d.day, values: { started: d.started, completed: d.completed, 'ended early': d.endedEarly } })), ['started', 'completed', 'ended early'])
      : empty('No activity in this range.')),
    h('div', { class: 'grid-2' }, distributionTable('Scores by type', overview.scoresByType), distributionTable('Scores by difficulty', overview.scoresByDifficulty)),
    card('LLM usage and cost', h('dl', { class: 'kv' },
      ...[['Provider', llm.provider], ['Model', llm.model], ['Calls', llm.calls], ['Failures', llm.failures], ['Fallbacks', `${llm.fallbacks} (${num(llm.fallbackRate * 100, 1)}%)`],
        ['Latency p50 / p95', `${llm.latencyP50Ms} / ${llm.latencyP95Ms} ms`], ['Tokens in / out', `${llm.tokensIn} / ${llm.tokensOut}`], ['Cost', `$${Number(llm.cost).toFixed(4)}`]]
        .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, String(v))]))),
    card('Questions', questions.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['Question', 'Asked', 'Follow-ups', 'Scored', 'Mean', 'Discrimination', 'Warning'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, questions.map(q => h('tr', null, h('td', null, h('code', null, q.questionId)), h('td', { class: 'num' }, String(q.timesAsked)),
        h('td', { class: 'num' }, String(q.followUps)), h('td', { class: 'num' }, String(q.scored)), h('td', { class: 'num' }, num(q.meanScore, 1)),
        h('td', { class: 'num' }, num(q.discrimination, 2)), h('td', null, q.warning || ''))))))
      : empty('No question has been asked yet.')),
    card('Grant a role', grantForm));
}
