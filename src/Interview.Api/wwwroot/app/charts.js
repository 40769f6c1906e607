// SVG charts drawn from API numbers only. Each chart carries a text alternative.
import { s, h, formatDay } from './dom.js';

/** A line chart of {date, score} points on a 0-100 scale. */
export function trendChart(points, { title = 'Score trend' } = {}) {
  const width = 640, height = 220, pad = { l: 36, r: 12, t: 12, b: 28 };
  const innerW = width - pad.l - pad.r, innerH = height - pad.t - pad.b;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `${title}: ${points.map(p => `${formatDay(p.date)} ${p.score}`).join(', ')}` });
  for (const tick of [0, 25, 50, 75, 100]) {
    const y = pad.t + innerH - (tick / 100) * innerH;
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: 'grid' }), s('text', { x: pad.l - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, String(tick)));
  }
  const x = i => pad.l + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = v => pad.t + innerH - (Math.max(0, Math.min(100, v)) / 100) * innerH;
  if (points.length > 1) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
    svg.append(s('path', { d: `${d} L${x(points.length - 1).toFixed(1)},${pad.t + innerH} L${x(0).toFixed(1)},${pad.t + innerH} Z`, class: 'area' }), s('path', { d, class: 'line' }));
  }
  points.forEach((p, i) => {
    svg.append(s('circle', { cx: x(i), cy: y(p.score), r: 4, class: 'dot' }, s('title', null, `${formatDay(p.date)}: ${p.score}`)));
  });
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => { if (i % labelEvery === 0 || i === points.length - 1) svg.append(s('text', { x: x(i), y: height - 8, class: 'axis', 'text-anchor': 'middle' }, formatDay(p.date))); });
  return svg;
}

/** A semicircle gauge for a 0-100 score. */
export function gauge(score, label = 'Overall score') {
  const r = 80, cx = 100, cy = 100, circumference = Math.PI * r;
  const value = Math.max(0, Math.min(100, score));
  const arc = `M${cx - r},${cy} A${r},${r} 0 0 1 ${cx + r},${cy}`;
  const band = value >= 75 ? 'good' : value >= 50 ? 'ok' : 'low';
  const fill = s('path', { d: arc, class: ['gauge-value', `band-${band}`].join(' '), 'stroke-dasharray': `${(value / 100) * circumference} ${circumference}` });
  return s('svg', { viewBox: '0 0 200 120', class: 'gauge', role: 'img', 'aria-label': `${label}: ${value} out of 100` },
    s('path', { d: arc, class: 'gauge-track' }), fill,
    s('text', { x: cx, y: cy - 12, class: 'gauge-number', 'text-anchor': 'middle' }, String(value)),
    s('text', { x: cx, y: cy + 14, class: 'gauge-label', 'text-anchor': 'middle' }, 'out of 100'));
}

/** Horizontal bars: [{label, value (0-max), text?}]. Widths are set through the CSSOM, never a style attribute. */
export function bars(items, max = 100) {
  return h('ul', { class: 'bars' }, items.map(item => {
    const fill = h('span', { class: 'bar-fill' });
    fill.style.width = `${item.value === null || item.value === undefined ? 0 : Math.max(0, Math.min(100, (item.value / max) * 100))}%`;
    return h('li', { class: 'bar' },
      h('span', { class: 'bar-label' }, item.label),
      h('span', { class: 'bar-track', role: 'img', 'aria-label': `${item.label}: ${item.text ?? item.value ?? 'not scored'}` }, fill),
      h('span', { class: 'bar-value' }, item.text ?? (item.value ?? '—')));
  }));
}

/** Vertical columns by day: [{date, values: {name: n}}], stacked. */
export function columns(days, series, { title = 'Daily activity' } = {}) {
  const width = 640, height = 220, pad = { l: 36, r: 12, t: 12, b: 28 };
  const innerW = width - pad.l - pad.r, innerH = height - pad.t - pad.b;
  const max = Math.max(1, ...days.map(d => series.reduce((sum, name) => sum + (d.values[name] || 0), 0)));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `${title}: ${days.map(d => `${formatDay(d.date)} ${series.map(n => `${d.values[n] || 0} ${n}`).join(', ')}`).join('; ')}` });
  for (const tick of [0, 0.5, 1]) {
    const y = pad.t + innerH - tick * innerH;
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: 'grid' }), s('text', { x: pad.l - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, String(Math.round(max * tick))));
  }
  const slot = innerW / Math.max(1, days.length), barW = Math.max(4, slot * 0.6);
  days.forEach((d, i) => {
    let top = pad.t + innerH;
    series.forEach((name, k) => {
      const value = d.values[name] || 0;
      const hgt = (value / max) * innerH;
      top -= hgt;
      if (value > 0) svg.append(s('rect', { x: pad.l + i * slot + (slot - barW) / 2, y: top, width: barW, height: hgt, class: `series-${k}` }, s('title', null, `${formatDay(d.date)}: ${value} ${name}`)));
    });
    if (days.length <= 8 || i % Math.ceil(days.length / 7) === 0) svg.append(s('text', { x: pad.l + i * slot + slot / 2, y: height - 8, class: 'axis', 'text-anchor': 'middle' }, formatDay(d.date)));
  });
  return h('figure', { class: 'chart-figure' }, svg,
    h('figcaption', { class: 'legend' }, series.map((name, k) => h('span', { class: 'legend-item' }, h('span', { class: `swatch series-${k}`, 'aria-hidden': 'true' }), name))));
}
