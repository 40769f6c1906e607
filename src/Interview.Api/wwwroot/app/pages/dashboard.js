import { api } from '../api.js';
import { h, card, link, empty, formatDate, label, num, badge } from '../dom.js';
import { trendChart } from '../charts.js';

export function statusBadge(status) {
  const kinds = { reported: 'ok', finalized: 'info', inProgress: 'accent', paused: 'warn', abandoned: 'muted', created: 'muted' };
  return badge(label(status), kinds[status] || '');
}

export function interviewHref(item) {
  return item.status === 'reported' || item.status === 'finalized' ? `/interviews/${item.id}/report` : `/interviews/${item.id}`;
}

export async function dashboard() {
  const data = await api.get('/me/dashboard');
  const stats = data.statistics;
  const stat = (title, value, sub) => h('div', { class: 'stat' }, h('p', { class: 'stat-label' }, title), h('p', { class: 'stat-value' }, value), sub ? h('p', { class: 'stat-sub' }, sub) : null);
  const next = data.nextSuggestedPractice;
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Dashboard'), link('/interviews/new', h('span', { class: 'btn btn-primary' }, 'Start a mock interview'))),
    h('div', { class: 'stats' },
      stat('Interviews', String(stats.totalInterviews), `${stats.completed} completed · ${num(stats.completionRate * 100)}% completion`),
      stat('Average score', num(stats.averageScore, 1), stats.bestScore === null ? 'no scored interview yet' : `best ${stats.bestScore}`),
      stat('Practice streak', `${stats.practiceStreakDays} d`, `${stats.practiceDays} practice days`),
      stat('Last interview', stats.lastInterviewAt ? formatDate(stats.lastInterviewAt) : '—')),
    h('div', { class: 'grid-2' },
      card('Score trend', stats.trend.length ? trendChart(stats.trend) : empty('Your scores appear here after your first report.')),
      card('Next suggested practice',
        h('p', { class: 'lead' }, `${label(next.type)} · ${label(next.difficulty)}`),
        h('p', { class: 'muted' }, next.reason),
        link(`/interviews/new?type=${encodeURIComponent(next.type)}&difficulty=${encodeURIComponent(next.difficulty)}`, h('span', { class: 'btn' }, 'Practise this')),
        stats.weakestCriteria.length ? h('div', null, h('h3', null, 'Weakest criteria'),
          h('ul', { class: 'plain' }, stats.weakestCriteria.map(c => h('li', null, `${label(c.criterion)}: ${num(c.average, 2)} / 5 (${c.interviews} interviews)`)))) : null)),
    h('div', { class: 'grid-2' },
      card('Recent interviews', data.recentInterviews.length
        ? h('ul', { class: 'list' }, data.recentInterviews.map(item => h('li', { class: 'list-row' },
            link(interviewHref(item), `${label(item.type)} · ${item.role}`),
            h('span', { class: 'muted' }, formatDate(item.createdAt)),
            statusBadge(item.status),
            h('span', { class: 'score' }, item.score === null ? '' : `${item.score}`))))
        : empty('No interviews yet.', link('/interviews/new', 'Start your first one'))),
      card('Prep progress', data.prepProgress.length
        ? h('ul', { class: 'list' }, data.prepProgress.map(pack => h('li', { class: 'list-row' },
            link(`/prep/${pack.packId}`, pack.company + (pack.jobTitle ? ` · ${pack.jobTitle}` : '')),
            progress(pack.practised, pack.total))))
        : empty('No prep packs yet.', link('/prep', 'Prepare for a company')))));
}

export function progress(done, total) {
  const bar = h('progress', { max: total || 1, value: done, 'aria-label': `${done} of ${total} practised` });
  return h('span', { class: 'progress' }, bar, h('span', { class: 'muted' }, `${done}/${total}`));
}
