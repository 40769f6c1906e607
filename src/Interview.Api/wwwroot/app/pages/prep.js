import { api, query as qs } from '../api.js';
import { h, mount, field, showErrors, link, label, formatDate, empty, badge, card, toast } from '../dom.js';
import { progress } from './dashboard.js';
import { answerCard } from './report.js';

export async function prepList({ query, navigate }) {
  const savedOnly = query.get('savedOnly') === 'true';
  const [packs, companies] = await Promise.all([api.get(`/prep${qs({ savedOnly: savedOnly || '' })}`), api.all('/prep/companies')]);
  const items = packs.items;
  const input = (name, labelText, attrs = {}) => field(labelText, h('input', { name, id: `prep-${name}`, type: 'text', ...attrs }));
  const form = h('form', { class: 'card form-grid', novalidate: true },
    h('p', { class: 'form-error alert alert-error span-2', role: 'alert', hidden: true }),
    input('company', 'Company', { required: true, placeholder: 'e.g. Stripe' }),
    input('jobTitle', 'Job title (optional)', { placeholder: 'Backend Engineer' }),
    input('industry', 'Industry (optional)', { placeholder: 'Fintech' }),
    h('div', { class: 'field' }, h('label', { for: 'prep-force' }, h('input', { type: 'checkbox', id: 'prep-force', name: 'forceRefresh' }), ' Write a fresh pack even if one is cached')),
    h('div', { class: 'span-2 actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Prepare')));
  form.forceRefresh.classList.add('checkbox');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    try {
      const result = await api.post('/prep', {
        company: form.company.value.trim(), jobTitle: form.jobTitle.value.trim() || null, industry: form.industry.value.trim() || null,
        forceRefresh: form.forceRefresh.checked
      }, { withStatus: true });
      if (result.status === 200) toast('You prepared for this recently: here is your cached pack.');
      navigate(`/prep/${result.data.id}${result.status === 200 ? '?cached=1' : ''}`);
    } catch (error) { showErrors(form, error.problem || { detail: error.message }); } finally { submit.disabled = false; }
  });
  const filter = h('label', { class: 'inline' }, h('input', { type: 'checkbox', class: 'checkbox', checked: savedOnly, onchange: e => navigate(`/prep${e.target.checked ? '?savedOnly=true' : ''}`) }), ' Saved only');
  return h('div', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Prep packs')),
    h('p', { class: 'muted' }, 'Ten likely questions for a company with answer frameworks, its culture, interview process and tips.'),
    form,
    h('div', { class: 'grid-2' },
      card('Your packs', filter, items.length ? h('ul', { class: 'list' }, items.map(pack => h('li', { class: 'list-row' },
        link(`/prep/${pack.id}`, pack.company + (pack.jobTitle ? ` · ${pack.jobTitle}` : '')),
        pack.isSaved ? badge('Saved', 'ok') : null,
        progress(pack.progress ? pack.progress.practised : pack.practicedQuestions.length, pack.questions.length)))) : empty(savedOnly ? 'No saved packs.' : 'No packs yet.')),
      card('Companies', companies.length ? h('ul', { class: 'list' }, companies.map(c => h('li', { class: 'list-row' },
        h('span', { class: 'grow' }, c.company), c.isSaved ? badge('Saved', 'ok') : null,
        h('span', { class: 'muted' }, `${c.prepCount} pack${c.prepCount === 1 ? '' : 's'} · ${formatDate(c.lastPrepared)}`)))) : empty('Companies you prepare for appear here.'))));
}

export async function prepPack({ params, query, navigate }) {
  let pack = await api.get(`/prep/${params.id}`);
  const root = h('div', { class: 'page' });

  function questionBlock(q, index) {
    const practised = pack.practicedQuestions.includes(index);
    const latest = [...(pack.practice || [])].reverse().find(p => p.questionIndex === index);
    const answer = h('textarea', { id: `practice-${index}`, name: 'answer', rows: 5, maxlength: 8000 });
    const form = h('form', { class: 'practice', novalidate: true, hidden: true },
      h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
      field('Your answer (optional: leave empty to just mark it practised)', answer),
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Evaluate and mark practised'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        pack = await api.post(`/prep/${pack.id}/practice`, { questionIndex: index, answer: answer.value.trim() || null });
        render();
        toast('Practised.');
      } catch (error) { showErrors(form, error.problem); }
    });
    return h('li', { class: 'pack-question' },
      h('div', { class: 'answer-head' }, h('h3', null, `${index + 1}. `, q.question), badge(label(q.type), q.type === 'company' ? 'accent' : '')),
      h('p', null, h('strong', null, 'Framework: '), q.answerFramework),
      h('ul', { class: 'bullets' }, q.tips.map(t => h('li', null, t))),
      h('div', { class: 'actions' },
        practised ? badge('Practised', 'ok') : null,
        h('button', { type: 'button', class: 'btn', 'aria-expanded': 'false', onclick: e => { form.hidden = !form.hidden; e.target.setAttribute('aria-expanded', String(!form.hidden)); if (!form.hidden) answer.focus(); } }, 'Practise')),
      form,
      latest && latest.evaluation ? h('div', { class: 'evaluation' }, h('h4', null, 'Your last evaluated answer'), answerCard(latest.evaluation, index)) : null);
  }

  function render() {
    const p = pack.progress || { practised: pack.practicedQuestions.length, total: pack.questions.length };
    mount(root,
      h('div', { class: 'page-head' },
        h('div', null, h('h1', null, pack.company, pack.jobTitle ? ` · ${pack.jobTitle}` : ''),
          h('p', { class: 'muted' }, `${pack.industry ? `${pack.industry} · ` : ''}written by ${pack.generatedBy === 'llm' ? 'the model' : 'the offline engine'} · ${formatDate(pack.createdAt)} · cached until ${formatDate(pack.cachedUntil)}`),
          query.get('cached') ? badge('Cached pack', 'info') : null, pack.isGeneric ? badge('Generic: we have no data on this company', 'warn') : null),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'btn', onclick: async () => { pack = await api.post(`/prep/${pack.id}/${pack.isSaved ? 'unsave' : 'save'}`); render(); } }, pack.isSaved ? 'Unsave' : 'Save'),
          h('button', { type: 'button', class: 'btn btn-primary', onclick: async () => {
            try { const created = await api.post(`/prep/${pack.id}/interview`); if (!['inProgress'].includes(created.status)) await api.post(`/interviews/${created.id}/start`).catch(() => {}); navigate(`/interviews/${created.id}`); } catch (e) { toast(e.message); }
          } }, 'Practise as a mock interview'),
          h('button', { type: 'button', class: 'btn btn-danger', onclick: async () => { if (confirm('Delete this pack?')) { await api.del(`/prep/${pack.id}`); navigate('/prep'); } } }, 'Delete'))),
      card('Progress', progress(p.practised, p.total)),
      card('Questions', h('ol', { class: 'plain' }, pack.questions.map(questionBlock))),
      h('div', { class: 'grid-2' },
        card('Culture', h('p', null, pack.companyCulture)),
        card('Interview process', h('p', null, `${pack.interviewProcess.rounds} rounds · ${pack.interviewProcess.duration}`),
          h('ol', null, pack.interviewProcess.stages.map(s => h('li', null, s))))),
      h('div', { class: 'grid-2' },
        card('Tips', h('ul', { class: 'bullets' }, pack.interviewTips.map(t => h('li', null, t)))),
        card('Common topics', h('ul', { class: 'chips' }, pack.commonTopics.map(t => h('li', null, badge(t)))))));
  }
  render();
  return root;
}
