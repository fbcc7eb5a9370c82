// 我的学时 (officer), phone first: a status strip on the first screen answers what an officer
// checks — may I enforce on my own today, my certificate and until when, how many hours I still
// need — then this year's hours (bars, pace, the trainings one line each, sessions not ended yet
// apart) and the certificate with its history.
import { get, getAll } from '../api.js';
import { h, clear, fmtDate, fmtHours, errorPanel, loading, certChip, CERT_STATE, CATEGORY_SHORT, KIND } from '../ui.js';
import { setQuery, session } from '../state.js';
import { hoursView } from '../hours-view.js';
import { certsBlock, POLICE_NOTE } from '../cert-view.js';
import { remindersPanel } from '../reminders.js';
import { applicationCard, passChip, fmtScore } from '../qual-view.js';
import { myClaimsPanel } from '../my-claims.js';

export async function myHoursPage(main, { params, user, isCurrent }) {
  if (!user.officer_id) {
    clear(main, h('div', { class: 'panel' }, h('h1', {}, '我的学时'), h('p', {}, '此账号未关联执法人员档案，请联系本单位人事专员。')));
    return;
  }
  const id = user.officer_id;
  // Everything the strip answers, at once: this year's hours (today's, whatever year is shown
  // below), today's eligibility and the certificates.
  // The exemptions (学时减免) say why a year asks fewer hours; a server without them: none.
  const [officer, now, exemptions] = await Promise.all([get(`/officers/${id}`), get(`/officers/${id}/hours`),
    get(`/officers/${id}/exemptions`).then((r) => r.items || [], () => [])]);
  if (!session.today) session.today = now.as_of;
  const today = session.today;
  const strip = h('section', { class: 'status-strip', 'aria-label': '今日概况' });
  const host = h('div', { class: 'hours-host' });
  const certHost = h('div', { class: 'my-certs' }, loading('正在加载执法证…'));
  const qualHost = h('div', { class: 'my-qual' }, loading('正在加载资格考试与申领…'));
  const claims = myClaimsPanel(id, { today });
  const eligItem = stripItem('elig', '今日能否独立执法', loading('正在查询…'));
  const certItem = stripItem('cert', '行政执法证', loading('正在查询…'));
  const hoursItem = stripItem('hours', `${now.year}年度学时`, hoursAnswer(now));
  clear(strip, h('ul', { class: 'strip-list' }, eligItem.el, certItem.el, hoursItem.el));
  clear(main,
    h('div', { class: 'page-head me-head' },
      h('div', { class: 'row-between me-title' }, h('h1', {}, '我的学时'),
        h('button', { type: 'button', class: 'secondary small-btn', id: 'claim-shortcut', onclick: () => claims.openForm() }, '＋ 申报外部培训')),
      h('p', { class: 'muted small me-who' }, `${officer.name} · ${officer.unit_name || ''} · ${KIND[officer.kind] || officer.kind} · ${fmtDate(officer.post_start)}到岗`)),
    // 提醒 below the strip: the strip's three answers stay on a phone's first screen.
    strip, remindersPanel(user, { onSame: (item) => showOnPage(main, item) }), host, claims.el, certHost, qualHost);

  const loadCerts = async () => {
    try {
      const [certs, elig] = await Promise.all([getAll(`/officers/${id}/certificates`), get(`/officers/${id}/eligibility`)]);
      eligItem.set(eligAnswer(elig), elig.can_enforce_independently ? 'yes' : 'no');
      const c = currentCert(certs.items);
      certItem.set(certAnswer(officer, c), c ? (c.valid_today ? 'yes' : 'no') : officer.kind === 'police' ? '' : 'no');
      clear(certHost, certsBlock(officer, certs.items, today, {
        title: '我的执法证',
        emptyText: '您尚未取得行政执法证。未取得行政执法证件的人员不得独立从事行政执法工作。',
      }));
    } catch (e) {
      eligItem.set('暂时无法查询', '');
      certItem.set('暂时无法查询', '');
      clear(certHost, errorPanel(e, loadCerts));
    }
  };
  hoursItem.setTone(now.status === 'met' || now.status === 'exempt' ? 'yes' : now.status === 'not_met' ? 'no' : 'todo');
  const certsDone = loadCerts();
  const qualDone = loadQual(qualHost, id);
  const claimsDone = claims.load();
  const show = async (year) => {
    setQuery({ year }, isCurrent);
    await hoursView(host, officer, { year, onYear: show, data: now, self: true, exemptions });
  };
  await show(params.get('year') ? +params.get('year') : undefined);
  await Promise.all([certsDone, qualDone, claimsDone]);
}

