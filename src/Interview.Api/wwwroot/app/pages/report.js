import { api, liveStream } from '../api.js';
import { h, mount, link, label, formatDate, field, showErrors, toast, badge, card } from '../dom.js';
import { gauge, bars } from '../charts.js';
import { recordingPlayer } from '../voice.js';

function list(title, items, cls = '') {
  return items && items.length ? h('section', { class: ['card', cls] }, h('h2', { class: 'card-title' }, title), h('ul', { class: 'bullets' }, items.map(i => h('li', null, i)))) : null;
}

export function answerCard(answer, index) {
  return h('article', { class: 'card answer' },
    h('header', { class: 'answer-head' },
      h('h3', null, `Q${index + 1}. `, answer.question),
      h('span', { class: 'answer-score', 'aria-label': `Score ${answer.score} out of 100` }, `${answer.score}`)),
    h('p', { class: 'muted' }, label(answer.category), answer.tags && answer.tags.length ? ` · ${answer.tags.join(', ')}` : ''),
    answer.notScoredReason ? h('p', { class: 'alert alert-warn' }, 'Not scored: ', answer.notScoredReason) : null,
    answer.criteria.length ? h('table', { class: 'criteria' },
      h('caption', { class: 'visually-hidden' }, 'Criteria for this answer'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Criterion'), h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col' }, 'Evidence'))),
      h('tbody', null, answer.criteria.map(c => h('tr', null,
        h('th', { scope: 'row' }, c.title || label(c.name)),
        h('td', null, h('span', { class: 'level' }, `${c.score}/5`), c.level ? h('span', { class: 'muted' }, ` ${c.level}`) : null),
        h('td', null, c.evidence ? h('blockquote', { class: 'evidence' }, c.evidence) : h('span', { class: 'muted' }, 'No quote')))))) : null,
    h('div', { class: 'grid-2 keypoints' },
      h('div', null, h('h4', null, 'Key points covered'), answer.keyPointsCovered.length ? h('ul', { class: 'bullets ok' }, answer.keyPointsCovered.map(k => h('li', null, k))) : h('p', { class: 'muted' }, 'None')),
      h('div', null, h('h4', null, 'Key points missed'), answer.keyPointsMissed.length ? h('ul', { class: 'bullets miss' }, answer.keyPointsMissed.map(k => h('li', null, k))) : h('p', { class: 'muted' }, 'None'))));
}

export function reportBody(r) {
  const scorer = r.scoredBy.kind === 'llm' ? `the model ${r.scoredBy.model || ''}`.trim() : 'the offline engine';
  return [
    h('div', { class: 'grid-2 report-top' },
      h('section', { class: 'card center' }, h('h2', { class: 'card-title' }, 'Overall'), gauge(r.overallScore),
        h('p', { class: 'muted' }, `${r.questionsAnswered} of ${r.questionsPlanned} questions answered${r.endedEarly ? ' (ended early)' : ''}`)),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Breakdown'),
        bars([
          { label: 'Technical depth', value: r.breakdown.technicalDepth },
          { label: 'Communication', value: r.breakdown.communication },
          { label: 'Problem solving', value: r.breakdown.problemSolving }
        ]),
        h('p', { class: 'muted scored-by' }, `Scored by ${scorer} · prompt ${r.scoredBy.promptVersion} · rubric ${r.scoredBy.rubricVersion} · ${formatDate(r.generatedAt)}`),
        r.scoredBy.note ? h('p', { class: 'muted' }, r.scoredBy.note) : null,
        r.note ? h('p', { class: 'muted' }, r.note) : null)),
    h('div', { class: 'grid-2' }, list('Strengths', r.strengths), list('Weaknesses', r.weaknesses)),
    list('Recommendations', r.recommendations),
    r.studyPlan.length ? card('Study plan', h('ol', { class: 'study' }, r.studyPlan.map(item => h('li', null, h('strong', null, item.topic), h('p', null, item.reason), h('p', { class: 'muted' }, 'Exercise: ', item.exercise))))) : null,
    h('h2', null, 'Answers'),
    r.answers.map(answerCard)
  ];
}

export async function report({ params, query, navigate, onLeave }) {
  const id = params.id;
  const wanted = query.get('version');
  const body = h('div');
  const page = h('div', { class: 'page report' });
  const interview = await api.get(`/interviews/${id}`);
  let stop = null;
  onLeave(() => stop && stop());

  async function load() {
    const result = await api.get(`/interviews/${id}/report${wanted ? `?version=${encodeURIComponent(wanted)}` : ''}`, { withStatus: true });
    if (result.status === 202) {
      const pending = result.data;
      mount(body, h('section', { class: 'card center', role: 'status' },
        h('p', { class: 'lead' }, pending.status === 'failed' ? 'Scoring failed.' : 'Your report is being written…'),
        h('p', { class: 'muted' }, `Status: ${label(pending.status)} · attempts ${pending.attempts}`, pending.lastError ? ` · ${pending.lastError}` : ''),
        pending.status === 'failed' ? h('button', { type: 'button', class: 'btn btn-primary', onclick: async () => { await api.post(`/interviews/${id}/report/retry`); load(); } }, 'Try again') : h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span'))));
      stop ??= liveStream(id, (name, data) => { if (name === 'report' && data.status !== 'queued') load(); });
      return;
    }
    if (stop) { stop(); stop = null; }
    const r = result.data;
    const latest = Number(wanted ? (await api.get(`/interviews/${id}/report`)).version : r.version);
    const switcher = h('select', { id: 'report-version', 'aria-label': 'Report version' },
      Array.from({ length: latest }, (_, i) => latest - i).map(v => h('option', { value: String(v), selected: v === r.version }, `Version ${v}${v === latest ? ' (latest)' : ''}`)));
    switcher.addEventListener('change', () => navigate(`/interviews/${id}/report?version=${switcher.value}`));
    mount(body,
      h('div', { class: 'toolbar no-print' }, h('label', { for: 'report-version' }, 'Version '), switcher,
        h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, 'Print or save as PDF')),
      reportBody(r),
      deliverySection(r, id),
      shareCard(id));
  }
  await load();
  mount(page,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Interview report'),
      h('p', { class: 'muted' }, `${label(interview.config.type)} · ${interview.config.role} · ${label(interview.config.level)} · ${label(interview.config.difficulty)}`)),
      link(`/interviews/${id}`, h('span', { class: 'btn no-print' }, 'Transcript'))),
    body);
  return page;
}

