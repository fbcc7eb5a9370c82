// 培训登记 (hr, admin): create a training, then tick its attendees.
import { get, getAll, post, patch, del, qs, download, ApiError } from '../api.js';
import {
  h, clear, fmtDate, fmtRange, fmtHours, showError, showMessage, clearErrors, errorPanel, loading, field, unitOptions,
  yearOptions, progressLine, toast, confirmDialog, downloadButton, beijingToday, hoursShort, CATEGORY, MODE,
} from '../ui.js';
import { units, homeUnit, setQuery, go, session, serverToday } from '../state.js';
import { csvImportPanel } from '../csv-import.js';
import { dataTable } from '../table.js';

export const ATTENDANCE_COLUMNS = [
  { name: 'training_id', alias: '培训编号', required: true, zh: '培训编号（见下方“已登记的培训”列表）' },
  { name: 'id_number', alias: '身份证号', required: true, zh: '参训人员身份证号（18 位）' },
  { name: 'legal', alias: '公共法律知识', required: false, zh: '计入的公共法律知识学时（空则按培训全部学时）' },
  { name: 'business', alias: '业务知识', required: false, zh: '计入的业务知识和行政执法技能学时（同上）' },
  { name: 'political', alias: '政治理论', required: false, zh: '计入的政治理论教育和党性教育学时（同上）' },
];

const CATS = ['legal', 'business', 'political'];


