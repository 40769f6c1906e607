// DOM helpers. Text is only ever set with text nodes: nothing here parses HTML.
const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || key === 'checked' || key === 'selected') el[key] = value;
    else if (key === 'style') throw new Error('use CSS classes or el.style, never a style attribute');
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** h('p', { class: 'x' }, 'text', child): an element; strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) { children.unshift(attrs); attrs = null; }
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function clear(el) { el.replaceChildren(); return el; }

export function mount(el, ...children) { el.replaceChildren(); append(el, children); return el; }

let idCounter = 0;
export const uid = (prefix = 'f') => `${prefix}-${++idCounter}`;

/** A labelled form field; errors from a ProblemDetails map are shown under it by showErrors. */
export function field(label, control, hint) {
  const id = control.id || (control.id = uid());
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(' '));
  return h('div', { class: 'field', dataset: { field: control.name || '' } }, h('label', { for: id }, label), control, hintEl, errorEl);
}

/** Shows a ProblemDetails errors map next to the fields of a form (matched case-insensitively by name). */
export function showErrors(form, problem) {
  for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-error');
  const unmatched = [];
  const errors = (problem && problem.errors) || {};
  for (const [name, messages] of Object.entries(errors)) {
    const wrapper = [...form.querySelectorAll('.field')].find(f => f.dataset.field && f.dataset.field.toLowerCase() === name.toLowerCase().replace(/^\$\./, ''));
    if (!wrapper) { unmatched.push(...messages); continue; }
    const err = wrapper.querySelector('.field-error');
    err.textContent = messages.join(' ');
    err.hidden = false;
    const control = wrapper.querySelector('input,select,textarea');
    if (control) control.setAttribute('aria-invalid', 'true');
  }
  if (summary) {
    const text = unmatched.length ? unmatched.join(' ') : (Object.keys(errors).length ? '' : (problem && (problem.detail || problem.title)) || '');
    summary.textContent = text;
    summary.hidden = !text;
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 4000);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
export const formatDate = value => value ? dateFormat.format(new Date(value)) : '—';
export const formatDay = value => value ? dayFormat.format(new Date(value)) : '—';
export const label = value => String(value ?? '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, c => c.toUpperCase());
export const num = (value, digits = 0) => value === null || value === undefined ? '—' : Number(value).toFixed(digits);

export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60), sec = total % 60;
  return `${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

export function link(href, ...children) { return h('a', { href, dataset: { link: '' } }, ...children); }

export function button(text, onclick, cls = 'btn') { return h('button', { type: 'button', class: cls, onclick }, text); }

export function badge(text, kind = '') { return h('span', { class: ['badge', kind && `badge-${kind}`] }, text); }

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, ...children);
}

export function empty(text, action) { return h('div', { class: 'empty' }, h('p', null, text), action || null); }

export function errorBox(error) {
  return h('div', { class: 'alert alert-error', role: 'alert' }, (error && (error.detail || error.title || error.message)) || 'Something went wrong.');
}
