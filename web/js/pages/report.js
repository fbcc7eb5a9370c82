// 年度报表 (hr, admin): the compliance summary of a unit's subtree, per direct child unit,
// as a chart and a table (each row is the summary of GET /compliance for that child).
import { get, qs, download } from '../api.js';
import {
  h, clear, fmtDate, fmtRate, errorPanel, progressLine, unitOptions, yearOptions, loading, downloadButton, pct, printHead, printButton,
  STATUS, CERT_STATE,
} from '../ui.js';
import { units, homeUnit, setQuery, serverToday } from '../state.js';
import { sortableTable } from '../table.js';

const KEYS = ['met', 'in_progress', 'not_met', 'exempt'];

export async function reportPage(main, { params, isCurrent }) {
  const list = await units();
  const today = await serverToday();
  const current = +today.slice(0, 4);
  let unitId = params.get('unit') || String(await homeUnit());
  let year = params.get('year') || String(current);
  const unitSel = h('select', { id: 'r-unit' }, unitOptions(list, unitId));
  const yearSel = h('select', { id: 'r-year' }, yearOptions(2023, current, +year));
  const host = h('div', { class: 'print-part', dataset: { printPart: 'compliance' } });
  const exportPath = (format) => () => '/compliance/export' + qs({ unit_id: unitId, year, format });
  const downloads = h('section', { class: 'panel downloads', 'aria-labelledby': 'dl-title' },
    h('h2', { id: 'dl-title', class: 'inline-h' }, '下载达标情况表'),
    h('span', { class: 'muted' }, ' 所选单位（含下级）、所选年度的人员学时明细 '),
    h('div', { class: 'actions left' },
      downloadButton('下载 CSV', exportPath('csv'), download, { id: 'dl-csv', fallbackName: `compliance-${year}.csv` }),
      downloadButton('下载 XLSX（Excel）', exportPath('xlsx'), download, { id: 'dl-xlsx', fallbackName: `compliance-${year}.xlsx` })));
  const progHost = h('div', { class: 'print-part', dataset: { printPart: 'progress' } });
  clear(main,
    h('h1', {}, '年度报表'),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'r-unit' }, '单位（含下级）'), unitSel),
      h('div', { class: 'field' }, h('label', { for: 'r-year' }, '年度'), yearSel)),
    downloads,
    host,
    progHost);
  const progress = progressReport(progHost, () => unitId, today, params.get('as_of'));

  let seq = 0;
  async function load() {
    const my = ++seq;
    setQuery({ unit: unitId, year }, isCurrent);
    const unit = list.find((u) => String(u.id) === unitId);
    const children = list.filter((u) => String(u.parent_id) === unitId);
    const prog = progressLine('正在统计');
    clear(host, h('div', { class: 'panel' }, prog.el));
    try {
      const total = await get('/compliance' + qs({ unit_id: unitId, year, limit: 1 }));
      const rows = [];
      let done = 0;
      prog.set(0, children.length + 1, `正在统计 0/${children.length} 个下级单位…`);
      // A few requests at a time: a city has ~25 direct children.
      const queue = children.slice();
      const worker = async () => {
        while (queue.length) {
          const c = queue.shift();
          const r = await get('/compliance' + qs({ unit_id: c.id, year, limit: 1 }));
          rows.push({ unit: c, s: r.summary });
          done++;
          if (my === seq) prog.set(done, children.length, `正在统计 ${done}/${children.length} 个下级单位…`);
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      if (my !== seq || !isCurrent()) return;
      rows.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
      // Officers attached to the unit itself, not to a child: the remainder.
      const own = {};
      for (const k of ['officers', ...KEYS]) own[k] = total.summary[k] - rows.reduce((a, r) => a + r.s[k], 0);
      if (own.officers > 0) rows.unshift({ unit: { ...unit, name: `${unit.name}（本级）` }, s: own, self: true });
      draw(total, rows);
    } catch (e) {
      if (my === seq) clear(host, errorPanel(e, load));
    }
  }

  function draw(total, rows) {
    const unit = list.find((u) => String(u.id) === unitId);
    const s = total.summary;
    const assessed = (x) => x.officers - x.exempt;
    const visibleRows = rows.filter((r) => r.s.officers > 0);
    const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `${unit.name}${year}年度各单位学时达标情况图` },
      visibleRows.map((r) => {
        const n = r.s.officers || 1;
        return h('div', { class: 'chart-row' },
          h('div', { class: 'chart-label', title: r.unit.name }, r.unit.name),
          h('div', { class: 'chart-bar' }, KEYS.filter((k) => r.s[k] > 0).map((k) =>
            h('span', { class: `seg seg-${k}`, style: `width:${(r.s[k] / n) * 100}%`, title: `${STATUS[k]} ${r.s[k]} 人` }, r.s[k] / n > 0.08 ? String(r.s[k]) : ''))),
          h('div', { class: 'chart-rate' }, fmtRate(r.s.met, assessed(r.s))));
      }));
    const legend = h('div', { class: 'legend' }, KEYS.map((k) => h('span', {}, h('i', { class: `seg-${k}` }), STATUS[k])));
    const tr = (name, x, cls, link) => h('tr', { class: cls || '', dataset: cls === 'self' ? { sortPin: '1' } : {} },
      h('th', { scope: 'row', 'data-label': '单位' }, link ? h('a', { href: `#/report?unit=${link}&year=${year}` }, name) : name),
      h('td', { class: 'num', 'data-label': '在岗人数' }, String(x.officers)),
      h('td', { class: 'num', 'data-label': STATUS.met, dataset: { k: 'met' } }, String(x.met)),
      h('td', { class: 'num', 'data-label': STATUS.in_progress, dataset: { k: 'in_progress' } }, String(x.in_progress)),
      h('td', { class: 'num', 'data-label': STATUS.not_met, dataset: { k: 'not_met' } }, String(x.not_met)),
      h('td', { class: 'num', 'data-label': STATUS.exempt, dataset: { k: 'exempt' } }, String(x.exempt)),
      h('td', { class: 'num', 'data-label': '达标率' }, fmtRate(x.met, assessed(x))));
    const hasKids = (id) => list.some((u) => u.parent_id === id);
    const table = sortableTable(h('table', { class: 'table stack report-table' },
      h('caption', {}, `${unit.name} ${year}年度学时达标情况（统计截至 ${fmtDate(total.as_of)}）`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', dataset: { sort: 'text' } }, '单位'),
        h('th', { scope: 'col', class: 'num', dataset: { sort: 'number', firstDir: 'descending' } }, '在岗人数'),
        KEYS.map((k) => h('th', { scope: 'col', class: 'num', dataset: { sort: 'number', firstDir: 'descending' } }, STATUS[k])),
        h('th', { scope: 'col', class: 'num', dataset: { sort: 'number', firstDir: 'descending' } }, '达标率'))),
      h('tbody', {}, rows.map((r) => tr(r.unit.name, r.s, r.self ? 'self' : '', !r.self && hasKids(r.unit.id) ? r.unit.id : null))),
      h('tfoot', {}, tr('合计', s, 'total'))));
    const assessedAll = assessed(s);
    clear(host,
      printHead('年度报表', [`${unit.name}（含下级）`, `${year}年度学时达标情况`, `统计截至 ${fmtDate(total.as_of)}`], { today }),
      h('div', { class: 'actions left report-actions' }, printButton('打印年度报表', 'compliance', { id: 'print-compliance' })),
      h('section', { class: 'summary-cards' },
        card('当年在岗人数', s.officers), card('已达标', s.met, 'met'), card('进行中', s.in_progress, 'in_progress'),
        card('未达标', s.not_met, 'not_met'), card('免于考核', s.exempt, 'exempt'), card('达标率', fmtRate(s.met, assessedAll))),
      h('p', { class: 'muted' }, year < current
        ? `${year}年度已结束：未完成学时的人员为“未达标”。`
        : `${year}年度尚未结束：未完成学时的人员为“进行中”，年底仍未完成即为“未达标”。`,
      ' 达标率 = 已达标 ÷（在岗人数 − 免于考核）。'),
      visibleRows.length ? h('section', { class: 'panel' }, h('h2', {}, '各单位达标情况'), legend, chart) : null,
      h('section', { class: 'panel' }, table));
  }

  function card(label, value, status) {
    return h('div', { class: `card ${status ? 'card-' + status : ''}`, dataset: status ? { k: status } : {} },
      h('span', { class: 'card-num' }, String(value)), h('span', { class: 'card-label' }, label));
  }

  unitSel.addEventListener('change', () => { unitId = unitSel.value; load(); progress.load(); });
  yearSel.addEventListener('change', () => { year = yearSel.value; load(); });
  await Promise.all([load(), progress.load()]);
}