// The title, dates and hours of a session form (new or edited), checked before sending: the
// hours per category (a blank is 0), or null after naming the first problem on the form.
function checkedSession(form, { title, start, end, hrs }) {
  if (!title.value.trim()) return showMessage(form, '请填写培训名称', 'title'), null;
  if (!start.value) return showMessage(form, '请填写开始日期', 'start_date'), null;
  if (!end.value) return showMessage(form, '请填写结束日期', 'end_date'), null;
  const hours = {};
  for (const c of CATS) {
    const v = hrs[c].value.trim() === '' ? 0 : Number(hrs[c].value);
    if (hrs[c].validity.badInput || !Number.isFinite(v)) return showMessage(form, `${CATEGORY[c]}学时须为数字`, `hours.${c}`), null;
    hours[c] = v;
  }
  return hours;
}
function hoursText(hrs) {
  return hoursShort(hrs);
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
      intro: '一次登记多次培训的参训人员：每行一人一次培训。已登记过的同一人同一培训会被跳过。只导入一次培训的签到表时，也可打开该培训，在其页面上导入，文件无需“培训编号”列。',
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
  let seq = 0;
  async function loadList() {
    const my = ++seq;
    clear(listHost, loading('正在加载培训…'));
    try {
      const current = session.today ? +session.today.slice(0, 4) : +beijingToday().slice(0, 4);
      if (!year) year = String(current);
      const data = await getAll('/trainings' + qs({ year, unit_id: ownOnly.checked ? home : undefined }));
      if (my !== seq || !isCurrent()) return;
      clear(yearSel, yearOptions(2023, current + 1, +year));
      const items = data.items.filter((t) => String(t.year) === String(year));
      setQuery({ year, all: ownOnly.checked ? '' : '1' }, isCurrent);
      if (items.length === 0) { clear(listHost, h('p', { class: 'muted' }, `${year}年暂无培训。`)); return; }
      // A year holds 100 or more trainings: a search box, pages of 50, and sortable columns.
      const organizer = (t) => (list.find((u) => u.id === t.organizer_unit_id) || {}).name || '其他单位';
      const table = dataTable({
        idPrefix: 't-list', rows: items, pageSize: 50, tableClass: 'table stack trainings-table',
        rowAttrs: (t) => ({ dataset: { training: t.id } }),
        sort: { key: 'date', dir: 'descending' },
        search: { label: '查找培训', placeholder: '培训名称、主办单位或编号',
          match: (t, q) => t.title.includes(q) || organizer(t).includes(q) || String(t.id) === q.replace(/^编号\s*/, '') },
        emptyText: '没有符合条件的培训。',
        columns: [
          { key: 'title', label: '培训名称', sort: (t) => t.title,
            cell: (t) => [h('a', { href: `#/trainings/${t.id}` }, t.title), t.rotation ? h('span', { class: 'chip chip-rot' }, '轮训') : null,
              session.today && t.end_date > session.today ? h('span', { class: 'chip chip-in_progress', title: '学时自结束日期起计入' }, '尚未结束') : null,
              h('span', { class: 'muted small tid' }, ` 编号 ${t.id}`)] },
          { key: 'organizer', label: '主办单位', sort: organizer, cell: organizer },
          { key: 'date', label: '日期', sort: (t) => `${t.start_date} ${t.end_date}`, firstDir: 'descending', cell: (t) => fmtRange(t.start_date, t.end_date) },
          { key: 'hours', label: '学时', sort: (t) => CATS.reduce((a, c) => a + (t.hours[c] || 0), 0), firstDir: 'descending', cell: (t) => hoursText(t.hours) },
          { key: 'mode', label: '形式', sort: (t) => MODE[t.mode] || t.mode, cell: (t) => MODE[t.mode] || t.mode },
          { key: 'act', label: h('span', { class: 'sr-only' }, '操作'), dataLabel: null, cell: (t) => h('a', { href: `#/trainings/${t.id}` }, '登记参训人员') },
        ],
      });
      clear(listHost, table.el);
    } catch (e) {
      if (my === seq) clear(listHost, errorPanel(e, loadList));
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
  const note = notEndedNote(end);
  start.addEventListener('change', () => { if (!end.value || end.value < start.value) { end.value = start.value; note.update(); } });
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
    note.el,
    h('fieldset', { class: 'wide hours-fieldset', dataset: { field: 'hours' } }, h('legend', {}, '学时（可填多类，0.5 的倍数）'),
      CATS.map((c) => field(CATEGORY[c], hrs[c], { fieldName: `hours.${c}` }))),
    h('fieldset', { class: 'radio-row', dataset: { field: 'mode' } }, h('legend', {}, '培训形式'),
      h('span', {}, modeIn, h('label', { for: 'm-in' }, '线下')), h('span', {}, modeOn, h('label', { for: 'm-on' }, '线上'))),
    h('div', { class: 'field check', dataset: { field: 'rotation' } }, rotation, h('label', { for: 't-rotation' }, '计入全员轮训')),
    h('div', { class: 'actions wide' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const hours = checkedSession(form, { title, start, end, hrs });
    if (!hours) return;
    if (CATS.every((c) => hours[c] === 0)) return showMessage(form, '请至少填写一类学时', 'hours.legal');
    btn.disabled = true;
    btn.textContent = '正在创建…';
    try {
      const t = await post('/trainings', {
        title: title.value.trim(), organizer_unit_id: +organizer.value, start_date: start.value, end_date: end.value,
        hours, rotation: rotation.checked, mode: modeOn.checked ? 'online' : 'in_person',
      });
      toast(`已创建培训「${t.title}」，请勾选参训人员`, 'ok', { carry: true });
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

export function notEndedText(end) {
  return `本培训尚未结束：学时自结束日期（${fmtDate(end)}）起计入，结束前不计入参训人员的学时。`;
}

export async function trainingPage(main, { args, setTitle, isCurrent }) {
  const id = args[0];
  const list = await units();
  const home = await homeUnit();
  const today = await serverToday();
  let training = await get(`/trainings/${id}`);
  if (setTitle) setTitle(training.title, '培训登记');
  // The server says who may correct it (an admin, or the hr user of the organiser's units).
  const manage = (training.allowed_actions || []).includes('update');
  const headHost = h('div', { class: 'page-head training-head' });
  const editHost = h('div');
  const attendeesHost = h('div');
  const pickerHost = h('div');
  const crumbTitle = h('span', {}, training.title);
  const organizerName = (t) => (list.find((u) => u.id === t.organizer_unit_id) || {}).name || '上级或其他单位';
  const editBtn = manage ? h('button', { type: 'button', class: 'secondary', id: 't-edit', 'aria-expanded': 'false', 'aria-controls': 't-edit-panel' }, '编辑培训') : null;
  const delBtn = manage ? h('button', { type: 'button', class: 'danger', id: 't-delete' }, '删除培训') : null;

  function drawHead() {
    crumbTitle.textContent = training.title;
    clear(headHost,
      h('div', { class: 'row-between' }, h('h1', {}, training.title),
        manage ? h('div', { class: 'actions' }, editBtn, delBtn) : null),
      h('p', { class: 'muted' }, `编号 ${training.id} · ${organizerName(training)}主办 · ${fmtRange(training.start_date, training.end_date)} · ${MODE[training.mode] || training.mode}`,
        training.rotation ? ' · 计入全员轮训' : '', ` · 计入${training.year}年度`),
      h('p', { class: 'hours-line' }, CATS.map((c) => h('span', { class: `hchip hchip-${c}` }, `${CATEGORY[c]} ${fmtHours(training.hours[c])} 学时`))),
      training.end_date > today ? h('p', { class: 'not-ended', role: 'note' }, notEndedText(training.end_date)) : null,
      manage ? null : h('p', { class: 'muted small' }, `本培训由${organizerName(training)}主办：只有主办单位（及其上级）的人事专员或管理员可以修改、删除培训；您可以登记、修改本单位人员的参训记录。`));
  }

  clear(main,
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/trainings' }, '培训登记'), ' › ', crumbTitle),
    headHost, editHost, pickerHost, h('div', { class: 'training-import' }), attendeesHost);
  drawHead();

  const attending = new Set();
  async function refresh() {
    training = await get(`/trainings/${id}`);
    attending.clear();
    training.attendees.forEach((a) => attending.add(a.officer_id));
    drawHead();
    drawAttendees();
    picker.refreshMarks();
  }

  // 编辑培训: the session's fields, pre-filled; only what changed is sent. A refusal (a shrink below
  // a credit already recorded: 409 credit_exceeds_session) is the server's message at its field.
  if (manage) {
    editBtn.addEventListener('click', () => {
      if (editHost.firstChild) { closeEdit(); return; }
      editHost.append(editForm());
      editBtn.setAttribute('aria-expanded', 'true');
      editHost.querySelector('input').focus();
    });
    delBtn.addEventListener('click', deleteTraining);
  }
  function closeEdit() {
    clear(editHost);
    editBtn.setAttribute('aria-expanded', 'false');
  }

  function editForm() {
    const t = training;
    const title = h('input', { name: 'title', id: 'e-title', required: true, autocomplete: 'off', value: t.title });
    const start = h('input', { name: 'start_date', id: 'e-start', type: 'date', required: true, value: t.start_date });
    const end = h('input', { name: 'end_date', id: 'e-end', type: 'date', required: true, value: t.end_date });
    const hrs = Object.fromEntries(CATS.map((c) => [c, h('input', { name: `hours.${c}`, id: `e-h-${c}`, type: 'number', min: '0', step: '0.5', inputmode: 'decimal', value: String(t.hours[c]) })]));
    const rotation = h('input', { type: 'checkbox', id: 'e-rotation', name: 'rotation', checked: t.rotation });
    const modeIn = h('input', { type: 'radio', name: 'e-mode', value: 'in_person', id: 'e-m-in', checked: t.mode !== 'online' });
    const modeOn = h('input', { type: 'radio', name: 'e-mode', value: 'online', id: 'e-m-on', checked: t.mode === 'online' });
    const note = notEndedNote(end);
    const save = h('button', { type: 'submit' }, '保存修改');
    const form = h('form', { class: 'form-grid', novalidate: true, 'aria-labelledby': 'edit-title' },
      field('培训名称', title, { fieldName: 'title', cls: 'wide' }),
      field('开始日期', start, { fieldName: 'start_date' }),
      field('结束日期', end, { fieldName: 'end_date', hint: '学时计入结束日期所在年度；改到另一年度时参训记录随之计入该年度' }),
      note.el,
      h('fieldset', { class: 'wide hours-fieldset', dataset: { field: 'hours' } }, h('legend', {}, '学时（0.5 的倍数；不能少于已计入任何参训人员的学时）'),
        CATS.map((c) => field(CATEGORY[c], hrs[c], { fieldName: `hours.${c}` }))),
      h('fieldset', { class: 'radio-row', dataset: { field: 'mode' } }, h('legend', {}, '培训形式'),
        h('span', {}, modeIn, h('label', { for: 'e-m-in' }, '线下')), h('span', {}, modeOn, h('label', { for: 'e-m-on' }, '线上'))),
      h('div', { class: 'field check', dataset: { field: 'rotation' } }, rotation, h('label', { for: 'e-rotation' }, '计入全员轮训')),
      h('p', { class: 'hint wide' }, '已登记的参训记录保持原计入学时不变；如需调整某人的学时，请在下方参训人员列表中点“修改学时”。'),
      h('div', { class: 'actions wide' }, h('button', { type: 'button', class: 'secondary', onclick: () => { closeEdit(); editBtn.focus(); } }, '取消'), save));
    start.addEventListener('change', () => { if (end.value && end.value < start.value) { end.value = start.value; note.update(); } });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const hours = checkedSession(form, { title, start, end, hrs });
      if (!hours) return;
      const change = {};
      if (title.value.trim() !== t.title) change.title = title.value.trim();
      if (start.value !== t.start_date) change.start_date = start.value;
      if (end.value !== t.end_date) change.end_date = end.value;
      if (CATS.some((c) => hours[c] !== t.hours[c])) change.hours = hours;
      if (rotation.checked !== !!t.rotation) change.rotation = rotation.checked;
      const mode = modeOn.checked ? 'online' : 'in_person';
      if (mode !== t.mode) change.mode = mode;
      if (Object.keys(change).length === 0) return showMessage(form, '没有修改任何内容。');
      save.disabled = true;
      save.textContent = '正在保存…';
      try {
        await patch(`/trainings/${id}`, change);
        if (!isCurrent || isCurrent()) {
          closeEdit();
          await refresh();
          if (setTitle) setTitle(training.title, '培训登记');
          toast(`已保存对「${training.title}」的修改`);
          editBtn.focus();
        }
      } catch (e) {
        showError(form, e);
      } finally {
        save.disabled = false;
        save.textContent = '保存修改';
      }
    });
    return h('section', { class: 'panel edit-training', id: 't-edit-panel', 'aria-labelledby': 'edit-title' },
      h('h2', { id: 'edit-title' }, '编辑培训'), form);
  }

  // 删除培训: one confirmation; when attendance is recorded (the server says how many, of every
  // unit: 409 training_has_attendance), a second one naming that count, with a box to tick.
  async function deleteTraining() {
    const ok = await confirmDialog({
      title: '删除培训',
      body: h('p', {}, `删除培训「${training.title}」（编号 ${training.id}）？删除后不能恢复。`),
      confirmText: '删除培训', danger: true,
    });
    if (!ok) return;
    try {
      await del(`/trainings/${id}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.rule === 'training_has_attendance')) { toast(`删除失败：${e.zh || e.message}`, 'error'); return; }
      const count = Number((e.params || {}).count) || 0;
      const again = await confirmDialog({
        title: `同时删除 ${count} 条参训记录？`,
        body: [h('p', {}, `培训「${training.title}」已登记 ${count} 条参训记录（含其他单位登记的）。`),
          h('p', { class: 'warn' }, `删除这次培训会同时删除这 ${count} 条参训记录，相关人员的学时随之减少。删除后不能恢复。`)],
        check: `我已了解：一并删除 ${count} 条参训记录`,
        confirmText: `删除培训及 ${count} 条参训记录`, danger: true,
      });
      if (!again) return;
      try {
        await del(`/trainings/${id}?with_attendance=true`);
      } catch (e2) {
        toast(`删除失败：${e2.zh || e2.message}`, 'error');
        return;
      }
    }
    toast(`已删除培训「${training.title}」`, 'ok', { carry: true });
    go(`#/trainings?year=${training.year}`);
  }

  function drawAttendees() {
    const rows = training.attendees.map((a) => {
      const editBtnA = h('button', { type: 'button', class: 'link', 'aria-label': `修改学时（${a.name}）`, 'aria-expanded': 'false' }, '修改学时');
      const tr = h('tr', { dataset: { attendee: a.officer_id } },
        h('td', { 'data-label': '姓名' }, h('a', { href: `#/officers/${a.officer_id}` }, a.name)),
        h('td', { 'data-label': '单位' }, (list.find((u) => u.id === a.unit_id) || {}).name || ''),
        h('td', { 'data-label': '计入学时', class: 'att-hours' }, hoursText(a.hours)),
        h('td', { class: 'att-actions' }, editBtnA,
          h('button', { type: 'button', class: 'link danger-link', 'aria-label': `移除 ${a.name}`, onclick: () => removeOne(a) }, '移除')));
      editBtnA.addEventListener('click', () => toggleCredit(a, tr, editBtnA));
      return tr;
    });
    clear(attendeesHost, h('section', { class: 'panel', 'aria-labelledby': 'att-title' },
      h('h2', { id: 'att-title' }, `已登记参训人员（${training.attendees.length} 人）`),
      training.attendees.length === 0 ? h('p', { class: 'muted' }, '尚未登记参训人员。') :
        h('table', { class: 'table stack attendees-table' }, h('thead', {}, h('tr', {}, h('th', {}, '姓名'), h('th', {}, '单位'), h('th', {}, '计入学时'), h('th', {}, h('span', { class: 'sr-only' }, '操作')))),
          h('tbody', {}, rows))));
  }

  // 修改学时 of one attendee: the categories of the session (and any credited), pre-filled with the
  // recorded credit; the changed ones are sent (PATCH …/attendance/{officer_id}); the row then shows
  // the credit the server recorded.
  function toggleCredit(a, tr, btn) {
    const open = tr.nextElementSibling && tr.nextElementSibling.classList.contains('att-edit') ? tr.nextElementSibling : null;
    if (open) { open.remove(); btn.setAttribute('aria-expanded', 'false'); return; }
    const cats = CATS.filter((c) => training.hours[c] > 0 || a.hours[c] > 0);
    const inputs = Object.fromEntries(cats.map((c) => [c, h('input', { type: 'number', min: '0', max: String(training.hours[c]), step: '0.5', inputmode: 'decimal',
      id: `ce-${a.officer_id}-${c}`, name: `hours.${c}`, value: String(a.hours[c]) })]));
    const save = h('button', { type: 'submit' }, '保存');
    const cancel = h('button', { type: 'button', class: 'secondary' }, '取消');
    const form = h('form', { class: 'credit-form', novalidate: true, 'aria-label': `修改 ${a.name} 的计入学时` },
      h('div', { class: 'credit-fields' }, cats.map((c) => h('div', { class: 'field', dataset: { field: `hours.${c}` } },
        h('label', { for: inputs[c].id }, `${CATEGORY[c]}（本培训 ${fmtHours(training.hours[c])}）`), inputs[c]))),
      h('div', { class: 'actions left' }, save, cancel));
    const row = h('tr', { class: 'att-edit', dataset: { attendeeEdit: a.officer_id } }, h('td', { colspan: '4' }, form));
    const close = () => { row.remove(); btn.setAttribute('aria-expanded', 'false'); btn.focus(); };
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const hours = {};
      for (const c of cats) {
        const v = inputs[c].value.trim() === '' ? NaN : Number(inputs[c].value);
        if (inputs[c].validity.badInput || !Number.isFinite(v)) return showMessage(form, `${CATEGORY[c]}学时须为数字（0.5 的整数倍）`, `hours.${c}`);
        if (v !== a.hours[c]) hours[c] = v;
      }
      if (Object.keys(hours).length === 0) return showMessage(form, '学时没有变化。');
      save.disabled = true;
      try {
        const res = await patch(`/trainings/${id}/attendance/${a.officer_id}`, { hours });
        a.hours = res.hours;
        tr.querySelector('.att-hours').textContent = hoursText(res.hours);
        close();
        toast(`已将 ${a.name} 的计入学时改为 ${hoursText(res.hours)}`);
      } catch (e) {
        showError(form, e);
      } finally {
        save.disabled = false;
      }
    });
    tr.after(row);
    btn.setAttribute('aria-expanded', 'true');
    const first = inputs[cats[0]];
    if (first) first.focus();
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
  // 导入签到表 of this training: the file needs no 培训编号 column (the page fills it in).
  main.querySelector('.training-import').replaceWith(csvImportPanel({
    id: 'imp-tr', title: '导入本培训的签到表', endpoint: '/imports/attendance', columns: ATTENDANCE_COLUMNS,
    fill: { column: 'training_id', value: String(training.id), label: `本培训的编号 ${training.id}` },
    intro: `把本培训的签到表导入为参训记录：每行一人。文件不必有“培训编号”列；有该列时须为本培训的编号 ${training.id}（空白处自动填入）。已登记的同一人会被跳过。`,
    sample: '序号,姓名,身份证号,公共法律知识,业务知识,政治理论,签名\n1,张三,450702199001011234,,,,\n2,李四,450702198805052345,2,,,',
    onDone: () => refresh(),
  }));
  training.attendees.forEach((a) => attending.add(a.officer_id));
  drawAttendees();
  await picker.load();
}

// The note under the end date of a form: shown while the end date is after today.
function notEndedNote(endInput) {
  const el = h('p', { class: 'not-ended wide', role: 'note', 'aria-live': 'polite', hidden: true });
  const update = () => {
    const today = session.today || beijingToday();
    const show = !!endInput.value && endInput.value > today;
    el.hidden = !show;
    el.textContent = show ? notEndedText(endInput.value) : '';
  };
  endInput.addEventListener('input', update);
  endInput.addEventListener('change', update);
  update();
  return { el, update };
}

function attendeePicker(host, { list, home, training, attending, onSaved }) {
  const unitSel = h('select', { id: 'p-unit', name: 'unit_id' }, unitOptions(list, home));
  const sub = h('input', { type: 'checkbox', id: 'p-sub', checked: true });
  const search = h('input', { id: 'p-q', type: 'search', name: 'q', placeholder: '姓名或身份证号' });
  const selectAll = h('button', { type: 'button', class: 'secondary', id: 'p-all' }, '全选列表');
  const selectNone = h('button', { type: 'button', class: 'secondary', id: 'p-none' }, '清除选择');
  const countEl = h('span', { class: 'sel-count', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', id: 'p-save' }, '登记所选人员');
  // Scrolls on its own: focusable, so that a keyboard can scroll it even when every row is already registered.
  const listEl = h('div', { class: 'pick-list', role: 'group', 'aria-label': '可选人员', tabindex: '0' });
  const statusEl = h('div', { class: 'pick-status' });
  // 已选人员: everyone chosen, whatever unit or search the list above shows now, each with the hours
  // credited — the session's, or a partial credit typed right there (what 部分学时 opens in a row).
  const sessionCats = CATS.filter((c) => training.hours[c] > 0);
  const chosenTitle = h('h3', { id: 'chosen-title' }, '已选人员');
  const chosenBody = h('tbody');
  const chosenEl = h('section', { class: 'chosen', 'aria-labelledby': 'chosen-title', hidden: true },
    chosenTitle,
    h('p', { class: 'hint' }, `每人默认计入本次培训的全部学时（${hoursText(training.hours)}）；只参加了部分课程的，直接改写其学时（0.5 的倍数）。`),
    h('div', { class: 'chosen-scroll', tabindex: '0', role: 'region', 'aria-label': '已选人员及计入学时' },
      h('table', { class: 'table stack chosen-table' },
        h('thead', {}, h('tr', {}, h('th', {}, '姓名'), h('th', {}, '单位'),
          sessionCats.map((c) => h('th', {}, `${CATEGORY[c]}（最多 ${fmtHours(training.hours[c])}）`)),
          h('th', {}, h('span', { class: 'sr-only' }, '操作')))),
        chosenBody)));
  const form = h('form', { class: 'panel picker', novalidate: true, 'aria-labelledby': 'pick-title' },
    h('h2', { id: 'pick-title' }, '勾选参训人员'),
    h('div', { class: 'filters' },
      field('单位', unitSel, { fieldName: 'unit_id' }),
      h('div', { class: 'field check' }, sub, h('label', { for: 'p-sub' }, '含下级单位')),
      field('搜索', search, { fieldName: 'q' })),
    h('div', { class: 'actions left' }, selectAll, selectNone, countEl),
    h('p', { class: 'hint' }, '默认按本次培训的全部学时计入；个别人员只参加了部分课程时，在下方“已选人员”中改写其学时，或点“部分学时”填写。'),
    listEl, statusEl, chosenEl,
    h('div', { class: 'actions' }, save));
  clear(host, form);

  const selected = new Map(); // officer_id -> {name, unit_name, hours?, raw?}
  const entry = (o) => ({ name: o.name, unit_name: o.unit_name || '' });
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

  // A record the server refused (422/404 naming records[i]): officer_id -> {cat, text, detail}. Kept
  // across redraws until that row is edited or the list is sent again.
  const rowErrors = new Map();
  const fieldCat = (f) => { const m = /^records\[\d+\]\.(?:hours\.)?(legal|business|political)$/.exec(f || ''); return m ? m[1] : ''; };

  function row(o) {
    const already = attending.has(o.id);
    const s = selected.get(o.id);
    const err = already ? null : rowErrors.get(o.id);
    const errId = `pe-${o.id}`;
    const cb = h('input', { type: 'checkbox', id: `o-${o.id}`, checked: already || !!s, disabled: already, dataset: { officer: o.id },
      'aria-invalid': err && !err.cat ? 'true' : null, 'aria-describedby': err && !err.cat ? errId : null });
    const partialBtn = h('button', { type: 'button', class: 'link', hidden: already, 'aria-expanded': 'false' }, '部分学时');
    // Every category the session has, pre-filled with what is credited now: the session's hours, or
    // what was typed (kept as typed, even when the server refused it). A blank is the session's hours
    // and is shown as such.
    const partial = h('div', { class: 'partial', hidden: true, dataset: { field: `partial-${o.id}` } },
      CATS.filter((c) => training.hours[c] > 0).map((c) => {
        const typed = s && s.raw && s.raw[c] !== undefined ? s.raw[c] : String(training.hours[c]);
        const bad = err && err.cat === c;
        const inp = h('input', { type: 'number', min: '0', max: String(training.hours[c]), step: '0.5', inputmode: 'decimal',
          id: `ph-${o.id}-${c}`, value: typed, dataset: { cat: c }, 'aria-invalid': bad ? 'true' : null, 'aria-describedby': bad ? errId : null });
        inp.addEventListener('input', () => { clearRowError(o.id, rowEl); setPartial(o, partial); mirrorChosen(o.id); });
        inp.addEventListener('change', () => {
          if (inp.value.trim() === '' && !inp.validity.badInput) { inp.value = String(training.hours[c]); setPartial(o, partial); mirrorChosen(o.id); }
        });
        return h('span', { class: 'ph' }, h('label', { for: inp.id }, `${CATEGORY[c]}（最多 ${fmtHours(training.hours[c])}）`), inp);
      }));
    partialBtn.addEventListener('click', () => {
      partial.hidden = !partial.hidden;
      partialBtn.setAttribute('aria-expanded', String(!partial.hidden));
      if (!partial.hidden) { cb.checked = true; if (!selected.has(o.id)) selected.set(o.id, entry(o)); setPartial(o, partial); }
      else { const x = selected.get(o.id); if (x) delete x.hours; clearRowError(o.id, rowEl); }
      updateCount();
      mirrorChosen(o.id);
    });
    cb.addEventListener('change', () => {
      if (cb.checked) selected.set(o.id, entry(o)); else selected.delete(o.id);
      if (!cb.checked) { partial.hidden = true; partialBtn.setAttribute('aria-expanded', 'false'); clearRowError(o.id, rowEl); }
      updateCount();
    });
    if (s && s.hours) { partial.hidden = false; partialBtn.setAttribute('aria-expanded', 'true'); }
    const rowEl = h('div', { class: 'pick-row' + (already ? ' done' : '') + (err ? ' has-error' : ''), dataset: { officerRow: o.id } },
      cb, h('label', { for: cb.id }, h('span', { class: 'pname' }, o.name), h('span', { class: 'muted' }, ` ${o.unit_name || ''}`),
        already ? h('span', { class: 'chip chip-met' }, '已登记') : null),
      partialBtn, partial,
      err ? h('div', { class: 'field-error row-error', id: errId, role: 'alert' }, err.text, err.detail ? h('div', { class: 'err-detail' }, err.detail) : null) : null);
    return rowEl;
  }

  function clearRowError(id, rowEl) {
    if (!rowErrors.delete(id)) return;
    for (const el of [rowEl, chosenRows.get(id)]) {
      if (!el) continue;
      el.classList.remove('has-error');
      el.querySelectorAll('.row-error').forEach((e) => e.remove());
      el.querySelectorAll('[aria-invalid]').forEach((e) => { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); });
    }
  }

  // What a set of inputs credits (a row's open partial form, or the person's line in 已选人员): a
  // number per category (blank = the session's hours), and the text as typed, shown again when the
  // list is redrawn.
  function creditFrom(id, inputs, fallback) {
    const hours = {};
    const raw = {};
    inputs.forEach((i) => {
      const c = i.dataset.cat;
      raw[c] = i.value;
      hours[c] = i.validity.badInput ? NaN : i.value.trim() === '' ? training.hours[c] : Number(i.value);
    });
    const x = selected.get(id) || fallback;
    x.hours = hours;
    x.raw = raw;
    selected.set(id, x);
  }
  function setPartial(o, partial) { creditFrom(o.id, partial.querySelectorAll('input'), entry(o)); }

  // 已选人员, kept in step with `selected`: a line per person, in the order chosen.
  const chosenRows = new Map(); // officer_id -> tr
  const isPartial = (s) => !!s.hours && sessionCats.some((c) => s.hours[c] !== training.hours[c]);
  function chosenRow(id, s) {
    const err = rowErrors.get(id);
    const msgId = `ce-msg-${id}`;
    const inputs = sessionCats.map((c) => {
      const bad = err && err.cat === c;
      const inp = h('input', { type: 'number', min: '0', max: String(training.hours[c]), step: '0.5', inputmode: 'decimal', id: `pc-${id}-${c}`,
        value: s.hours && s.raw && s.raw[c] !== undefined ? s.raw[c] : String(training.hours[c]), dataset: { cat: c },
        'aria-label': `${s.name} ${CATEGORY[c]}`, 'aria-invalid': bad ? 'true' : null, 'aria-describedby': bad ? msgId : null });
      return inp;
    });
    const changed = () => {
      clearRowError(id, listEl.querySelector(`[data-officer-row="${id}"]`));
      creditFrom(id, inputs, { name: s.name, unit_name: s.unit_name });
      mirrorRow(id);
      tr.classList.toggle('is-partial', isPartial(selected.get(id)));
    };
    inputs.forEach((inp) => {
      inp.addEventListener('input', changed);
      inp.addEventListener('change', () => { if (inp.value.trim() === '' && !inp.validity.badInput) { inp.value = String(training.hours[inp.dataset.cat]); changed(); } });
    });
    const remove = h('button', { type: 'button', class: 'link', 'aria-label': `移出 ${s.name}`, title: '不再选择此人' }, '移出');
    remove.addEventListener('click', () => {
      selected.delete(id);
      rowErrors.delete(id);
      const rowEl = listEl.querySelector(`[data-officer-row="${id}"]`);
      if (rowEl) rowEl.replaceWith(row(officers.find((o) => o.id === id)));
      updateCount();
      save.focus();
    });
    const tr = h('tr', { class: (isPartial(s) ? 'is-partial' : '') + (err ? ' has-error' : ''), dataset: { chosen: id } },
      h('td', { 'data-label': '姓名' }, h('span', { class: 'pname' }, s.name), h('span', { class: 'chip chip-partial' }, '部分学时')),
      h('td', { 'data-label': '单位', class: 'muted' }, s.unit_name || ''),
      sessionCats.map((c, i) => h('td', { 'data-label': `${CATEGORY[c]}（最多 ${fmtHours(training.hours[c])}）`, class: 'chosen-h' }, inputs[i])),
      h('td', { class: 'chosen-act' }, remove,
        err ? h('div', { class: 'field-error row-error', id: msgId }, err.text) : null));
    return tr;
  }
  function syncChosen({ redraw = false } = {}) {
    if (redraw) { chosenBody.replaceChildren(); chosenRows.clear(); }
    for (const [id, tr] of chosenRows) if (!selected.has(id)) { tr.remove(); chosenRows.delete(id); }
    const add = [];
    for (const [id, s] of selected) if (!chosenRows.has(id)) { const tr = chosenRow(id, s); chosenRows.set(id, tr); add.push(tr); }
    if (add.length) chosenBody.append(...add);
    chosenEl.hidden = selected.size === 0;
    chosenTitle.textContent = `已选人员（${selected.size} 人）`;
  }
  // A row's partial form changed (or closed): the person's line in 已选人员 shows the same credit.
  function mirrorChosen(id) {
    const tr = chosenRows.get(id);
    const s = selected.get(id);
    if (!tr || !s) return;
    for (const inp of tr.querySelectorAll('input')) {
      const c = inp.dataset.cat;
      const v = s.hours && s.raw && s.raw[c] !== undefined ? s.raw[c] : String(training.hours[c]);
      if (inp.value !== v) inp.value = v;
    }
    tr.classList.toggle('is-partial', isPartial(s));
  }
  // A line of 已选人员 changed: the person's row above (when listed) opens 部分学时 with the same values.
  function mirrorRow(id) {
    const rowEl = listEl.querySelector(`[data-officer-row="${id}"]`);
    const s = selected.get(id);
    if (!rowEl || !s) return;
    const partial = rowEl.querySelector('.partial');
    const btn = rowEl.querySelector('button.link');
    if (partial && partial.hidden) { partial.hidden = false; if (btn) btn.setAttribute('aria-expanded', 'true'); }
    for (const inp of rowEl.querySelectorAll('.partial input')) {
      const v = s.raw && s.raw[inp.dataset.cat] !== undefined ? s.raw[inp.dataset.cat] : String(training.hours[inp.dataset.cat]);
      if (inp.value !== v) inp.value = v;
    }
  }

  function updateCount() {
    countEl.textContent = `已选 ${selected.size} 人`;
    save.textContent = selected.size ? `登记所选 ${selected.size} 人` : '登记所选人员';
    save.disabled = selected.size === 0;
    syncChosen();
  }

  selectAll.addEventListener('click', () => {
    for (const o of officers) if (!attending.has(o.id) && !selected.has(o.id)) selected.set(o.id, entry(o));
    listEl.querySelectorAll('input[type=checkbox]:not(:disabled)').forEach((c) => { c.checked = true; });
    updateCount();
  });
  selectNone.addEventListener('click', () => {
    selected.clear();
    rowErrors.clear();
    draw();
  });
  unitSel.addEventListener('change', load);
  sub.addEventListener('change', load);
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (rowErrors.size) { rowErrors.clear(); syncChosen({ redraw: true }); }
    listEl.querySelectorAll('.pick-row.has-error').forEach((r) => r.classList.remove('has-error'));
    const ids = [...selected.keys()];
    if (ids.length === 0) return showMessage(form, '请先勾选参训人员');
    // Not a number (the browser keeps no value for it): said here, in the row, before anything is sent.
    for (const id of ids) {
      const s = selected.get(id);
      const c = s.hours && CATS.find((k) => k in s.hours && !Number.isFinite(s.hours[k]));
      if (c) rowErrors.set(id, { cat: c, text: `${s.name}：${CATEGORY[c]}学时须为数字（0.5 的整数倍）`, detail: '' });
    }
    if (rowErrors.size) {
      draw();
      syncChosen({ redraw: true });
      showMessage(form, '部分学时填写有误，请更正标出的人员后再登记。');
      const bad = listEl.querySelector('[aria-invalid="true"]') || chosenBody.querySelector('[aria-invalid="true"]');
      if (bad) bad.focus();
      return;
    }
    const records = ids.map((officer_id) => {
      const s = selected.get(officer_id);
      const r = { officer_id };
      if (s.hours) {
        // Only what differs from the session's hours is sent (omitted = the session's): exactly what the row shows.
        const hours = {};
        for (const [c, v] of Object.entries(s.hours)) if (v !== training.hours[c]) hours[c] = v;
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
          // Point at the person the API names (records[i] of this batch): the row keeps what was typed,
          // the refused field is marked, and the server's own message for that record is shown there.
          const m = /^records\[(\d+)\]/.exec(e.field || '');
          const rec = m && e instanceof ApiError ? batch[+m[1]] : null;
          if (rec) {
            const name = (selected.get(rec.officer_id) || {}).name || `人员 ${rec.officer_id}`;
            const said = e.serverMessage ? e.message : e.zh;
            rowErrors.set(rec.officer_id, { cat: fieldCat(e.field), text: `${name}：${said}`, detail: `${e.rule || e.code} · ${e.field}` });
            showMessage(form, `${added ? `已登记 ${added} 人；` : ''}其余未登记：${name}：${said}。请更正后再次点击登记。`);
          } else {
            showError(form, e);
            if (added) form.querySelector('.form-error').prepend(h('p', {}, `已登记 ${added} 人，其余未登记。`));
          }
          statusEl.replaceChildren();
          await onSaved();
          updateCount();
          syncChosen({ redraw: true });
          if (rec) {
            // The row in the list above when it is listed, else the person's line in 已选人员.
            const rowEl = listEl.querySelector(`[data-officer-row="${rec.officer_id}"]`) || chosenRows.get(rec.officer_id);
            if (rowEl) {
              rowEl.scrollIntoView({ block: 'center' });
              const bad = rowEl.querySelector('[aria-invalid="true"]');
              if (bad) bad.focus({ preventScroll: true });
            }
          }
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