// 我的执法证, continued: the qualification exams sat (score, 合格/不合格, until when a pass counts) and
// the applications for a certificate made for the officer (state, dates, the review's checks).
async function loadQual(qualHost, id) {
  try {
    const [exams, apps] = await Promise.all([getAll(`/officers/${id}/exams`), getAll(`/officers/${id}/applications`)]);
    clear(qualHost,
      h('section', { class: 'panel my-exams', 'aria-labelledby': 'my-exams-title' },
        h('h2', { id: 'my-exams-title' }, '我的资格考试'),
        exams.items.length === 0 ? h('p', { class: 'muted' }, '暂无资格考试成绩。') :
          h('table', { class: 'table stack my-exams-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '考试'), h('th', { scope: 'col' }, '考试日期'), h('th', { scope: 'col', class: 'num' }, '成绩'),
              h('th', { scope: 'col' }, '结果'), h('th', { scope: 'col' }, '合格有效至'))),
            h('tbody', {}, exams.items.map((e) => h('tr', { dataset: { exam: e.exam_id } },
              h('td', { 'data-label': '考试' }, e.name),
              h('td', { 'data-label': '考试日期' }, fmtDate(e.held_on)),
              h('td', { 'data-label': '成绩', class: 'num' }, `${fmtScore(e.score)} 分`, h('span', { class: 'muted small' }, `（合格线 ${fmtScore(e.pass_score)}）`)),
              h('td', { 'data-label': '结果' }, passChip(e.passed)),
              h('td', { 'data-label': '合格有效至' }, e.counts_until
                ? [fmtDate(e.counts_until), e.counts_today === false ? h('span', { class: 'muted small' }, '（已过期）') : null]
                : '—')))))),
      h('section', { class: 'panel my-apps', 'aria-labelledby': 'my-apps-title' },
        h('h2', { id: 'my-apps-title' }, '我的证件申领'),
        h('p', { class: 'muted small' }, '由本单位人事专员申领，市司法局审核；批准即发证。'),
        apps.items.length === 0 ? h('p', { class: 'muted' }, '暂无证件申领。') : apps.items.map((a) => applicationCard(a))));
  } catch (e) {
    clear(qualHost, errorPanel(e, () => loadQual(qualHost, id)));
  }
}

// A reminder of this very page (its link is #/me): the part that shows it, scrolled to and focused.
function showOnPage(main, item) {
  const target = item.kind === 'behind_pace'
    ? main.querySelector('.pace-box') || main.querySelector('.hours-summary')
    : main.querySelector('.my-certs .cert-card') || main.querySelector('.my-certs') || main.querySelector('[data-item="cert"]');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

// One answer of the strip: a label and its value (tone: yes = green, no = red, todo = amber).
function stripItem(key, label, value) {
  const val = h('div', { class: 'strip-value' }, value);
  const el = h('li', { class: 'strip-item', dataset: { item: key } }, h('span', { class: 'strip-label' }, label), val);
  return {
    el,
    set(v, tone) { clear(val, v); this.setTone(tone); },
    setTone(tone) { el.className = `strip-item${tone ? ` strip-${tone}` : ''}`; },
  };
}

function eligAnswer(e) {
  return [h('strong', { class: 'strip-big' }, e.can_enforce_independently ? '能' : '不能'),
    e.can_enforce_independently ? null : h('span', { class: 'strip-note' }, (e.reasons || [])[0] || '')];
}

// The certificate that speaks for today: the latest issued (a later one replaces an earlier).
function currentCert(certs) {
  return certs.slice().sort((a, b) => b.issued_on.localeCompare(a.issued_on) || b.id - a.id)[0] || null;
}

function certAnswer(officer, c) {
  if (!c) return officer.kind === 'police' ? h('span', { class: 'strip-note' }, POLICE_NOTE) : h('strong', {}, '未取得');
  const until = c.state === 'suspended' && c.suspended_until ? `暂扣至${fmtDate(c.suspended_until)}` : null;
  return [certChip(c.state), ' ',
    h('span', { class: 'strip-expiry' }, c.state === 'expired' ? `已于${fmtDate(c.expires_on)}到期` : `有效期至${fmtDate(c.expires_on)}`),
    until ? h('span', { class: 'strip-note' }, until) : null,
    h('span', { class: 'sr-only' }, `（证号 ${c.number}，${CERT_STATE[c.state] || c.state}）`)];
}

function hoursAnswer(r) {
  if (r.status === 'exempt') return h('strong', {}, '免于考核');
  if (r.status === 'met') return h('strong', {}, '已达标');
  const short = ['legal', 'business'].filter((c) => r[c].shortfall > 0);
  const behind = short.some((c) => r[c].behind_pace);
  return [h('span', { class: 'strip-short' }, '还差 ', short.map((c, i) => [i ? ' · ' : '', `${CATEGORY_SHORT[c]} `, h('strong', {}, fmtHours(r[c].shortfall))]), ' 学时'),
    r.status === 'not_met' ? h('span', { class: 'strip-note' }, '年度未达标') : behind ? h('span', { class: 'strip-note strip-behind' }, '进度落后') : null];
}
