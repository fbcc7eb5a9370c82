// 我的学时 (officer): this year's hours, status in words, trainings, earlier years.
import { get, getAll } from '../api.js';
import { h, clear, fmtDate, errorPanel, loading, KIND } from '../ui.js';
import { setQuery, serverToday } from '../state.js';
import { hoursView } from '../hours-view.js';
import { certsBlock } from '../cert-view.js';

export async function myHoursPage(main, { params, user, isCurrent }) {
  if (!user.officer_id) {
    clear(main, h('div', { class: 'panel' }, h('h1', {}, '我的学时'), h('p', {}, '此账号未关联执法人员档案，请联系本单位人事专员。')));
    return;
  }
  const officer = await get(`/officers/${user.officer_id}`);
  const host = h('div', { class: 'hours-host' });
  const certHost = h('div', { class: 'my-certs' }, loading('正在加载执法证…'));
  clear(main,
    h('div', { class: 'page-head' },
      h('h1', {}, '我的学时'),
      h('p', { class: 'muted' }, `${officer.name} · ${officer.unit_name || ''} · ${KIND[officer.kind] || officer.kind} · ${fmtDate(officer.post_start)}到岗`)),
    host, certHost);
  const loadCerts = async () => {
    try {
      const today = await serverToday();
      const [certs, elig] = await Promise.all([getAll(`/officers/${officer.id}/certificates`), get(`/officers/${officer.id}/eligibility`)]);
      clear(certHost, certsBlock(officer, certs.items, today, {
        title: '我的执法证',
        emptyText: '您尚未取得行政执法证。未取得行政执法证件的人员不得独立从事行政执法工作。',
        extra: h('p', { class: `elig-inline ${elig.can_enforce_independently ? 'elig-yes' : 'elig-no'}` },
          '今日能否独立执法：', h('strong', {}, elig.can_enforce_independently ? '是' : '否')),
      }));
    } catch (e) {
      clear(certHost, errorPanel(e, loadCerts));
    }
  };
  const certsDone = loadCerts();
  const show = async (year) => {
    setQuery({ year }, isCurrent);
    await hoursView(host, officer, { year, onYear: show });
  };
  await show(params.get('year') ? +params.get('year') : undefined);
  await certsDone;
}
