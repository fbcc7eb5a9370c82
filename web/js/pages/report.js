// 年度报表 (hr, admin): the compliance summary of a unit's subtree, per direct child unit,
// as a chart and a table (each row is the summary of GET /compliance for that child).
import { get, qs } from '../api.js';
import { h, clear, fmtDate, fmtRate, errorPanel, progressLine, unitOptions, yearOptions, STATUS } from '../ui.js';
import { units, homeUnit, setQuery, serverToday } from '../state.js';

const KEYS = ['met', 'in_progress', 'not_met', 'exempt'];

export async function reportPage(main, { params, isCurrent }) {
  const list = await units();
  const today = await serverToday();
  const current = +today.slice(0, 4);
  let unitId = params.get('unit') || String(await homeUnit());
  let year = params.get('year') || String(current);
  const unitSel = h('select', { id: 'r-unit' }, unitOptions(list, unitId));
  const yearSel = h('select', { id: 'r-year' }, yearOptions(2023, current, +year));
  const host = h('div');
  clear(main,
    h('h1', {}, '年度报表'),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'r-unit' }, '单位（含下级）'), unitSel),
      h('div', { class: 'field' }, h('label', { for: 'r-year' }, '年度'), yearSel)),
    host);

  let seq = 0;
  async function load() {
    const my = ++seq;
    setQuery({ unit: unitId, year });
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
    const tr = (name, x, cls, link) => h('tr', { class: cls || '' },
      h('th', { scope: 'row', 'data-label': '单位' }, link ? h('a', { href: `#/report?unit=${link}&year=${year}` }, name) : name),
      h('td', { class: 'num', 'data-label': '在岗人数' }, String(x.officers)),
      h('td', { class: 'num', 'data-label': STATUS.met, dataset: { k: 'met' } }, String(x.met)),
      h('td', { class: 'num', 'data-label': STATUS.in_progress, dataset: { k: 'in_progress' } }, String(x.in_progress)),
      h('td', { class: 'num', 'data-label': STATUS.not_met, dataset: { k: 'not_met' } }, String(x.not_met)),
      h('td', { class: 'num', 'data-label': STATUS.exempt, dataset: { k: 'exempt' } }, String(x.exempt)),
      h('td', { class: 'num', 'data-label': '达标率' }, fmtRate(x.met, assessed(x))));
    const hasKids = (id) => list.some((u) => u.parent_id === id);
    const table = h('table', { class: 'table stack report-table' },
      h('caption', {}, `${unit.name} ${year}年度学时达标情况（统计截至 ${fmtDate(total.as_of)}）`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '单位'), h('th', { scope: 'col', class: 'num' }, '在岗人数'),
        KEYS.map((k) => h('th', { scope: 'col', class: 'num' }, STATUS[k])), h('th', { scope: 'col', class: 'num' }, '达标率'))),
      h('tbody', {}, rows.map((r) => tr(r.unit.name, r.s, r.self ? 'self' : '', !r.self && hasKids(r.unit.id) ? r.unit.id : null))),
      h('tfoot', {}, tr('合计', s, 'total')));
    const assessedAll = assessed(s);
    clear(host,
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

  unitSel.addEventListener('change', () => { unitId = unitSel.value; load(); });
  yearSel.addEventListener('change', () => { year = yearSel.value; load(); });
  await load();
}
