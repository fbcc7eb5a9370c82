// One officer's enforcement certificates: a card per certificate with its state badge, validity and
// the history as a timeline. Read-only here; 证件管理 adds the action buttons through `actions`.
import { h, fmtDate, fmtDateTime, addDays, certChip, CERT_ACTION } from './ui.js';
import { actorLabel } from './labels.js';

export const POLICE_NOTE = '人民警察的证件依《中华人民共和国人民警察法》管理，不在本系统发放、暂扣、收回或注销。';

// The events as recorded, plus what happened without an event: a suspension that ran out
// (valid again from the day after `until`) and the end of validity.
export function timelineItems(cert, today) {
  const items = cert.events.map((e) => ({ ...e }));
  const out = [];
  items.forEach((e, i) => {
    out.push(e);
    if (e.action === 'suspend' && e.until && e.until < today) {
      const next = items[i + 1];
      if (!next || next.effective_on > e.until) out.push({ action: 'auto_restore', effective_on: addDays(e.until, 1), implied: true });
    }
  });
  if (cert.state === 'expired') out.push({ action: 'expire', effective_on: addDays(cert.expires_on, 1), implied: true });
  return out;
}

const IMPLIED = { auto_restore: '暂扣期满，自动恢复有效', expire: '超过有效期，证件过期' };

export function timeline(cert, today) {
  return h('ol', { class: 'timeline', 'aria-label': `证件 ${cert.number} 的记录` },
    timelineItems(cert, today).map((e) => h('li', { class: `tl-item tl-${e.action}${e.implied ? ' tl-implied' : ''}`, dataset: { action: e.action } },
      h('div', { class: 'tl-head' },
        h('strong', { class: 'tl-action' }, CERT_ACTION[e.action] || IMPLIED[e.action] || e.action),
        ' ', h('span', { class: 'tl-date' }, e.implied ? `${fmtDate(e.effective_on)}起` : `${fmtDate(e.effective_on)}生效`),
        e.until ? h('span', { class: 'tl-until' }, `，暂扣至${fmtDate(e.until)}（含）`) : null),
      e.reason ? h('div', { class: 'tl-reason' }, '原因：', e.reason) : null,
      e.implied ? null : h('div', { class: 'tl-meta muted' }, `${actorLabel(e.actor)} 于 ${fmtDateTime(e.at)} 登记`))));
}

export function certSummaryLine(cert) {
  return [
    cert.state === 'suspended' && cert.suspended_until ? `暂扣至${fmtDate(cert.suspended_until)}（含）` : null,
    `${fmtDate(cert.issued_on)}发证`, `有效期至${fmtDate(cert.expires_on)}`,
  ].filter(Boolean).join(' · ');
}

// A certificate card; `actions` (optional) is a node placed in the card head.
export function certCard(cert, today, { actions, headingLevel = 'h3' } = {}) {
  return h('article', { class: `cert-card cert-card-${cert.state}`, dataset: { cert: cert.id, state: cert.state } },
    h('div', { class: 'row-between cert-head' },
      h('div', {},
        h(headingLevel, { class: 'cert-number' }, '证号 ', h('span', { class: 'mono' }, cert.number), certChip(cert.state)),
        h('div', { class: 'muted' }, certSummaryLine(cert),
          cert.valid_today ? '' : ' · 今日不能凭此证执法')),
      actions || null),
    h('details', { class: 'cert-history', open: true },
      h('summary', {}, `证件记录（${cert.events.length} 条）`),
      timeline(cert, today)));
}

// The read-only block used on 我的学时 and an officer's page.
export function certsBlock(officer, certs, today, { title = '行政执法证', emptyText, extra } = {}) {
  const police = officer.kind === 'police';
  const sorted = certs.slice().sort((a, b) => (b.issued_on.localeCompare(a.issued_on)) || b.id - a.id);
  return h('section', { class: 'panel certs-block', 'aria-labelledby': 'certs-title' },
    h('div', { class: 'row-between' }, h('h2', { id: 'certs-title' }, title), extra || null),
    police ? h('p', { class: 'note-police', role: 'note' }, POLICE_NOTE) : null,
    sorted.length === 0
      ? (police ? null : h('p', { class: 'muted' }, emptyText || '暂无行政执法证记录。'))
      : sorted.map((c) => certCard(c, today)));
}
