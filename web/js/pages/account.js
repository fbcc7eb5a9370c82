// 账号与安全 (every user): change one's own password; log out on every device; the private
// calendar feed (GET /me/calendar) to subscribe to in a phone's calendar, and its reset.
// While the account must change its password (an administrator's reset, or a new account made
// so), this is the only page the user can reach (app.js), and it calls nothing but PUT /me/password:
// every other call would be refused with 403 password_change_required.
import { get, post, put, del } from '../api.js';
import { h, clear, field, showError, showMessage, clearErrors, toast, confirmDialog, errorText, ROLE } from '../ui.js';
import { session, homeFor, go } from '../state.js';

const utf8Bytes = (s) => new TextEncoder().encode(s).length;

export const FORCED_NOTICE = '管理员已重置您的密码，请先设置新密码';

export async function accountPage(main, { user }) {
  const forced = !!user.must_change_password;
  // The username travels with the form so that password managers store the new password for it.
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', value: user.username, readonly: true, hidden: true, tabindex: '-1' });
  const current = h('input', { id: 'pw-current', name: 'current_password', type: 'password', autocomplete: 'current-password', required: true });
  const fresh = h('input', { id: 'pw-new', name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
  const repeat = h('input', { id: 'pw-repeat', name: 'repeat_password', type: 'password', autocomplete: 'new-password', required: true });
  const btn = h('button', { type: 'submit' }, '修改密码');
  const form = h('form', { class: 'panel pw-form', novalidate: true, 'aria-labelledby': 'pw-title' },
    h('h2', { id: 'pw-title' }, forced ? '设置新密码' : '修改密码'),
    username,
    field(forced ? '当前密码（管理员告诉您的临时密码）' : '当前密码', current, { fieldName: 'current_password' }),
    field('新密码', fresh, { fieldName: 'new_password', hint: '至少 8 个字符；不能是常见密码（如 password123、12345678），不能与用户名相同' }),
    field('再次输入新密码', repeat, { fieldName: 'repeat_password' }),
    h('p', { class: 'hint' }, '修改后，您在其他设备上的登录将全部退出，本机保持登录。'),
    h('div', { class: 'actions left' }, btn));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!current.value) return showMessage(form, '请输入当前密码', 'current_password');
    if (!fresh.value) return showMessage(form, '请输入新密码', 'new_password');
    if (utf8Bytes(fresh.value) < 8) return showMessage(form, '新密码太短：至少 8 个字符', 'new_password');
    if (fresh.value !== repeat.value) return showMessage(form, '两次输入的新密码不一致', 'repeat_password');
    btn.disabled = true;
    btn.textContent = '正在修改…';
    try {
      await put('/me/password', { current_password: current.value, new_password: fresh.value });
      for (const i of [current, fresh, repeat]) i.value = '';
      if (session.user) session.user.must_change_password = false;
      toast('密码已修改，其他设备上的登录已退出', 'ok', { carry: forced });
      if (forced) { go(homeFor(session.user || user)); return; }
    } catch (e) {
      if (e.status === 401) return; // the session ended: app.js shows the login page
      if (e.rule === 'login_throttled') {
        const mins = Math.max(1, Math.ceil((+e.retryAfter || 900) / 60));
        showMessage(form, `当前密码输错次数过多，请 ${mins} 分钟后再试`, 'current_password');
      } else {
        showError(form, e);
      }
      if (e.field === 'new_password') { fresh.value = ''; repeat.value = ''; fresh.focus(); }
    } finally {
      btn.disabled = false;
      btn.textContent = '修改密码';
    }
  });

  const everywhere = h('button', { type: 'button', class: 'danger', id: 'logout-everywhere' }, '退出所有设备');
  everywhere.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: '退出所有设备？',
      body: '您在所有设备（包括本机）上的登录都将立即退出，之后需要重新登录。',
      confirmText: '全部退出', danger: true,
    });
    if (!ok) return;
    everywhere.disabled = true;
    try {
      await del('/me/sessions');
    } catch (e) {
      if (e.status !== 401) { everywhere.disabled = false; toast(e.zh || String(e), 'error'); return; }
    }
    session.user = null;
    session.units = null;
    localStorage.removeItem('certhours.loggedIn');
    toast('已在所有设备上退出登录，请重新登录', 'ok', { carry: true });
    go('#/login');
  });

  clear(main,
    h('h1', {}, '账号与安全'),
    forced ? h('p', { class: 'warn forced-notice', role: 'alert' }, h('strong', {}, FORCED_NOTICE),
      '。设置后才能继续使用系统。') : null,
    h('section', { class: 'panel account-facts' },
      h('dl', { class: 'facts' },
        h('dt', {}, '用户名'), h('dd', {}, user.username),
        h('dt', {}, '角色'), h('dd', {}, ROLE[user.role] || user.role))),
    form,
    // While a change is required the server refuses DELETE /me/sessions (and the reset ended every session already).
    forced ? null : h('section', { class: 'panel', 'aria-labelledby': 'ev-title' },
      h('h2', { id: 'ev-title' }, '退出所有设备'),
      h('p', { class: 'muted' }, '在所有设备（手机、办公电脑等，包括本机）上退出登录。如怀疑密码已泄露，请先修改密码。'),
      h('div', { class: 'actions left' }, everywhere)),
    forced ? null : calendarPanel(user));
  current.focus();
}

