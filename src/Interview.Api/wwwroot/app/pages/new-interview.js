import { api } from '../api.js';
import { h, field, showErrors, label } from '../dom.js';

const TRACKS = ['backend', 'frontend', 'swe_engineer', 'swe_intern', 'data', 'engineering_manager'];
const LEVELS = ['entry', 'mid', 'senior', 'lead'];
const TYPES = ['mixed', 'behavioral', 'technical', 'system_design', 'dsa'];
const DIFFICULTIES = ['easy', 'medium', 'hard', 'expert'];
const STYLES = ['general', 'amazon', 'google', 'meta', 'microsoft', 'apple', 'netflix'];

function select(name, options, selected) {
  return h('select', { name, id: `new-${name}` }, options.map(o => h('option', { value: o, selected: o === selected }, label(o))));
}

export function newInterview({ query, navigate }) {
  const form = h('form', { class: 'card form-grid', novalidate: true },
    h('p', { class: 'form-error alert alert-error span-2', role: 'alert', hidden: true }),
    field('Track', select('track', TRACKS, query.get('track') || 'backend')),
    field('Role', h('input', { name: 'role', id: 'new-role', type: 'text', value: query.get('role') || 'Backend Engineer', autocomplete: 'organization-title' })),
    field('Level', select('level', LEVELS, query.get('level') || 'mid')),
    field('Interview type', select('type', TYPES, query.get('type') || 'mixed')),
    field('Difficulty', select('difficulty', DIFFICULTIES, query.get('difficulty') || 'medium')),
    field('Company style', select('companyStyle', STYLES, query.get('companyStyle') || 'general')),
    field('Tech stack', h('input', { name: 'techStack', id: 'new-techStack', type: 'text', value: query.get('techStack') || '', placeholder: 'c#, postgresql, kafka' }), 'Comma-separated; questions that match your stack come first.'),
    field('Number of questions', h('input', { name: 'questionCount', id: 'new-questionCount', type: 'number', inputmode: 'numeric', value: query.get('questionCount') || '5' }), 'Between 3 and 10.'),
    h('div', { class: 'span-2 actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create and start')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    const raw = form.questionCount.value.trim();
    const body = {
      track: form.track.value, role: form.role.value.trim(), level: form.level.value, type: form.type.value,
      difficulty: form.difficulty.value, companyStyle: form.companyStyle.value,
      techStack: form.techStack.value.split(',').map(t => t.trim()).filter(Boolean),
      questionCount: raw === '' || Number.isNaN(Number(raw)) ? null : Number(raw)
    };
    try {
      const created = await api.post('/interviews', body);
      await api.post(`/interviews/${created.id}/start`, {}, { idempotencyKey: `start-${created.id}` });
      navigate(`/interviews/${created.id}`);
    } catch (error) {
      showErrors(form, error.problem || { detail: error.message });
    } finally { submit.disabled = false; }
  });
  return h('div', { class: 'page narrow' }, h('h1', null, 'New mock interview'),
    h('p', { class: 'muted' }, 'Pick what you are practising for. The interviewer adapts the next question to your answers.'), form);
}
