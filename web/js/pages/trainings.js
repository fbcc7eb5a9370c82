// 培训登记 (hr, admin): create a training, then tick its attendees.
import { get, post, del, qs, download, ApiError } from '../api.js';
import {
  h, clear, fmtDate, fmtRange, fmtHours, showError, showMessage, clearErrors, errorPanel, loading, field, unitOptions,
  yearOptions, progressLine, toast, confirmDialog, downloadButton, CATEGORY, MODE,
} from '../ui.js';
import { units, homeUnit, setQuery, go, session, serverToday } from '../state.js';
import { csvImportPanel } from '../csv-import.js';

export const ATTENDANCE_COLUMNS = [
  { name: 'training_id', required: true, zh: '培训编号（见下方“已登记的培训”列表）' },
  { name: 'id_number', required: true, zh: '参训人员身份证号（18 位）' },
  { name: 'legal', required: false, zh: '计入的公共法律知识学时（空则按培训全部学时）' },
  { name: 'business', required: false, zh: '计入的业务知识和行政执法技能学时（同上）' },
  { name: 'political', required: false, zh: '计入的政治理论教育和党性教育学时（同上）' },
];

const CATS = ['legal', 'business', 'political'];

function hoursText(hrs) {
  return CATS.filter((c) => hrs[c] > 0).map((c) => `${c === 'political' ? '政治理论' : c === 'legal' ? '法律' : '业务'} ${fmtHours(hrs[c])}`).join(' · ') || '0';
}

export async function trainingsPage(main, { params, isCurrent }) {
  const list = await units();
  const home = await homeUnit();
  const form = createForm(list, home);
  const listHost = h('div');
  await serverToday();
  const yearSel = h('select', { id: 't-year' });
  const ownOnly = h('input', { type: 'checkbox', id: 't-own', checked: params.get('all') !== '1' });
  clear(main,
    h('h1', {}, '培训登记'),
    h('section', { class: 'panel', 'aria-labelledby': 'new-title' }, h('h2', { id: 'new-title' }, '新建培训'), form),
    csvImportPanel({
      id: 'imp-att', title: '导入签到表', endpoint: '/imports/attendance', columns: ATTENDANCE_COLUMNS,
      intro: '一次登记多次培训的参训人员：每行一人一次培训。已登记过的同一人同一培训会被跳过。',
      sample: 'training_id,id_number,legal,business,political\n12,450702199001011234,,,\n12,450702198805052345,2,,',
      extra: session.user && session.user.role === 'admin'
        ? h('p', { class: 'export-as-import' }, '导出所选年度已登记的参训记录（全市），格式同上，附姓名与培训名称：',
          downloadButton('导出签到记录 CSV', () => '/attendance/export' + qs({ year }), download,
            { id: 'dl-attendance', fallbackName: 'attendance.csv' }))
        : null,
      onDone: () => loadList(),
    }),
    h('section', { class: 'panel', 'aria-labelledby': 'list-title' },
      h('div', { class: 'row-between' }, h('h2', { id: 'list-title' }, '已登记的培训'),
        h('div', { class: 'inline-field' }, h('label', { for: 't-year' }, '年度'), yearSel,
          h('span', { class: 'check' }, ownOnly, h('label', { for: 't-own' }, `只看${(list.find((u) => u.id === home) || {}).name || '本单位'}及下级主办`)))),
      listHost));
  let year = params.get('year');
  async function loadList() {
    clear(listHost, loading('正在加载培训…'));
    try {
      const current = session.today ? +session.today.slice(0, 4) : new Date().getFullYear();
      if (!year) year = String(current);
      const data = await get('/trainings' + qs({ year, limit: 1000, unit_id: ownOnly.checked ? home : undefined }));
      clear(yearSel, yearOptions(2023, current + 1, +year));
      const items = data.items.filter((t) => String(t.year) === String(year));
      setQuery({ year, all: ownOnly.checked ? '' : '1' }, isCurrent);
      clear(listHost, items.length === 0 ? h('p', { class: 'muted' }, `${year}年暂无培训。`) :
        h('table', { class: 'table stack' },
          h('thead', {}, h('tr', {}, h('th', {}, '培训名称'), h('th', {}, '主办单位'), h('th', {}, '日期'), h('th', {}, '学时'), h('th', {}, '形式'), h('th', {}, ''))),
          h('tbody', {}, items.map((t) => h('tr', {},
            h('td', { 'data-label': '培训名称' }, h('a', { href: `#/trainings/${t.id}` }, t.title), t.rotation ? h('span', { class: 'chip chip-rot' }, '轮训') : null,
              h('span', { class: 'muted small tid' }, ` 编号 ${t.id}`)),
            h('td', { 'data-label': '主办单位' }, (list.find((u) => u.id === t.organizer_unit_id) || {}).name || '其他单位'),
            h('td', { 'data-label': '日期' }, fmtRange(t.start_date, t.end_date)),
            h('td', { 'data-label': '学时' }, hoursText(t.hours)),
            h('td', { 'data-label': '形式' }, MODE[t.mode] || t.mode),
            h('td', {}, h('a', { href: `#/trainings/${t.id}` }, '登记参训人员')))))));
    } catch (e) {
      clear(listHost, errorPanel(e, loadList));
    }
  }
  yearSel.addEventListener('change', () => { year = yearSel.value; loadList(); });
  ownOnly.addEventListener('change', loadList);
  await loadList();
}

