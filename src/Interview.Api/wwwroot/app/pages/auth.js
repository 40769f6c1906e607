import { api, auth } from '../api.js';
import { h, field, showErrors, link, toast } from '../dom.js';

function input(name, type, attrs = {}) { return h('input', { name, type, id: `auth-${name}`, ...attrs }); }

function authCard(title, intro, form, footer) {
  return h('div', { class: 'auth' }, h('div', { class: 'card auth-card' }, h('h1', null, title), h('p', { class: 'muted' }, intro), form, h('p', { class: 'auth-footer' }, footer)));
}

function submitting(form, busy) {
  const submit = form.querySelector('[type=submit]');
  submit.disabled = busy;
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
}

export function login({ query, navigate }) {
  const form = h('form', { novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    field('Email', input('email', 'email', { autocomplete: 'username', required: true, value: query.get('email') || '' })),
    field('Password', input('password', 'password', { autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Log in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submitting(form, true);
    try {
      const body = await api.post('/auth/login', { email: form.email.value.trim(), password: form.password.value });
      auth.signIn(body);
      navigate(query.get('next') || '/', { replace: true });
    } catch (error) {
      showErrors(form, error.problem || { detail: error.message });
    } finally { submitting(form, false); }
  });
  return authCard('Log in', 'Practise interviews, get scored answers and a study plan.', form, ['New here? ', link('/signup', 'Create an account')]);
}

export function signup({ navigate }) {
  const form = h('form', { novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    field('Display name', input('displayName', 'text', { autocomplete: 'name', required: true })),
    field('Email', input('email', 'email', { autocomplete: 'email', required: true })),
    field('Password', input('password', 'password', { autocomplete: 'new-password', required: true }), 'At least 8 characters.'),
    h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Create account'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submitting(form, true);
    const email = form.email.value.trim();
    try {
      const body = await api.post('/auth/signup', { email, password: form.password.value, displayName: form.displayName.value.trim() });
      sessionStorage.setItem('interview.pendingVerification', JSON.stringify({ email, token: body.verificationToken || '' }));
      navigate(`/verify?email=${encodeURIComponent(email)}`);
    } catch (error) {
      showErrors(form, error.problem || { detail: error.message });
    } finally { submitting(form, false); }
  });
  return authCard('Create your account', 'Free mock interviews with feedback on every answer.', form, ['Already have an account? ', link('/login', 'Log in')]);
}

export function verify({ query, navigate }) {
  let pending = {};
  try { pending = JSON.parse(sessionStorage.getItem('interview.pendingVerification')) || {}; } catch { /* none */ }
  const email = query.get('email') || pending.email || '';
  const token = query.get('token') || (pending.email === email ? pending.token : '') || '';
  const form = h('form', { novalidate: true },
    h('p', { class: 'form-error alert alert-error', role: 'alert', hidden: true }),
    token && !query.get('token')
      ? h('div', { class: 'alert alert-info' }, h('strong', null, 'Development mode: '), 'the server returned your verification token, so it is filled in below. In production it arrives by e-mail.',
          h('code', { class: 'token', 'data-testid': 'dev-token' }, token))
      : h('p', { class: 'muted' }, 'Enter the token from the e-mail we sent you.'),
    field('Email', input('email', 'email', { autocomplete: 'username', required: true, value: email })),
    field('Verification token', input('token', 'text', { required: true, value: token, autocomplete: 'one-time-code' })),
    h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Verify e-mail'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submitting(form, true);
    try {
      await api.post('/auth/verify', { email: form.email.value.trim(), token: form.token.value.trim() });
      sessionStorage.removeItem('interview.pendingVerification');
      toast('E-mail verified. You can log in now.');
      navigate(`/login?email=${encodeURIComponent(form.email.value.trim())}`);
    } catch (error) {
      showErrors(form, error.problem || { detail: error.message });
    } finally { submitting(form, false); }
  });
  return authCard('Verify your e-mail', 'One more step before your first interview.', form, [link('/login', 'Back to log in')]);
}
