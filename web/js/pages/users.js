// 用户管理 (admin): every account with its role, unit or officer, state, whether it must change its
// password and its last login; a new account; disable / enable; reset a password.
import { get, getAll, post, patch, qs } from '../api.js';
import {
  h, clear, field, showError, showMessage, clearErrors, errorPanel, errorText, loading, toast, confirmDialog,
  unitOptions, fmtDateTime, ROLE,
} from '../ui.js';
import { units, session } from '../state.js';

const utf8Bytes = (s) => new TextEncoder().encode(s).length;
const USERNAME_RE = /^[A-Za-z0-9_.-]+$/;

// A temporary password for the administrator to hand over: 12 characters, none easily confused.
export function randomPassword() {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const marks = '#@%+=';
  const all = letters + digits + marks;
  const r = crypto.getRandomValues(new Uint32Array(12));
  const out = [...r].map((n) => all[n % all.length]);
  out[3] = digits[r[3] % digits.length];
  out[7] = marks[r[7] % marks.length];
  return out.join('');
}


// Officer names for the officer accounts: one GET each while they are few, the whole list beyond.
async function officerNames(ids) {
  const names = new Map();
  if (ids.length === 0) return names;
  if (ids.length > 40) {
    for (const o of (await getAll('/officers')).items) names.set(o.id, o);
    return names;
  }
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try { names.set(id, await get(`/officers/${id}`)); } catch { /* shown as 人员 #id */ }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, ids.length) }, worker));
  return names;
}