// 进度报告: the mid-term / final progress of a unit's subtree on a date (GET /reports/progress):
// staff on post, the rotation, last and this year's compliance, certificates by state; a row per child;
// the same as a file (GET /reports/progress/export, CSV or XLSX).
const QUICK = [['2024-08-15', '中期'], ['2025-08-15', '终期']];
const CERT_KEYS = ['valid', 'suspended', 'withdrawn', 'cancelled', 'expired'];

function progressReport(host, unitOf, today, initial) {
  const asOf = h('input', { type: 'date', id: 'pr-asof', name: 'as_of', value: initial || today });
  const quick = QUICK.map(([d, label]) => h('button', { type: 'button', class: 'secondary quick', dataset: { date: d },
    onclick: () => { asOf.value = d; load(); } }, `${fmtDate(d)} ${label}`));
  const body = h('div', { class: 'progress-report' });
  // the file of the report as chosen: the unit above, the date here
  const exportPath = (format) => () => '/reports/progress/export' + qs({ unit_id: unitOf(), as_of: asOf.value, format });
  clear(host, h('section', { class: 'panel', 'aria-labelledby': 'pr-title' },
    h('div', { class: 'row-between screen-only' }, h('h2', { id: 'pr-title' }, '进度报告'),
      printButton('打印进度报告', 'progress', { id: 'print-progress' })),
    h('form', { class: 'inline-fields pr-form', onsubmit: (e) => { e.preventDefault(); load(); } },
      h('div', { class: 'field', dataset: { field: 'as_of' } }, h('label', { for: 'pr-asof' }, '统计截至'), asOf),
      h('div', { class: 'field quick-picks' }, h('span', { class: 'label-like' }, '快速选择'), h('div', { class: 'actions left' }, quick))),
    h('div', { class: 'downloads actions left pr-downloads' }, h('span', { class: 'muted' }, '下载进度报告（所选单位、统计截至日期）：'),
      downloadButton('下载 CSV', exportPath('csv'), download, { id: 'pr-dl-csv', fallbackName: 'progress-report.csv' }),
      downloadButton('下载 XLSX（Excel）', exportPath('xlsx'), download, { id: 'pr-dl-xlsx', fallbackName: 'progress-report.xlsx' })),
    body));
  asOf.addEventListener('change', () => { if (asOf.value) load(); });
  let seq = 0;
  async function load() {
    const my = ++seq;
    quick.forEach((b) => b.classList.toggle('selected', b.dataset.date === asOf.value));
    clear(body, loading('正在生成进度报告…'));
    try {
      const r = await get('/reports/progress' + qs({ unit_id: unitOf(), as_of: asOf.value }));
      if (my !== seq) return;
      draw(r);
    } catch (e) {
      if (my === seq) clear(body, errorPanel(e, load));
    }
  }
  function rateCell(label, part, whole, rate) {
    return h('td', { class: 'num', 'data-label': label }, pct(rate), whole ? h('span', { class: 'muted small' }, ` ${part}/${whole}`) : null);
  }
  function row(name, x, cls) {
    return h('tr', { class: cls || '', dataset: { unit: x.unit_id || '' } },
      h('th', { scope: 'row', 'data-label': '单位' }, name),
      h('td', { class: 'num', 'data-label': '在岗人数' }, String(x.officers)),
      rateCell('轮训率', x.rotation.rotated, x.rotation.required, x.rotation.rate),
      rateCell(`${x.compliance.previous_year.year}年达标率`, x.compliance.previous_year.met, x.compliance.previous_year.officers, x.compliance.previous_year.rate),
      rateCell(`${x.compliance.current_year.year}年达标率`, x.compliance.current_year.met, x.compliance.current_year.officers, x.compliance.current_year.rate),
      CERT_KEYS.map((k) => h('td', { class: 'num', 'data-label': `证件${CERT_STATE[k]}`, dataset: { cert: k } }, String(x.certificates[k]))));
  }
  function draw(r) {
    const py = r.compliance.previous_year;
    const cy = r.compliance.current_year;
    const fig = (label, value, sub) => h('div', { class: 'card' }, h('span', { class: 'card-num' }, value), h('span', { class: 'card-label' }, label), sub ? h('span', { class: 'card-label' }, sub) : null);
    clear(body,
      printHead('进度报告', [`${r.unit_name}（含下级）`, `统计截至 ${fmtDate(r.as_of)}`,
        r.campaign ? `轮训批次：${r.campaign.name}` : null], { today }),
      h('p', { class: 'muted' }, `${r.unit_name}（含下级），统计截至 ${fmtDate(r.as_of)}`,
        r.campaign ? `；轮训批次：${r.campaign.name}（${fmtDate(r.campaign.deadline)}前完成）` : '；尚未设置轮训批次'),
      h('section', { class: 'summary-cards pr-figures' },
        fig('在岗人数', String(r.officers)),
        fig('轮训率', pct(r.rotation.rate), `${r.rotation.rotated}/${r.rotation.required} 人`),
        fig(`${py.year}年达标率`, pct(py.rate), `${py.met}/${py.officers} 人`),
        fig(`${cy.year}年达标率`, pct(cy.rate), `${cy.met}/${cy.officers} 人`),
        fig('有效证件', String(r.certificates.valid), CERT_KEYS.slice(1).map((k) => `${CERT_STATE[k]} ${r.certificates[k]}`).join(' · '))),
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': '各下级单位进度表', tabindex: '0' }, h('table', { class: 'table stack progress-table' },
        h('caption', {}, `${r.unit_name} 各下级单位进度（${fmtDate(r.as_of)}）`),
        h('thead', {},
          h('tr', {}, h('th', { scope: 'col', rowspan: '2' }, '单位'), h('th', { scope: 'col', rowspan: '2', class: 'num' }, '在岗人数'),
            h('th', { scope: 'col', rowspan: '2', class: 'num' }, '轮训率'), h('th', { scope: 'col', rowspan: '2', class: 'num' }, `${py.year}年（上年）达标率`),
            h('th', { scope: 'col', rowspan: '2', class: 'num' }, `${cy.year}年（本年）达标率`), h('th', { scope: 'colgroup', colspan: String(CERT_KEYS.length), class: 'center' }, '行政执法证')),
          h('tr', {}, CERT_KEYS.map((k) => h('th', { scope: 'col', class: 'num' }, CERT_STATE[k])))),
        h('tbody', {}, r.children.map((c) => row(c.unit_name, c))),
        h('tfoot', {}, row('合计', r, 'total')))));
  }
  return { load };
}
