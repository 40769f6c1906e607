import { api, liveStream } from '../api.js';
import { h, mount, link, label, duration, toast, errorBox, badge } from '../dom.js';
import { statusBadge } from './dashboard.js';
import { speak, stopSpeaking, autoplay, Recorder, canRecord } from '../voice.js';

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
  const voice = voicePanel(id, textarea, () => draft, next => { draft = next; updateCount(); });
  const form = h('form', { class: 'answer-form', novalidate: true }, voice.panel, h('label', { for: 'answer' }, 'Your answer'), textarea, count, answerError, h('div', { class: 'actions' }, submit));
  const autoplayBox = h('input', { type: 'checkbox', id: 'autoplay', checked: autoplay.on });
  autoplayBox.addEventListener('change', () => { autoplay.on = autoplayBox.checked; if (!autoplayBox.checked) stopSpeaking(); });
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
    for (const turn of view.turns) if (!have.has(String(turn.seq))) transcript.append(withPlayButton(turnItem(turn), turn));
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
    voice.enable(answering);
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
      const accepted = await api.post(`/interviews/${id}/answers`, { text, idempotencyKey: draft.key, recordingId: draft.recordingId || undefined });
      voice.reset();
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
      if (!view.turns.some(t => t.seq === data.turn.seq)) {
        view.turns.push(data.turn);
        if (autoplay.on && data.turn.speaker === 'interviewer') speak(data.turn.text).catch(error => toast(error.message));
      }
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

  onLeave(() => { stop(); clearInterval(timer); stopSpeaking(); voice.leave(); });
  updateCount();
  render();
  tick();

  return h('div', { class: 'page room' },
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, `${label(view.config.type)} interview`),
        h('p', { class: 'muted' }, `${view.config.role} · ${label(view.config.level)} · ${label(view.config.difficulty)} · ${label(view.config.companyStyle)}`)),
      h('div', { class: 'room-meta' }, status, asked, elapsed, liveState,
        h('label', { class: 'check', for: 'autoplay' }, autoplayBox, ' Read questions aloud'))),
    h('div', { class: 'room-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'transcript-title' }, h('h2', { id: 'transcript-title', class: 'card-title' }, 'Conversation'), transcript, writing),
      h('section', { class: 'card room-side' }, prompt, form, doneBox, h('div', { class: 'actions' }, pauseButton, finishButton))),
    notes);
}

/** A Play button on an interviewer's turn: the server's voice, or the browser's when the server cannot speak. */
function withPlayButton(item, turn) {
  if (turn.speaker !== 'interviewer') return item;
  const play = h('button', { type: 'button', class: 'btn btn-ghost btn-small play', 'aria-label': `Play this ${turn.kind === 'followUp' ? 'follow-up' : turn.kind} aloud` }, '▶ Play');
  play.addEventListener('click', async () => {
    try {
      const { engine } = await speak(turn.text);
      play.title = engine === 'browser' ? 'Read by your browser (the server could not speak)' : `Read by ${engine}`;
    } catch (error) { toast(error.message); }
  });
  item.querySelector('.turn-meta').append(' ', play);
  return item;
}

/**
 * Answering aloud: hold the button (or the R key outside a text field) to record, with a live level meter. The recording
 * is transcribed by POST /interviews/{id}/answers/transcriptions and the transcript lands in the answer box, where the
 * candidate corrects it; submitting sends it with the recording's id, so it is stored as a spoken answer.
 */