export async function usersPage(main, { isCurrent }) {
  const unitList = await units();
  const unitName = new Map(unitList.map((u) => [u.id, u.name]));
  const me = session.user;

  const search = h('input', { id: 'us-q', type: 'search', placeholder: '输入用户名', autocomplete: 'off' });
  const roleSel = h('select', { id: 'us-role' }, h('option', { value: '' }, '全部'),
    Object.entries(ROLE).map(([k, v]) => h('option', { value: k }, v)));
  const stateSel = h('select', { id: 'us-state' }, h('option', { value: '' }, '全部'),
    h('option', { value: 'on' }, '启用'), h('option', { value: 'off' }, '停用'), h('option', { value: 'must' }, '需改密码'));
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    field('按用户名查找', search), field('按角色筛选', roleSel), field('按状态筛选', stateSel));
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const create = newUserPanel(unitList, () => load());

  clear(main,
    h('div', { class: 'page-head' }, h('h1', {}, '用户管理'),
      h('p', { class: 'muted' }, '系统的登录账号：新建账号、停用或启用、为忘记密码的用户重置密码。每项操作都记入审计日志。')),
    create, filters, results);

  let users = [];
  let names = new Map();
  let seq = 0;
  async function load() {
    const my = ++seq;
    clear(results, loading('正在加载用户…'));
    try {
      users = (await getAll('/users')).items;
      const officerIds = [...new Set(users.filter((u) => u.officer_id).map((u) => u.officer_id))];
      const missing = officerIds.filter((id) => !names.has(id));
      if (missing.length) for (const [k, v] of await officerNames(missing)) names.set(k, v);
    } catch (e) {
      if (my === seq) clear(results, errorPanel(e, load));
      return;
    }
    if (my !== seq || !isCurrent()) return;
    draw();
  }

  function linkCell(u) {
    if (u.role === 'hr') return u.unit_id ? (unitName.get(u.unit_id) || `单位 #${u.unit_id}`) : '—';
    if (u.role === 'officer') {
      const o = names.get(u.officer_id);
      if (!o) return u.officer_id ? `人员 #${u.officer_id}` : '—';
      return h('span', {}, h('a', { href: `#/officers/${o.id}` }, o.name),
        o.unit_name ? h('span', { class: 'muted' }, `（${o.unit_name}）`) : null,
        o.status === 'left' ? h('span', { class: 'chip chip-left' }, '已离岗') : null);
    }
    return '全部单位';
  }

  function draw() {
    const q = search.value.trim().toLowerCase();
    const rows = users.filter((u) => (!q || u.username.toLowerCase().includes(q)) && (!roleSel.value || u.role === roleSel.value) &&
      (!stateSel.value || (stateSel.value === 'on' && !u.disabled) || (stateSel.value === 'off' && u.disabled) ||
        (stateSel.value === 'must' && u.must_change_password)));
    const disabledCount = users.filter((u) => u.disabled).length;
    clear(results, h('section', { class: 'panel' },
      h('p', { class: 'muted users-count' }, `共 ${users.length} 个账号` + (disabledCount ? `，其中 ${disabledCount} 个已停用` : '') +
        (rows.length !== users.length ? `；显示 ${rows.length} 个` : '')),
      rows.length === 0 ? h('p', { class: 'muted' }, '没有符合条件的账号。') :
        h('table', { class: 'table stack users-table' },
          h('thead', {}, h('tr', {}, ['用户名', '角色', '单位 / 人员', '状态', '需改密码', '最近登录', '操作'].map((t) => h('th', {}, t)))),
          h('tbody', {}, rows.map(row)))));
  }

  function row(u) {
    const self = me && u.id === me.id;
    const actions = h('div', { class: 'user-actions' });
    if (self) {
      actions.append(h('span', { class: 'muted' }, '当前登录账号 · '), h('a', { href: '#/account' }, '修改密码'));
    } else {
      actions.append(
        h('button', { type: 'button', class: u.disabled ? 'secondary' : 'secondary danger-text', onclick: () => toggle(u, actions) }, u.disabled ? '启用' : '停用'),
        h('button', { type: 'button', class: 'secondary', onclick: () => resetDialog(u, load) }, '重置密码'));
    }
    return h('tr', { class: u.disabled ? 'user-disabled' : '', dataset: { user: u.id, username: u.username } },
      h('td', { 'data-label': '用户名' }, h('strong', {}, u.username)),
      h('td', { 'data-label': '角色' }, ROLE[u.role] || u.role),
      h('td', { 'data-label': '单位 / 人员' }, linkCell(u)),
      h('td', { 'data-label': '状态' }, h('span', { class: `chip ${u.disabled ? 'user-off' : 'user-on'}` }, u.disabled ? '停用' : '启用')),
      h('td', { 'data-label': '需改密码' }, u.must_change_password ? h('span', { class: 'chip user-must' }, '是') : '否'),
      h('td', { 'data-label': '最近登录', class: 'nowrap' }, u.last_login_at
        ? h('time', { datetime: u.last_login_at, title: '北京时间' }, fmtDateTime(u.last_login_at)) : h('span', { class: 'muted' }, '从未登录')),
      h('td', { 'data-label': '操作' }, actions));
  }

  async function toggle(u, cell) {
    cell.querySelectorAll('.field-error').forEach((e) => e.remove());
    const disable = !u.disabled;
    const ok = await confirmDialog(disable ? {
      title: `停用账号 ${u.username}？`,
      body: h('div', {}, h('p', {}, '停用后：'), h('ul', {},
        h('li', {}, '该用户在所有设备上的登录立即退出；'),
        h('li', {}, '不能再登录（登录时提示“账号已停用”）；'),
        h('li', {}, '账号及其操作记录保留，可以随时重新启用。'))),
      confirmText: '停用', danger: true,
    } : {
      title: `启用账号 ${u.username}？`,
      body: '启用后，该用户可以用原来的密码重新登录。',
      confirmText: '启用',
    });
    if (!ok) return;
    try {
      const saved = await patch(`/users/${u.id}`, { disabled: disable });
      users = users.map((x) => (x.id === u.id ? { ...x, ...saved } : x));
      toast(disable ? `已停用 ${u.username}，其登录已全部退出` : `已启用 ${u.username}`);
      if (isCurrent()) draw();
    } catch (e) {
      if (e.status === 401) return;
      cell.append(h('div', { class: 'field-error', role: 'alert' }, errorText(e)));
    }
  }

  search.addEventListener('input', draw);
  roleSel.addEventListener('change', draw);
  stateSel.addEventListener('change', draw);
  await load();
}