function createForm(list, home) {
  const title = h('input', { name: 'title', required: true, autocomplete: 'off' });
  const organizer = h('select', { name: 'organizer_unit_id' }, unitOptions(list, home));
  const start = h('input', { name: 'start_date', type: 'date', required: true });
  const end = h('input', { name: 'end_date', type: 'date', required: true });
  start.addEventListener('change', () => { if (!end.value || end.value < start.value) end.value = start.value; });
  const hrs = Object.fromEntries(CATS.map((c) => [c, h('input', { name: `hours.${c}`, type: 'number', min: '0', step: '0.5', inputmode: 'decimal', value: '0' })]));
  const rotation = h('input', { type: 'checkbox', id: 't-rotation', name: 'rotation' });
  const modeIn = h('input', { type: 'radio', name: 'mode', value: 'in_person', id: 'm-in', checked: true });
  const modeOn = h('input', { type: 'radio', name: 'mode', value: 'online', id: 'm-on' });
  const btn = h('button', { type: 'submit' }, '创建培训并登记参训人员');
  const form = h('form', { class: 'form-grid', novalidate: true },
    field('培训名称', title, { fieldName: 'title', cls: 'wide' }),
    field('主办单位', organizer, { fieldName: 'organizer_unit_id' }),
    field('开始日期', start, { fieldName: 'start_date' }),
    field('结束日期', end, { fieldName: 'end_date', hint: '学时计入结束日期所在年度；每天最多 10 学时' }),
    h('fieldset', { class: 'wide hours-fieldset', dataset: { field: 'hours' } }, h('legend', {}, '学时（可填多类，0.5 的倍数）'),
      CATS.map((c) => field(CATEGORY[c], hrs[c], { fieldName: `hours.${c}` }))),
    h('fieldset', { class: 'radio-row', dataset: { field: 'mode' } }, h('legend', {}, '培训形式'),
      h('span', {}, modeIn, h('label', { for: 'm-in' }, '线下')), h('span', {}, modeOn, h('label', { for: 'm-on' }, '线上'))),
    h('div', { class: 'field check', dataset: { field: 'rotation' } }, rotation, h('label', { for: 't-rotation' }, '计入全员轮训')),
    h('div', { class: 'actions wide' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!title.value.trim()) return showMessage(form, '请填写培训名称', 'title');
    if (!start.value) return showMessage(form, '请填写开始日期', 'start_date');
    if (!end.value) return showMessage(form, '请填写结束日期', 'end_date');
    const hours = {};
    for (const c of CATS) {
      const v = hrs[c].value.trim() === '' ? 0 : Number(hrs[c].value);
      if (!Number.isFinite(v)) return showMessage(form, `${CATEGORY[c]}学时须为数字`, `hours.${c}`);
      hours[c] = v;
    }
    if (CATS.every((c) => hours[c] === 0)) return showMessage(form, '请至少填写一类学时', 'hours.legal');
    btn.disabled = true;
    btn.textContent = '正在创建…';
    try {
      const t = await post('/trainings', {
        title: title.value.trim(), organizer_unit_id: +organizer.value, start_date: start.value, end_date: end.value,
        hours, rotation: rotation.checked, mode: modeOn.checked ? 'online' : 'in_person',
      });
      toast(`已创建培训「${t.title}」，请勾选参训人员`);
      go(`#/trainings/${t.id}`);
    } catch (e) {
      showError(form, e);
    } finally {
      btn.disabled = false;
      btn.textContent = '创建培训并登记参训人员';
    }
  });
  return form;
}