function voicePanel(id, textarea, getDraft, setDraft) {
  const supported = canRecord();
  const meter = h('meter', { class: 'level', min: '0', max: '1', low: '0.15', high: '0.85', optimum: '0.5', value: '0', 'aria-label': 'Microphone level' });
  const record = h('button', { type: 'button', id: 'record', class: 'btn record', 'aria-pressed': 'false', disabled: !supported }, 'Hold to talk');
  const stateText = h('p', { class: 'hint voice-state', role: 'status', 'aria-live': 'polite' },
    supported ? 'Hold the button or the R key while you speak; the transcript appears below for you to correct.' : 'This browser cannot record audio; type your answer.');
  const discard = h('button', { type: 'button', class: 'btn btn-ghost btn-small', hidden: true }, 'Discard recording');
  const playback = h('div', { class: 'playback' });
  const recorder = new Recorder(level => { meter.value = level; });
  let enabled = true;
  let busy = false;

  async function begin() {
    if (!enabled || busy || recorder.recording) return;
    stopSpeaking();
    try {
      record.setAttribute('aria-pressed', 'true');
      record.classList.add('recording');
      record.textContent = 'Recording… release to stop';
      stateText.textContent = 'Recording.';
      await recorder.start();
    } catch (error) {
      record.setAttribute('aria-pressed', 'false');
      record.classList.remove('recording');
      record.textContent = 'Hold to talk';
      stateText.textContent = `The microphone could not be opened: ${error.message}`;
    }
  }

  async function end() {
    if (!recorder.recording) return;
    record.setAttribute('aria-pressed', 'false');
    record.classList.remove('recording');
    record.textContent = 'Hold to talk';
    const result = await recorder.stop();
    if (!result || result.seconds < 0.6) { stateText.textContent = 'That was too short: hold the button while you speak.'; return; }
    busy = true;
    record.disabled = true;
    stateText.textContent = 'Transcribing…';
    try {
      const form = new FormData();
      form.append('audio', result.blob, `answer.${result.blob.type.includes('ogg') ? 'ogg' : result.blob.type.includes('mp4') ? 'm4a' : 'webm'}`);
      const heard = await api.upload(`/interviews/${id}/answers/transcriptions`, form);
      const before = textarea.value.trim();
      textarea.value = before ? `${before} ${heard.transcript}` : heard.transcript;
      setDraft({ ...getDraft(), recordingId: heard.recordingId });
      const confidence = heard.confidence === null || heard.confidence === undefined ? '' : `, confidence ${Math.round(heard.confidence * 100)}%`;
      stateText.textContent = `Transcribed ${heard.offline ? 'offline' : 'by the model'} (${heard.engine}${confidence}, ${heard.durationSeconds.toFixed(1)} s). Correct the text, then submit.`;
      mount(playback, h('audio', { controls: true, src: URL.createObjectURL(result.blob), 'aria-label': 'Your recording' }));
      discard.hidden = false;
      textarea.focus();
    } catch (error) {
      const messages = error.errors ? Object.values(error.errors).flat().join(' ') : error.message;
      stateText.textContent = `Not transcribed: ${messages}`;
    } finally {
      busy = false;
      record.disabled = !enabled;
    }
  }

  record.addEventListener('pointerdown', event => { event.preventDefault(); record.setPointerCapture(event.pointerId); begin(); });
  record.addEventListener('pointerup', () => end());
  record.addEventListener('pointercancel', () => end());
  record.addEventListener('keydown', event => { if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) { event.preventDefault(); begin(); } });
  record.addEventListener('keyup', event => { if (event.key === ' ' || event.key === 'Enter') { event.preventDefault(); end(); } });
  const typing = target => target && (target.closest('input, textarea, select, [contenteditable]'));
  const onKeyDown = event => { if (event.key.toLowerCase() === 'r' && !event.repeat && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) { event.preventDefault(); begin(); } };
  const onKeyUp = event => { if (event.key.toLowerCase() === 'r') end(); };
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('keyup', onKeyUp);

  function reset() {
    const draft = getDraft();
    delete draft.recordingId;
    setDraft(draft);
    mount(playback);
    discard.hidden = true;
    stateText.textContent = supported ? 'Hold the button or the R key while you speak.' : stateText.textContent;
  }
  discard.addEventListener('click', () => { reset(); textarea.value = ''; setDraft(getDraft()); });

  return {
    panel: h('div', { class: 'voice' }, h('div', { class: 'voice-row' }, record, meter, discard), stateText, playback),
    enable(on) { enabled = on; record.disabled = !supported || !on || busy; if (!on) end(); },
    reset,
    leave() { document.removeEventListener('keydown', onKeyDown); document.removeEventListener('keyup', onKeyUp); if (recorder.recording) recorder.stop(); }
  };
}

export { badge };