// ---- 新建用户 ----

function newUserPanel(unitList, onCreated) {
  const username = h('input', { id: 'nu-username', name: 'username', required: true, maxlength: '64', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' });
  const role = h('select', { id: 'nu-role', name: 'role' },
    h('option', { value: '' }, '请选择角色'), Object.entries(ROLE).map(([k, v]) => h('option', { value: k }, v)));
  const unit = h('select', { id: 'nu-unit', name: 'unit_id' }, unitOptions(unitList, '', { all: '请选择单位' }));
  const unitField = field('管理的单位（含下级）', unit, { fieldName: 'unit_id', hint: '人事专员只能查看和登记此单位及其下级单位的人员' });
  const picker = officerPicker();
  const password = h('input', { id: 'nu-password', name: 'password', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' });
  const gen = h('button', { type: 'button', class: 'secondary', onclick: () => { password.value = randomPassword(); password.focus(); } }, '随机生成');
  const must = h('input', { id: 'nu-must', name: 'must_change_password', type: 'checkbox', checked: true });
  const btn = h('button', { type: 'submit' }, '新建用户');
  const form = h('form', { class: 'form-grid', novalidate: true },
    field('用户名', username, { fieldName: 'username', hint: '字母、数字和“_”“.”“-”，最多 64 个字符；登录时使用，建立后不能修改' }),
    field('角色', role, { fieldName: 'role' }),
    unitField,
    picker.el,
    h('div', { class: 'field', dataset: { field: 'password' } }, h('label', { for: 'nu-password' }, '初始密码'),
      h('div', { class: 'inline-field' }, password, gen),
      h('div', { class: 'hint' }, '至少 8 个字符，不能是常见密码；请通过安全的方式告诉用户')),
    h('div', { class: 'field check wide' }, must, h('label', { for: 'nu-must' }, '首次登录须修改密码')),
    h('div', { class: 'actions' }, btn));
  const panel = h('details', { class: 'panel new-user', id: 'new-user' }, h('summary', {}, '＋ 新建用户'), form);

  function showLinks() {
    unitField.hidden = role.value !== 'hr';
    picker.el.hidden = role.value !== 'officer';
  }
  role.addEventListener('change', () => { clearErrors(form); showLinks(); });
  showLinks();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const name = username.value.trim();
    if (!name) return showMessage(form, '请填写用户名', 'username');
    if (!USERNAME_RE.test(name)) return showMessage(form, '用户名只能由字母、数字和“_”“.”“-”组成', 'username');
    if (!role.value) return showMessage(form, '请选择角色', 'role');
    if (role.value === 'hr' && !unit.value) return showMessage(form, '人事专员须选择所管理的单位', 'unit_id');
    if (role.value === 'officer' && !picker.value()) return showMessage(form, '执法人员账号须关联一名在岗人员：请先按姓名查找并选择', 'officer_id');
    if (!password.value) return showMessage(form, '请填写初始密码', 'password');
    if (utf8Bytes(password.value) < 8) return showMessage(form, '初始密码太短：至少 8 个字符', 'password');
    const body = { username: name, password: password.value, role: role.value, must_change_password: must.checked };
    if (role.value === 'hr') body.unit_id = +unit.value;
    if (role.value === 'officer') body.officer_id = picker.value();
    btn.disabled = true;
    try {
      const user = await post('/users', body);
      toast(`已新建用户 ${user.username}` + (user.must_change_password ? '（首次登录须修改密码）' : ''));
      username.value = '';
      password.value = '';
      picker.reset();
      await onCreated(user);
    } catch (e) {
      if (e.status !== 401) showError(form, e);  // in Chinese by its rule (api.js RULE_ZH)
    } finally {
      btn.disabled = false;
    }
  });
  return panel;
}

// Choose the officer an officer account belongs to: search by name (or a whole ID number), pick one.
function officerPicker() {
  const q = h('input', { id: 'nu-officer-q', type: 'search', placeholder: '输入姓名或完整身份证号', autocomplete: 'off' });
  const sel = h('select', { id: 'nu-officer', name: 'officer_id' }, h('option', { value: '' }, '请先输入姓名查找'));
  const note = h('div', { class: 'hint', 'aria-live': 'polite' }, '只列出在岗人员');
  const el = h('div', { class: 'field wide officer-pick', dataset: { field: 'officer_id' } },
    h('label', { for: 'nu-officer-q' }, '关联的执法人员'),
    h('div', { class: 'inline-field' }, q, h('label', { class: 'sr-only', for: 'nu-officer' }, '选择人员'), sel), note);
  let seq = 0;
  let timer = null;
  async function find() {
    const my = ++seq;
    const text = q.value.trim();
    if (!text) { clear(sel, h('option', { value: '' }, '请先输入姓名查找')); note.textContent = '只列出在岗人员'; return; }
    note.textContent = '正在查找…';
    try {
      const data = await get('/officers' + qs({ q: text, status: 'active', limit: 50 }));
      if (my !== seq) return;
      if (data.items.length === 0) {
        clear(sel, h('option', { value: '' }, '没有找到在岗人员'));
        note.textContent = `没有找到“${text}”`;
        return;
      }
      clear(sel, data.items.length > 1 ? h('option', { value: '' }, `请选择（找到 ${data.total} 人）`) : null,
        data.items.map((o) => h('option', { value: String(o.id) }, `${o.name}（${o.unit_name || '单位 #' + o.unit_id}）`)));
      note.textContent = data.total > data.items.length ? `共 ${data.total} 人，只显示前 ${data.items.length} 人：请输入更完整的姓名` : `找到 ${data.total} 人`;
    } catch (e) {
      if (my !== seq) return;
      clear(sel, h('option', { value: '' }, '查找失败'));
      note.textContent = errorText(e);
    }
  }
  q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(find, 250); });
  q.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); find(); } });
  return {
    el,
    value: () => (sel.value ? +sel.value : null),
    reset() { q.value = ''; find(); },
  };
}

