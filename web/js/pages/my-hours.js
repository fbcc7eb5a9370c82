// 我的学时 (officer): this year's hours, status in words, trainings, earlier years.
import { get } from '../api.js';
import { h, clear, fmtDate, KIND } from '../ui.js';
import { setQuery } from '../state.js';
import { hoursView } from '../hours-view.js';

export async function myHoursPage(main, { params, user }) {
  if (!user.officer_id) {
    clear(main, h('div', { class: 'panel' }, h('h1', {}, '我的学时'), h('p', {}, '此账号未关联执法人员档案，请联系本单位人事专员。')));
    return;
  }
  const officer = await get(`/officers/${user.officer_id}`);
  const host = h('div', { class: 'hours-host' });
  clear(main,
    h('div', { class: 'page-head' },
      h('h1', {}, '我的学时'),
      h('p', { class: 'muted' }, `${officer.name} · ${officer.unit_name || ''} · ${KIND[officer.kind] || officer.kind} · ${fmtDate(officer.post_start)}到岗`)),
    host);
  const show = async (year) => {
    setQuery({ year });
    await hoursView(host, officer, { year, onYear: show });
  };
  await show(params.get('year') ? +params.get('year') : undefined);
}
