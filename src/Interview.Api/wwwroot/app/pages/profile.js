import { api, auth } from '../api.js';
import { h, field, showErrors, toast, card, label } from '../dom.js';

export async function profile() {
  const me = await api.get('/me');
  const p = me.profile || {};
  const form = h('form', { class: 'card form-grid', novalidate: true },
    h('p', { class: 'form-error alert alert-error span-2', role: 'alert', hidden: true }),
    field('Target role', h('input', { name: 'targetRole', id: 'profile-targetRole', type: 'text', value: p.targetRole || '', placeholder: 'Backend Engineer' }), 'Picks the track of your prep packs.'),
    field('Years of experience', h('input', { name: 'experienceYears', id: 'profile-experienceYears', type: 'number', min: 0, value: p.experienceYears ?? '' })),
    h('div', { class: 'span-2' }, field('Skills', h('input', { name: 'skills', id: 'profile-skills', type: 'text', value: (p.skills || []).join(', '), placeholder: 'c#, postgresql, kafka' }), 'Comma-separated. Skills are also read from your resume.')),
    h('div', { class: 'span-2' }, field('Resume (plain text, optional)', h('textarea', { name: 'resumeText', id: 'profile-resumeText', rows: 8, value: p.resumeText || '' }))),
    h('div', { class: 'span-2 actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save profile')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const years = form.experienceYears.value.trim();
    try {
      const saved = await api.put('/me/profile', {
        targetRole: form.targetRole.value.trim(), experienceYears: years === '' ? -1 : Number(years),
        skills: form.skills.value.split(',').map(s => s.trim()).filter(Boolean), resumeText: form.resumeText.value.trim() || null
      });
      form.skills.value = (saved.skills || []).join(', ');
      showErrors(form, {});
      toast('Profile saved.');
    } catch (error) { showErrors(form, error.problem || { detail: error.message }); }
  });
  return h('div', { class: 'page narrow' }, h('h1', null, 'Profile'),
    card('Account', h('dl', { class: 'plain' },
      h('dt', null, 'Name'), h('dd', null, me.displayName), h('dt', null, 'E-mail'), h('dd', null, me.email),
      h('dt', null, 'Roles'), h('dd', null, me.roles.map(label).join(', ')), h('dt', null, 'User id'), h('dd', null, h('code', null, me.id)))),
    form, (auth.setUser({ roles: me.roles, displayName: me.displayName }), null));
}