// What the feed holds, as the server decides it per role (docs/api.md "GET /calendar/{secret}.ics").
const FEED_HOLDS = {
  officer: '您的执法证到期日（提前 30 天提醒）和您参加的培训日期',
  hr: '所管理单位 12 个月内到期的执法证，以及这些单位组织的培训日期',
  admin: '全市 12 个月内到期的执法证，以及各单位组织的培训日期',
};

// 日历订阅: the feed's private address, copied into a calendar app; 重置 makes a new one and the
// old stops working at once.
function calendarPanel(user) {
  const url = h('input', { id: 'cal-url', type: 'text', readonly: true, value: '', 'aria-describedby': 'cal-secret' });
  const copy = h('button', { type: 'button', id: 'cal-copy', disabled: true }, '复制地址');
  const open = h('a', { class: 'button secondary', id: 'cal-open', href: '#', hidden: true }, '在日历应用中打开');
  const reset = h('button', { type: 'button', class: 'danger', id: 'cal-reset', disabled: true }, '重置订阅地址');
  const status = h('p', { class: 'muted', id: 'cal-status', role: 'status' }, '正在获取订阅地址…');
  const panel = h('section', { class: 'panel calendar-feed', 'aria-labelledby': 'cal-title', dataset: { state: 'loading' } },
    h('h2', { id: 'cal-title' }, '日历订阅'),
    h('p', {}, `把${FEED_HOLDS[user.role] || '相关日期'}加入手机或电脑的日历，日期变化时日历会自动更新。`),
    field('订阅地址', url),
    h('p', { class: 'hint', id: 'cal-secret' }, '这个地址相当于一把钥匙：知道它的人不用登录就能看到这些日期。请勿转发；如已泄露，请重置。'),
    h('div', { class: 'actions left' }, copy, open, reset),
    status,
    h('details', { class: 'cal-howto' }, h('summary', {}, '如何订阅'),
      h('ul', {},
        h('li', {}, 'iPhone：点“在日历应用中打开”，或在 设置 › 日历 › 账户 › 添加账户 › 其他 › 添加已订阅的日历 中粘贴地址。'),
        h('li', {}, '安卓手机与电脑：在日历应用（如 Outlook、Google 日历）中选择“从网址添加日历/订阅日历”，粘贴地址。'))));

  function show(address) {
    url.value = address.url;
    // webcal:// asks the phone to subscribe (only for an absolute http(s) address).
    const web = /^https?:\/\//.test(address.url) ? address.url.replace(/^https?:/, 'webcal:') : null;
    open.hidden = !web;
    if (web) open.href = web;
    copy.disabled = false;
    reset.disabled = false;
    panel.dataset.state = 'ready';
  }

  get('/me/calendar').then((a) => { show(a); status.textContent = ''; }, (e) => {
    if (e.status === 401) return;
    panel.dataset.state = 'error';
    status.textContent = '订阅地址暂时无法获取：' + errorText(e);
  });

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url.value);
      status.textContent = '地址已复制，请到日历应用中粘贴。';
    } catch {
      url.select(); // no clipboard permission: selected for 复制 by hand
      status.textContent = '请长按或按 Ctrl+C 复制已选中的地址。';
    }
  });

  reset.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: '重置订阅地址？',
      body: '旧地址将立即失效，已订阅的日历不再更新；之后请用新地址重新订阅。',
      confirmText: '重置', danger: true,
    });
    if (!ok) return;
    reset.disabled = true;
    try {
      show(await post('/me/calendar/reset', {}));
      status.textContent = '已生成新地址，旧地址已失效。';
    } catch (e) {
      if (e.status === 401) return;
      reset.disabled = false;
      status.textContent = '重置失败：' + errorText(e);
    }
  });
  return panel;
}