// ---- one training: its attendees, and ticking new ones ----

export async function trainingPage(main, { args }) {
  const id = args[0];
  const list = await units();
  const home = await homeUnit();
  let training = await get(`/trainings/${id}`);
  const attendeesHost = h('div');
  const pickerHost = h('div');
  clear(main,
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/trainings' }, '培训登记'), ' › ', training.title),
    h('div', { class: 'page-head' }, h('h1', {}, training.title),
      h('p', { class: 'muted' }, `${fmtRange(training.start_date, training.end_date)} · ${MODE[training.mode] || training.mode}`,
        training.rotation ? ' · 计入全员轮训' : '', ` · 计入${training.year}年度`),
      h('p', { class: 'hours-line' }, CATS.map((c) => h('span', { class: `hchip hchip-${c}` }, `${CATEGORY[c]} ${fmtHours(training.hours[c])} 学时`)))),
    pickerHost, attendeesHost);

  const attending = new Set();
  async function refresh() {
    training = await get(`/trainings/${id}`);
    attending.clear();
    training.attendees.forEach((a) => attending.add(a.officer_id));
    drawAttendees();
    picker.refreshMarks();
  }

  function drawAttendees() {
    const rows = training.attendees.map((a) => h('tr', {},
      h('td', { 'data-label': '姓名' }, h('a', { href: `#/officers/${a.officer_id}` }, a.name)),
      h('td', { 'data-label': '单位' }, (list.find((u) => u.id === a.unit_id) || {}).name || ''),
      h('td', { 'data-label': '计入学时' }, hoursText(a.hours)),
      h('td', {}, h('button', { type: 'button', class: 'link danger-link', 'aria-label': `移除 ${a.name}`, onclick: () => removeOne(a) }, '移除'))));
    clear(attendeesHost, h('section', { class: 'panel', 'aria-labelledby': 'att-title' },
      h('h2', { id: 'att-title' }, `已登记参训人员（${training.attendees.length} 人）`),
      training.attendees.length === 0 ? h('p', { class: 'muted' }, '尚未登记参训人员。') :
        h('table', { class: 'table stack' }, h('thead', {}, h('tr', {}, h('th', {}, '姓名'), h('th', {}, '单位'), h('th', {}, '计入学时'), h('th', {}, ''))),
          h('tbody', {}, rows))));
  }

  async function removeOne(a) {
    const ok = await confirmDialog({ title: '移除参训记录', body: h('p', {}, `从「${training.title}」中移除 ${a.name}？其学时将相应减少。`), confirmText: '移除', danger: true });
    if (!ok) return;
    try {
      await del(`/trainings/${id}/attendance/${a.officer_id}`);
      toast(`已移除 ${a.name}`);
      await refresh();
    } catch (e) {
      toast(`移除失败：${e.zh || e.message}`, 'error');
    }
  }

  const picker = attendeePicker(pickerHost, { list, home, training, attending, onSaved: refresh });
  training.attendees.forEach((a) => attending.add(a.officer_id));
  drawAttendees();
  await picker.load();
}

