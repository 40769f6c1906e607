import { api, liveStream } from '../api.js';
import { h, mount, link, label, duration, toast, errorBox, badge } from '../dom.js';
import { statusBadge } from './dashboard.js';

const MAX_ANSWER = 8000;

export function turnItem(turn) {
  const who = turn.speaker === 'candidate' ? 'You' : 'Interviewer';
  const kind = turn.kind === 'followUp' ? 'Follow-up' : turn.isWarmUp ? 'Warm-up' : label(turn.kind);
  return h('li', { class: ['turn', `turn-${turn.speaker}`], dataset: { seq: String(turn.seq) } },
    h('p', { class: 'turn-meta' }, h('span', { class: 'turn-who' }, who), ' · ', kind,
      turn.difficulty ? ` · ${label(turn.difficulty)}` : '', turn.generatedBy === 'llm' ? ' · written by the model' : ''),
    h('p', { class: 'turn-text' }, turn.text));
}

export async function room({ params, navigate, onLeave }) {
  const id = params.id;
  let view = await api.get(`/interviews/${id}`);
  const draftKey = `interview.draft.${id}`;
  let draft = {};
  try { draft = JSON.parse(localStorage.getItem(draftKey)) || {}; } catch { /* none */ }

  const transcript = h('ol', { class: 'transcript', 'aria-live': 'polite', 'aria-label': 'Transcript' });
  const writing = h('p', { class: 'writing', role: 'status', hidden: true }, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), 'The interviewer is writing…');
  const prompt = h('div', { class: 'prompt', 'aria-live': 'polite' });
  const asked = h('span', { class: 'asked' });
  const elapsed = h('span', { class: 'elapsed', 'aria-label': 'Elapsed time' });
  const status = h('span');
  const liveState = h('span', { class: 'live-state muted' });
  const textarea = h('textarea', { id: 'answer', name: 'text', rows: 8, maxlength: MAX_ANSWER, value: draft.text || '', 'aria-describedby': 'answer-count answer-error' });
  const count = h('p', { id: 'answer-count', class: 'hint' });
  const answerError = h('p', { id: 'answer-error', class: 'field-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Submit answer');
  const form = h('form', { class: 'answer-form', novalidate: true }, h('label', { for: 'answer' }, 'Your answer'), textarea, count, answerError, h('div', { class: 'actions' }, submit));
  const pauseButton = h('button', { type: 'button', class: 'btn' });
  const finishButton = h('button', { type: 'button', id: 'finish', class: 'btn btn-danger' }, 'Finish early');
  const doneBox = h('div', { class: 'done', hidden: true });
  const notes = h('div');

  function updateCount() {
    count.textContent = `${textarea.value.length} / ${MAX_ANSWER} characters`;
    localStorage.setItem(draftKey, JSON.stringify({ ...draft, text: textarea.value }));
  }
  textarea.addEventListener('input', updateCount);

  function renderTurns() {
    const have = new Set([...transcript.children].map(li => li.dataset.seq));
    for (const turn of view.turns) if (!have.has(String(turn.seq))) transcript.append(turnItem(turn));
  }

  function render() {
    renderTurns();
    const ended = ['finalized', 'reported', 'abandoned'].includes(view.status);
    const last = [...view.turns].reverse().find(t => t.speaker === 'interviewer');
    const answering = view.awaiting === 'candidate' && view.status === 'inProgress';
    mount(prompt, answering && last ? [h('p', { class: 'prompt-label' }, 'Current question'), h('p', { class: 'prompt-text' }, last.text)] : []);
    prompt.hidden = !answering;
    writing.hidden = !(view.awaiting === 'interviewer' && view.status === 'inProgress');
    form.hidden = !answering;
    asked.textContent = `Question ${view.progress.asked} of ${view.progress.total}`;
    mount(status, statusBadge(view.status));
    pauseButton.textContent = view.status === 'paused' ? 'Resume' : 'Pause';
    pauseButton.hidden = !['inProgress', 'paused'].includes(view.status);
    finishButton.hidden = !['inProgress', 'paused'].includes(view.status);
    finishButton.textContent = view.awaiting === 'nothing' && view.status === 'inProgress' ? 'Finish and get my report' : 'Finish early';
    finishButton.className = view.awaiting === 'nothing' ? 'btn btn-primary' : 'btn btn-danger';
    doneBox.hidden = !ended;
    if (ended) mount(doneBox, h('p', null, view.status === 'abandoned' ? 'This interview was abandoned.' : 'The interview is over.'),
      view.status !== 'abandoned' ? link(`/interviews/${id}/report`, h('span', { class: 'btn btn-primary' }, 'View the report')) : null);
    mount(notes, view.coachNotes && view.coachNotes.length ? h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Notes from your coach'),
      h('ul', { class: 'plain' }, view.coachNotes.map(n => h('li', null, h('strong', null, n.coach), ': ', n.text)))) : []);
    if (view.status === 'paused') { textarea.disabled = true; submit.disabled = true; } else { textarea.disabled = false; submit.disabled = false; }
  }

  const timer = setInterval(tick, 1000);
  function tick() {
    const start = view.startedAt ? new Date(view.startedAt).getTime() : null;
    const end = view.finalizedAt ? new Date(view.finalizedAt).getTime() : Date.now();
    elapsed.textContent = start ? duration(end - start) : '00:00';
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const text = textarea.value.trim();
    answerError.hidden = true;
    if (!text) { answerError.textContent = 'Write an answer before submitting.'; answerError.hidden = false; textarea.focus(); return; }
    draft.key ??= crypto.randomUUID();
    localStorage.setItem(draftKey, JSON.stringify({ ...draft, text: textarea.value }));
    submit.disabled = true;
    try {
      const accepted = await api.post(`/interviews/${id}/answers`, { text, idempotencyKey: draft.key });
      draft = {};
      localStorage.removeItem(draftKey);
      textarea.value = '';
      updateCount();
      // The live stream may already have shown the interviewer's reply: only a view older than the answer waits for it.
      if (!(view.version > (accepted?.version ?? 0))) view.awaiting = 'interviewer';
      render();
    } catch (error) {
      const messages = error.errors ? Object.values(error.errors).flat().join(' ') : error.message;
      answerError.textContent = messages;
      answerError.hidden = false;
      if (error.status === 409) await reload();
    } finally { submit.disabled = view.status === 'paused'; }
  });

  pauseButton.addEventListener('click', async () => {
    try { await api.post(`/interviews/${id}/${view.status === 'paused' ? 'resume' : 'pause'}`); await reload(); } catch (error) { toast(error.message); }
  });
  finishButton.addEventListener('click', async () => {
    const early = view.awaiting !== 'nothing';
    if (early && !confirm('Finish now? Only the questions you answered will be scored.')) return;
    try {
      await api.post(`/interviews/${id}/finalize`);
      localStorage.removeItem(draftKey);
      navigate(`/interviews/${id}/report`);
    } catch (error) { toast(error.message); }
  });

  async function reload() {
    const fresh = await api.get(`/interviews/${id}`);
    if (fresh.version >= view.version) { view = fresh; render(); }
  }

  const stop = liveStream(id, (name, data) => {
    if (name === 'turn') {
      if (!view.turns.some(t => t.seq === data.turn.seq)) view.turns.push(data.turn);
      view.awaiting = data.awaiting;
      if (data.asked) view.progress.asked = data.asked;
    } else if (name === 'status') {
      view.status = data.status;
      if (data.awaiting) view.awaiting = data.awaiting;
      if (data.version > view.version) reload();
    } else if (name === 'report' && data.status === 'ready') {
      view.status = 'reported';
    }
    view.version = Math.max(view.version, data.version || 0);
    if (location.pathname === `/interviews/${id}`) render();
  }, state => { liveState.textContent = state === 'open' ? 'Live' : state === 'reconnecting' ? 'Reconnecting…' : ''; }, view.version);

  onLeave(() => { stop(); clearInterval(timer); });
  updateCount();
  render();
  tick();

  return h('div', { class: 'page room' },
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, `${label(view.config.type)} interview`),
        h('p', { class: 'muted' }, `${view.config.role} · ${label(view.config.level)} · ${label(view.config.difficulty)} · ${label(view.config.companyStyle)}`)),
      h('div', { class: 'room-meta' }, status, asked, elapsed, liveState)),
    h('div', { class: 'room-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'transcript-title' }, h('h2', { id: 'transcript-title', class: 'card-title' }, 'Conversation'), transcript, writing),
      h('section', { class: 'card room-side' }, prompt, form, doneBox, h('div', { class: 'actions' }, pauseButton, finishButton))),
    notes);
}

export { badge };
