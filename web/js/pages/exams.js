// 资格考试 (admin): record an exam once held, list the exams, import a score sheet; on an exam's page
// its results (paged, 合格/不合格), and one officer's score entered or corrected.
import { get, getAll, post, put, qs } from '../api.js';
import {
  h, clear, fmtDate, field, showError, showMessage, clearErrors, errorPanel, loading, toast,
} from '../ui.js';
import { units, serverToday, go } from '../state.js';
import { csvImportPanel } from '../csv-import.js';
import { passChip, fmtScore, officerPicker } from '../qual-view.js';

const RESULTS_PAGE = 50;

// The score sheet's columns, as the server reads them (docs/api.md, POST /imports/exam-results).
const SHEET_COLUMNS = [
  { name: 'exam_id', alias: '考试编号', required: true, zh: '资格考试编号（见考试列表）' },
  { name: 'id_number', alias: '身份证号', required: true, zh: '18 位身份证号' },
  { name: 'score', alias: '成绩', required: true, zh: '0 至 100 分，可为 0.5 分（如 72.5）' },
];

// A score as typed: a number (the server checks the range and the half points), else null.
function parseScore(s) {
  const t = String(s || '').trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

export async function examsPage(main, { isCurrent }) {
  const today = await serverToday();
  const listHost = h('div');
  const name = h('input', { name: 'name', maxlength: '100', autocomplete: 'off', required: true, placeholder: `如：${today.slice(0, 4)}年度行政执法资格考试` });
  const held = h('input', { name: 'held_on', type: 'date', max: today, value: today, required: true });
  const pass = h('input', { name: 'pass_score', inputmode: 'decimal', value: '60', autocomplete: 'off' });
  const btn = h('button', { type: 'submit', id: 'exam-create' }, '登记考试');
  const form = h('form', { class: 'form-grid exam-form', novalidate: true },
    field('考试名称', name, { fieldName: 'name' }),
    field('考试日期', held, { fieldName: 'held_on', hint: '考试举行后才能登记，不能晚于今天' }),
    field('合格分数线', pass, { fieldName: 'pass_score', hint: '默认 60 分；0 至 100，可为 0.5 分' }),
    h('div', { class: 'actions left' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!name.value.trim()) return showMessage(form, '请填写考试名称', 'name');
    if (!held.value) return showMessage(form, '请填写考试日期', 'held_on');
    const body = { name: name.value.trim(), held_on: held.value };
    if (pass.value.trim()) {
      const p = parseScore(pass.value);
      if (p === null) return showMessage(form, '合格分数线须为 0 至 100 之间的数字', 'pass_score');
      body.pass_score = p;
    }
    btn.disabled = true;
    try {
      const e = await post('/exams', body);
      toast(`已登记考试“${e.name}”（编号 ${e.id}）`, 'ok', { carry: true });
      go(`#/exams/${e.id}`);
    } catch (e) {
      showError(form, e);
    } finally {
      btn.disabled = false;
    }
  });
  const sample = `考试编号,身份证号,成绩\n3,450702198501010012,86.5\n3,450702198602020021,59`;
  clear(main, h('h1', {}, '资格考试'),
    h('section', { class: 'panel', 'aria-labelledby': 'new-exam-title' }, h('h2', { id: 'new-exam-title' }, '登记考试'), form),
    listHost,
    csvImportPanel({
      id: 'imp-exam', title: '导入成绩单', endpoint: '/imports/exam-results', columns: SHEET_COLUMNS, templates: false,
      intro: '一次导入一场或多场考试的成绩。已登记的相同成绩会跳过；已有不同成绩的，该行报错（导入不修改成绩，请在考试页面逐人更正）。',
      sample, onDone: () => loadList(),
    }));

  async function loadList() {
    clear(listHost, loading('正在加载考试…'));
    try {
      const data = await getAll('/exams');
      if (!isCurrent()) return;
      clear(listHost, h('section', { class: 'panel', 'aria-labelledby': 'exams-title' },
        h('h2', { id: 'exams-title' }, `已登记的考试（${data.items.length} 场）`),
        data.items.length === 0 ? h('p', { class: 'muted' }, '还没有登记考试。') :
          h('table', { class: 'table stack exams-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '考试编号'), h('th', { scope: 'col' }, '考试名称'), h('th', { scope: 'col' }, '考试日期'), h('th', { scope: 'col', class: 'num' }, '合格分数线'))),
            h('tbody', {}, data.items.map((e) => h('tr', { dataset: { exam: e.id } },
              h('td', { 'data-label': '考试编号', class: 'mono' }, String(e.id)),
              h('td', { 'data-label': '考试名称' }, h('a', { href: `#/exams/${e.id}` }, e.name)),
              h('td', { 'data-label': '考试日期' }, fmtDate(e.held_on)),
              h('td', { 'data-label': '合格分数线', class: 'num' }, fmtScore(e.pass_score))))))));
    } catch (e) {
      clear(listHost, errorPanel(e, loadList));
    }
  }
  await loadList();
}

export async function examPage(main, { args, isCurrent, setTitle }) {
  const id = args[0];
  const [exam, unitList] = await Promise.all([get(`/exams/${id}` + qs({ limit: 1 })), units()]);
  if (setTitle) setTitle(exam.name, '资格考试');
  const unitName = (uid) => (unitList.find((u) => u.id === uid) || {}).name || '';
  const resultsHost = h('div');

  const score = h('input', { name: 'score', inputmode: 'decimal', autocomplete: 'off', id: 'score-input' });
  const save = h('button', { type: 'submit', id: 'score-save' }, '保存成绩');
  const picker = officerPicker({ id: 'score-pick', label: '考生（按姓名查找）', onPick: () => { clearErrors(form); if (picker.officer) score.focus(); } });
  const form = h('form', { class: 'score-form', novalidate: true },
    h('div', { dataset: { field: 'officer_id' } }, picker.el),
    field('成绩', score, { fieldName: 'score', hint: `0 至 100 分，可为 0.5 分（如 72.5）；合格分数线 ${fmtScore(exam.pass_score)} 分。已有成绩的，保存即更正` }),
    h('div', { class: 'actions left' }, save));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const o = picker.officer;
    if (!o) return showMessage(form, '请先选择考生', 'officer_id');
    if (!score.value.trim()) return showMessage(form, '请填写成绩', 'score');
    const n = parseScore(score.value);
    if (n === null) return showMessage(form, '成绩须为 0 至 100 之间的数字（如 72 或 72.5）', 'score');
    save.disabled = true;
    try {
      const r = await put(`/exams/${id}/results/${o.id}`, { score: n });
      toast(`已登记 ${o.name} ${fmtScore(r.score)} 分（${r.passed ? '合格' : '不合格'}）`);
      score.value = '';
      picker.pick(null);
      await loadResults();
    } catch (e) {
      // 422 score_invalid: the server's message next to the score
      showError(form, e);
    } finally {
      save.disabled = false;
    }
  });

  clear(main,
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/exams' }, '资格考试'), ' › ', exam.name),
    h('h1', {}, exam.name),
    h('section', { class: 'panel' }, h('dl', { class: 'facts' },
      fact('考试编号', String(exam.id)), fact('考试日期', fmtDate(exam.held_on)),
      fact('合格分数线', `${fmtScore(exam.pass_score)} 分`), fact('合格成绩有效至', fmtDate(exam.counts_until)))),
    h('section', { class: 'panel', 'aria-labelledby': 'score-title' }, h('h2', { id: 'score-title' }, '登记或更正成绩'), form),
    resultsHost);

  let offset = 0;
  let seq = 0;
  async function loadResults() {
    const my = ++seq;
    clear(resultsHost, loading('正在加载成绩…'));
    try {
      const data = await get(`/exams/${id}` + qs({ limit: RESULTS_PAGE, offset }));
      if (my !== seq || !isCurrent()) return;
      const passed = data.results.filter((r) => r.passed).length;
      clear(resultsHost, h('section', { class: 'panel', 'aria-labelledby': 'results-title' },
        h('h2', { id: 'results-title' }, `成绩（${data.total} 人）`),
        data.total > 0 ? h('p', { class: 'muted', id: 'results-count' }, `本页 ${data.results.length} 人，合格 ${passed} 人`) : null,
        data.results.length === 0 ? h('p', { class: 'muted' }, '还没有成绩。') : [
          pager(data),
          h('table', { class: 'table stack results-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '姓名'), h('th', { scope: 'col' }, '单位'), h('th', { scope: 'col', class: 'num' }, '成绩'), h('th', { scope: 'col' }, '结果'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, '操作')))),
            h('tbody', {}, data.results.map((r) => h('tr', { dataset: { officer: r.officer_id } },
              h('td', { 'data-label': '姓名' }, r.name),
              h('td', { 'data-label': '单位' }, unitName(r.unit_id) || '—'),
              h('td', { 'data-label': '成绩', class: 'num score-cell' }, fmtScore(r.score)),
              h('td', { 'data-label': '结果' }, passChip(r.passed)),
              h('td', { 'data-label': null }, h('button', { type: 'button', class: 'secondary small-btn', 'aria-label': `更正 ${r.name} 的成绩`,
                onclick: () => {
                  picker.pick({ id: r.officer_id, name: r.name, unit_name: unitName(r.unit_id) });
                  score.value = fmtScore(r.score);
                  score.focus();
                  score.select();
                } }, '更正')))))),
          pager(data)]));
    } catch (e) {
      if (my === seq) clear(resultsHost, errorPanel(e, loadResults));
    }
  }
  function pager(data) {
    if (data.total <= data.limit) return null;
    const to = Math.min(data.total, data.offset + data.results.length);
    return h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: data.offset === 0, onclick: () => { offset = Math.max(0, offset - RESULTS_PAGE); loadResults(); } }, '上一页'),
      h('span', { class: 'pager-text' }, `共 ${data.total} 人，第 ${data.offset + 1}–${to} 人`),
      h('button', { type: 'button', class: 'secondary', disabled: to >= data.total, onclick: () => { offset += RESULTS_PAGE; loadResults(); } }, '下一页'));
  }
  await loadResults();
}

function fact(k, v) {
  return [h('dt', {}, k), h('dd', {}, v || '—')];
}
