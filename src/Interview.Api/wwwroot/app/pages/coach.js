import { api } from '../api.js';
import { h, mount, link, label, formatDate, empty, card, field, showErrors, toast } from '../dom.js';
import { statusBadge } from './dashboard.js';
import { turnItem } from './room.js';
import { reportBody } from './report.js';

export async function coachList() {
  const list = await api.all('/coach/interviews');
  return h('div', { class: 'page' }, h('h1', null, 'Shared with me'),
    h('p', { class: 'muted' }, 'Interviews candidates shared with you: replay them event by event, leave notes, rescore.'),
    list.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['Date', 'Interview', 'Status', 'Score'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, list.map(item => h('tr', null,
        h('td', null, formatDate(item.createdAt)),
        h('td', null, link(`/coach/${item.id}`, `${label(item.type)} · ${item.role} · ${label(item.level)}`)),
        h('td', null, statusBadge(item.status)),
        h('td', { class: 'num' }, item.score === null ? '—' : String(item.score)))))))
      : empty('Nothing has been shared with you yet.'));
}

export async function coachReview({ params }) {
  const id = params.id;
  const timeline = await api.all(`/coach/interviews/${id}/timeline`);
  const maxVersion = timeline.length ? timeline[timeline.length - 1].version : 1;
  const slider = h('input', { type: 'range', id: 'replay-version', min: 1, max: maxVersion, value: maxVersion, step: 1 });
  const sliderLabel = h('output', { for: 'replay-version', id: 'replay-output' });
  const replay = h('div');
  const list = h('ol', { class: 'timeline', 'aria-label': 'Timeline' }, timeline.map(entry => h('li', { dataset: { version: String(entry.version) } },
    h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { slider.value = entry.version; show(); } },
      h('span', { class: 'tl-meta' }, `v${entry.version} · ${formatDate(entry.at)} · ${entry.type}`)),
    h('p', { class: 'tl-summary' }, entry.summary))));
  let pending = 0;
  async function show() {
    const version = Number(slider.value);
    sliderLabel.textContent = `Version ${version} of ${maxVersion}`;
    for (const li of list.children) li.classList.toggle('current', Number(li.dataset.version) === version);
    const ticket = ++pending;
    const view = await api.get(`/coach/interviews/${id}/replay?version=${version}`);
    if (ticket !== pending) return;
    mount(replay,
      h('p', { class: 'muted' }, `${label(view.status)} · question ${view.progress.asked} of ${view.progress.total} · awaiting ${view.awaiting}`),
      view.turns.length ? h('ol', { class: 'transcript' }, view.turns.map(turnItem)) : empty('No turns yet at this version.'));
  }
  slider.addEventListener('input', show);

  const noteText = h('textarea', { id: 'note-text', name: 'text', rows: 3 });
  const visibility = h('select', { id: 'note-visibility', name: 'visibility' }, h('option', { value: 'private' }, 'Private (only me)'), h('option', { value: 'shared' }, 'Shared with the candidate'));
  const noteForm = h('form', { novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    field('Note', noteText), field('Visibility', visibility),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', class: 'checkbox', id: 'note-at-version', name: 'atVersion' }), ' Attach to the version shown'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add note')));
  noteForm.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api.post(`/coach/interviews/${id}/notes`, { text: noteText.value.trim(), visibility: visibility.value, atVersion: noteForm.atVersion.checked ? Number(slider.value) : null });
      noteText.value = '';
      showErrors(noteForm, {});
      toast('Note added to the timeline.');
    } catch (error) { showErrors(noteForm, error.problem); }
  });

  const reportBox = h('div');
  async function loadReport(version) {
    const result = await api.get(`/interviews/${id}/report${version ? `?version=${version}` : ''}`, { withStatus: true }).catch(e => ({ status: e.status, data: e.problem }));
    if (result.status !== 200) { mount(reportBox, h('p', { class: 'muted' }, result.data && result.data.status ? `Report ${label(result.data.status)}.` : 'No report available.')); return; }
    const r = result.data;
    const latest = version ? Number(reportBox.dataset.latest || r.version) : r.version;
    reportBox.dataset.latest = String(latest);
    const switcher = h('select', { id: 'coach-report-version', 'aria-label': 'Report version' },
      Array.from({ length: latest }, (_, i) => latest - i).map(v => h('option', { value: String(v), selected: v === r.version }, `Version ${v}`)));
    switcher.addEventListener('change', () => loadReport(switcher.value));
    mount(reportBox, h('div', { class: 'toolbar' }, h('label', { for: 'coach-report-version' }, 'Report version '), switcher,
      h('button', { type: 'button', class: 'btn', onclick: async () => { try { await api.post(`/coach/interviews/${id}/rescore`); toast('Rescore requested: a new version appears when it is ready.'); } catch (e) { toast(e.message); } } }, 'Rescore')),
      reportBody(r));
  }

  await Promise.all([show(), loadReport()]);
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Review interview'), link('/coach', 'Back to shared interviews')),
    h('div', { class: 'grid-2' },
      card('Timeline', list),
      card('Replay', h('div', { class: 'field' }, h('label', { for: 'replay-version' }, 'Interview as it was at version'), slider, sliderLabel), replay)),
    card('Notes', noteForm),
    h('h2', null, 'Report'), reportBox);
}