// ---- 重置密码 ----

function resetDialog(u, onDone) {
  const password = h('input', { id: 'rp-password', name: 'new_password', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' });
  const gen = h('button', { type: 'button', class: 'secondary', onclick: () => { password.value = randomPassword(); password.focus(); } }, '随机生成');
  const submit = h('button', { type: 'submit', class: 'danger' }, '重置密码');
  const cancel = h('button', { type: 'button', class: 'secondary' }, '取消');
  const form = h('form', { novalidate: true, method: 'dialog' },
    h('h2', { id: 'rp-title' }, `重置 ${u.username} 的密码`),
    h('div', { class: 'dialog-body' },
      h('p', {}, '为该用户设置一个临时密码。重置后：'),
      h('ul', {},
        h('li', {}, '该用户在所有设备上的登录立即退出；'),
        h('li', {}, '下次登录时必须先修改密码，才能继续使用系统。')),
      h('div', { class: 'field', dataset: { field: 'new_password' } }, h('label', { for: 'rp-password' }, '临时密码'),
        h('div', { class: 'inline-field' }, password, gen),
        h('div', { class: 'hint' }, '至少 8 个字符，不能是常见密码；请当面或通过电话告诉用户'))),
    h('div', { class: 'actions' }, cancel, submit));
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'rp-title' }, form);
  cancel.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => dlg.remove());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!password.value) return showMessage(form, '请填写临时密码', 'new_password');
    if (utf8Bytes(password.value) < 8) return showMessage(form, '临时密码太短：至少 8 个字符', 'new_password');
    submit.disabled = true;
    try {
      await post(`/users/${u.id}/password`, { new_password: password.value });
      dlg.close();
      toast(`已重置 ${u.username} 的密码：其登录已全部退出，下次登录须修改密码`);
      await onDone();
    } catch (e) {
      if (e.status === 401) { dlg.close(); return; }
      showError(form, e);
    } finally {
      submit.disabled = false;
    }
  });
  document.body.append(dlg);
  dlg.showModal();
  password.focus();
}