function attendeePicker(host, { list, home, training, attending, onSaved }) {
  const unitSel = h('select', { id: 'p-unit', name: 'unit_id' }, unitOptions(list, home));
  const sub = h('input', { type: 'checkbox', id: 'p-sub', checked: true });
  const search = h('input', { id: 'p-q', type: 'search', name: 'q', placeholder: '姓名或身份证号' });
  const selectAll = h('button', { type: 'button', class: 'secondary', id: 'p-all' }, '全选列表');
  const selectNone = h('button', { type: 'button', class: 'secondary', id: 'p-none' }, '清除选择');
  const countEl = h('span', { class: 'sel-count', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', id: 'p-save' }, '登记所选人员');
  const listEl = h('div', { class: 'pick-list', role: 'group', 'aria-label': '可选人员' });
  const statusEl = h('div', { class: 'pick-status' });
  const form = h('form', { class: 'panel picker', novalidate: true, 'aria-labelledby': 'pick-title' },
    h('h2', { id: 'pick-title' }, '勾选参训人员'),
    h('div', { class: 'filters' },
      field('单位', unitSel, { fieldName: 'unit_id' }),
      h('div', { class: 'field check' }, sub, h('label', { for: 'p-sub' }, '含下级单位')),
      field('搜索', search, { fieldName: 'q' })),
    h('div', { class: 'actions left' }, selectAll, selectNone, countEl),
    h('p', { class: 'hint' }, '默认按本次培训的全部学时计入；个别人员只参加了部分课程时，点“部分学时”填写实际学时。'),
    listEl, statusEl,
    h('div', { class: 'actions' }, save));
  clear(host, form);

  const selected = new Map(); // officer_id -> {name, hours?}
  let officers = [];
  let seq = 0;

  async function load() {
    const my = ++seq;
    clear(listEl, loading('正在加载人员…'));
    try {
      const q = search.value.trim();
      const data = await get('/officers' + qs({ unit_id: unitSel.value, q, status: 'active', limit: 1000 }));
      if (my !== seq) return;
      officers = sub.checked ? data.items : data.items.filter((o) => String(o.unit_id) === unitSel.value);
      draw();
      if (data.total > data.items.length) statusEl.textContent = `共 ${data.total} 人，仅列出前 ${data.items.length} 人，请缩小范围。`;
      else statusEl.textContent = '';
    } catch (e) {
      if (my === seq) clear(listEl, errorPanel(e, load));
    }
  }

  function draw() {
    if (officers.length === 0) { clear(listEl, h('p', { class: 'muted' }, '没有符合条件的在岗人员。')); updateCount(); return; }
    clear(listEl, officers.map((o) => row(o)));
    updateCount();
  }

  function row(o) {
    const already = attending.has(o.id);
    const cb = h('input', { type: 'checkbox', id: `o-${o.id}`, checked: already || selected.has(o.id), disabled: already, dataset: { officer: o.id } });
    const partialBtn = h('button', { type: 'button', class: 'link', hidden: already, 'aria-expanded': 'false' }, '部分学时');
    const partial = h('div', { class: 'partial', hidden: true, dataset: { field: `partial-${o.id}` } },
      CATS.filter((c) => training.hours[c] > 0).map((c) => {
        const inp = h('input', { type: 'number', min: '0', max: String(training.hours[c]), step: '0.5', inputmode: 'decimal',
          id: `ph-${o.id}-${c}`, value: String(training.hours[c]), dataset: { cat: c } });
        inp.addEventListener('input', () => setPartial(o, partial));
        return h('span', { class: 'ph' }, h('label', { for: inp.id }, `${CATEGORY[c]}（最多 ${fmtHours(training.hours[c])}）`), inp);
      }));
    partialBtn.addEventListener('click', () => {
      partial.hidden = !partial.hidden;
      partialBtn.setAttribute('aria-expanded', String(!partial.hidden));
      if (!partial.hidden) { cb.checked = true; selected.set(o.id, { name: o.name }); setPartial(o, partial); }
      else { const s = selected.get(o.id); if (s) delete s.hours; }
      updateCount();
    });
    cb.addEventListener('change', () => {
      if (cb.checked) selected.set(o.id, { name: o.name }); else selected.delete(o.id);
      if (!cb.checked) { partial.hidden = true; }
      updateCount();
    });
    if (selected.has(o.id) && selected.get(o.id).hours) partial.hidden = false;
    return h('div', { class: 'pick-row' + (already ? ' done' : ''), dataset: { officerRow: o.id } },
      cb, h('label', { for: cb.id }, h('span', { class: 'pname' }, o.name), h('span', { class: 'muted' }, ` ${o.unit_name || ''}`),
        already ? h('span', { class: 'chip chip-met' }, '已登记') : null),
      partialBtn, partial);
  }

  function setPartial(o, partial) {
    const hours = {};
    partial.querySelectorAll('input').forEach((i) => { hours[i.dataset.cat] = i.value === '' ? null : Number(i.value); });
    const s = selected.get(o.id) || { name: o.name };
    s.hours = hours;
    selected.set(o.id, s);
  }

  function updateCount() {
    countEl.textContent = `已选 ${selected.size} 人`;
    save.textContent = selected.size ? `登记所选 ${selected.size} 人` : '登记所选人员';
    save.disabled = selected.size === 0;
  }

  selectAll.addEventListener('click', () => {
    for (const o of officers) if (!attending.has(o.id) && !selected.has(o.id)) selected.set(o.id, { name: o.name });
    listEl.querySelectorAll('input[type=checkbox]:not(:disabled)').forEach((c) => { c.checked = true; });
    updateCount();
  });
  selectNone.addEventListener('click', () => {
    selected.clear();
    listEl.querySelectorAll('input[type=checkbox]:not(:disabled)').forEach((c) => { c.checked = false; });
    listEl.querySelectorAll('.partial').forEach((p) => { p.hidden = true; });
    updateCount();
  });
  unitSel.addEventListener('change', load);
  sub.addEventListener('change', load);
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const ids = [...selected.keys()];
    if (ids.length === 0) return showMessage(form, '请先勾选参训人员');
    const records = ids.map((officer_id) => {
      const s = selected.get(officer_id);
      const r = { officer_id };
      if (s.hours) {
        const hours = {};
        for (const [c, v] of Object.entries(s.hours)) if (v !== null && v !== training.hours[c]) hours[c] = v;
        if (Object.keys(hours).length) r.hours = hours;
      }
      return r;
    });
    const BATCH = 100;
    const prog = progressLine('正在登记');
    statusEl.replaceChildren(prog.el);
    save.disabled = true;
    let added = 0;
    let already = 0;
    try {
      for (let i = 0; i < records.length; i += BATCH) {
        prog.set(i, records.length, `正在登记 ${i}/${records.length} 人…`);
        const batch = records.slice(i, i + BATCH);
        try {
          const res = await post(`/trainings/${training.id}/attendance`, { records: batch });
          added += res.added;
          already += res.already_recorded;
          for (const r of batch) { selected.delete(r.officer_id); attending.add(r.officer_id); }
        } catch (e) {
          // Point at the person the API names (records[i] of this batch).
          const m = /^records\[(\d+)\]/.exec(e.field || '');
          if (m && e instanceof ApiError) {
            const rec = batch[+m[1]];
            const name = rec && (selected.get(rec.officer_id) || {}).name;
            const rowEl = listEl.querySelector(`[data-officer-row="${rec.officer_id}"]`);
            const text = `${name || '人员 ' + rec.officer_id}：${e.zh}`;
            const box = h('div', { class: 'field-error', role: 'alert' }, text, h('div', { class: 'err-detail' }, `${e.code} · ${e.field}：${e.message}`));
            if (rowEl) { rowEl.classList.add('has-error'); rowEl.append(box); rowEl.scrollIntoView({ block: 'center' }); }
            showMessage(form, `${added ? `已登记 ${added} 人；` : ''}其余未登记：${text}。请更正后再次点击登记。`);
          } else {
            showError(form, e);
            if (added) form.querySelector('.form-error').prepend(h('p', {}, `已登记 ${added} 人，其余未登记。`));
          }
          statusEl.replaceChildren();
          await onSaved();
          updateCount();
          return;
        }
      }
      prog.set(records.length, records.length, `已登记 ${added} 人${already ? `，${already} 人此前已登记` : ''}`);
      toast(`已登记 ${added} 人${already ? `（${already} 人此前已登记）` : ''}`);
      await onSaved();
      updateCount();
    } finally {
      save.disabled = selected.size === 0;
    }
  });

  return {
    load,
    refreshMarks() { if (officers.length) draw(); },
  };
}
