// 账号与安全 (every user): change one's own password; log out on every device.
// While the account must change its password (an administrator's reset, or a new account made
// so), this is the only page the user can reach (app.js), and it calls nothing but PUT /me/password:
// every other call would be refused with 403 password_change_required.
import { put, del } from '../api.js';
import { h, clear, field, showError, showMessage, clearErrors, toast, confirmDialog, ROLE } from '../ui.js';
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
      h('div', { class: 'actions left' }, everywhere)));
  current.focus();
}