const seconds = value => { const s = Math.round(value); return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; };

function metrics(items) {
  return h('dl', { class: 'delivery-metrics' }, items.map(([name, value]) => h('div', null, h('dt', null, name), h('dd', null, value))));
}

/** How the spoken answers were delivered: apart from the scores above, which it never changes. */
export function deliverySection(r, id) {
  const d = r.delivery;
  if (!d) return null;
  const questions = new Map(r.answers.map(a => [a.questionId, a.question]));
  const fillers = list => list.length ? list.map(f => `"${f.filler}" ×${f.count}`).join(', ') : 'none';
  return h('section', { class: 'delivery', 'aria-labelledby': 'delivery-title' },
    h('h2', { id: 'delivery-title' }, 'Delivery'),
    h('p', { class: 'muted' }, `How you spoke in ${d.spokenAnswers} spoken answer${d.spokenAnswers === 1 ? '' : 's'}: pace, filler words, pauses and length. Measured from the recordings and not part of the scores above.`),
    h('section', { class: 'card' },
      metrics([
        ['Pace', `${d.wordsPerMinute} words/min`],
        ['Filler words', `${d.fillerTotal} (${d.fillersPer100Words} per 100 words)`],
        ['Long pauses', String(d.longPauses)],
        ['Too short / too long', `${d.tooShort} / ${d.tooLong}`],
        ['Time spoken', seconds(d.spokenSeconds)]
      ]),
      h('ul', { class: 'bullets' }, d.guidance.map(g => h('li', null, g)))),
    d.answers.map(a => {
      const player = h('div', { class: 'playback no-print' });
      const play = h('button', { type: 'button', class: 'btn btn-small' }, '▶ Play recording');
      play.addEventListener('click', async () => {
        play.disabled = true;
        try { mount(player, await recordingPlayer(`/interviews/${id}/recordings/${a.recordingId}`)); player.querySelector('audio').play().catch(() => {}); play.hidden = true; }
        catch (error) { toast(error.message); play.disabled = false; }
      });
      const prompt = a.respondingTo === 'warmUp' ? 'Warm-up' : a.respondingTo === 'followUp' ? 'Follow-up' : 'Question';
      return h('article', { class: 'card' },
        h('h3', null, `Answer ${a.answerNumber} · ${prompt}`, a.questionId && questions.has(a.questionId) ? `: ${questions.get(a.questionId)}` : ''),
        metrics([
          ['Pace', `${a.wordsPerMinute} words/min`],
          ['Filler words', fillers(a.fillers)],
          ['Long pauses', a.longPauses.length ? a.longPauses.map(p => `${p.seconds.toFixed(1)} s at ${seconds(p.at)}`).join(', ') : 'none'],
          ['Length', `${seconds(a.durationSeconds)} (${label(a.length)}; allowed ${seconds(a.allocation.minSeconds)}–${seconds(a.allocation.maxSeconds)})`]
        ]),
        h('ul', { class: 'bullets' }, a.guidance.map(g => h('li', null, g))),
        h('p', { class: 'muted' }, `Heard by ${a.engine}; pauses from ${a.pausesFrom === 'wordTimings' ? 'word timings' : 'silence detection'}.`),
        play, player);
    }));
}

function shareCard(id) {
  const email = h('input', { type: 'email', name: 'coachEmail', id: 'share-email', autocomplete: 'off' });
  const form = h('form', { class: 'inline-form', novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    field('Coach e-mail', email), h('button', { type: 'submit', class: 'btn' }, 'Share'),
    h('button', { type: 'button', class: 'btn btn-ghost', onclick: async () => {
      try { await api.del(`/interviews/${id}/share?coachEmail=${encodeURIComponent(email.value.trim())}`); toast('Access revoked.'); } catch (e) { showErrors(form, e.problem); }
    } }, 'Revoke'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try { await api.post(`/interviews/${id}/share`, { coachEmail: email.value.trim() }); showErrors(form, {}); toast(`Shared with ${email.value.trim()}.`); } catch (e) { showErrors(form, e.problem); }
  });
  return h('section', { class: 'card no-print' }, h('h2', { class: 'card-title' }, 'Share with a coach'), h('p', { class: 'muted' }, 'Your coach sees the transcript, the timeline and this report, and can leave notes.'), form, badge('Coaches need the coach role', 'muted'));
}
