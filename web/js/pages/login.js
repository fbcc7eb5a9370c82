// 登录
import { post } from '../api.js';
import { h, clear, field, showError, showMessage, clearErrors } from '../ui.js';
import { session, homeFor, go } from '../state.js';

export async function loginPage(main) {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const btn = h('button', { type: 'submit' }, '登录');
  const form = h('form', { class: 'panel login', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, '登录'),
    h('p', { class: 'muted' }, '钦州市行政执法人员培训学时管理'),
    field('用户名', user, { fieldName: 'username' }),
    field('密码', pass, { fieldName: 'password' }),
    h('div', { class: 'actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!user.value.trim()) { showMessage(form, '请输入用户名', 'username'); return; }
    if (!pass.value) { showMessage(form, '请输入密码', 'password'); return; }
    btn.disabled = true;
    btn.textContent = '正在登录…';
    try {
      const res = await post('/session', { username: user.value.trim(), password: pass.value }, { quiet401: true });
      localStorage.setItem('certhours.loggedIn', '1');
      session.user = res.user;
      session.units = null;
      go(homeFor(res.user));
    } catch (e) {
      showError(form, e);
      pass.value = '';
      pass.focus();
    } finally {
      btn.disabled = false;
      btn.textContent = '登录';
    }
  });
  clear(main, h('div', { class: 'login-wrap' }, form));
  user.focus();
}
