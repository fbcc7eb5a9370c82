// 轮训进度 (hr, admin): a full-staff rotation campaign against its deadline for a unit's subtree:
// the status in words, a bar per direct child unit (overdue ones in red and named at the top),
// the officers still to rotate (paged) and their list as a file; an admin adds campaigns.
import { get, getAll, post, qs, download, hasEndpoint } from '../api.js';
import {
  h, clear, fmtDate, errorPanel, loading, field, unitOptions, showError, showMessage, clearErrors, toast, downloadButton, pct,
} from '../ui.js';
import { units, homeUnit, setQuery, serverToday } from '../state.js';

const PAGE = 50;
export const ROT_STATUS = { in_progress: '进行中', complete: '已完成', overdue: '已逾期' };

function rotChip(status) {
  return h('span', { class: `chip rot-${status}`, dataset: { status } }, ROT_STATUS[status] || status);
}

export async function rotationPage(main, { params, user, isCurrent }) {
  const list = await units();
  const today = await serverToday();
  const state = {
    unit: params.get('unit') || String(await homeUnit()),
    campaign: params.get('campaign') || '',
    asOf: params.get('as_of') || today,
    page: 1,
  };
  let campaigns = (await getAll('/rotation/campaigns')).items;
  const exportable = await hasEndpoint('/api/v1/rotation/export');

  const unitSel = h('select', { id: 'rot-unit', name: 'unit_id' }, unitOptions(list, state.unit));
  const campSel = h('select', { id: 'rot-campaign', name: 'campaign_id' });
  const asOf = h('input', { id: 'rot-asof', name: 'as_of', type: 'date', value: state.asOf, required: true });
  const fillCampaigns = () => clear(campSel, h('option', { value: '' }, '当前批次（自动）'),
    campaigns.map((c) => h('option', { value: String(c.id), selected: String(c.id) === state.campaign }, `${c.name}（${fmtDate(c.deadline)}前完成）`)));
  fillCampaigns();
  const filters = h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
    field('单位（含下级）', unitSel, { fieldName: 'unit_id' }),
    field('轮训批次', campSel, { fieldName: 'campaign_id' }),
    field('统计截至', asOf, { fieldName: 'as_of', hint: `默认为今天（${fmtDate(today)}）` }));
  const host = h('div');
  const adminHost = h('div');
  clear(main, h('h1', {}, '轮训进度'), filters, host, adminHost);

  let seq = 0;
  let data = null;
  async function load() {
    const my = ++seq;
    clearErrors(filters);
    setQuery({ unit: state.unit, campaign: state.campaign, as_of: state.asOf === today ? '' : state.asOf }, isCurrent);
    clear(host, loading('正在统计轮训进度…'));
    try {
      data = await get('/rotation' + qs({ unit_id: state.unit, campaign_id: state.campaign, as_of: state.asOf, limit: PAGE, offset: (state.page - 1) * PAGE }));
    } catch (e) {
      if (my !== seq) return;
      if (e.field) { clear(host); showError(filters, e); } else clear(host, errorPanel(e, load));
      return;
    }
    if (my !== seq || !isCurrent()) return;
    draw();
  }

  function draw() {
    const d = data;
    const c = d.campaign;
    const s = d.summary;
    const overdue = d.children.filter((x) => x.status === 'overdue');
    const statusLine = {
      in_progress: `进行中：须于${fmtDate(c.deadline)}前完成，尚有 ${s.pending} 人未轮训。`,
      complete: `已完成：${d.unit_name}应轮训人员已全部完成轮训。`,
      overdue: `已逾期：完成期限${fmtDate(c.deadline)}已过，仍有 ${s.pending} 人未轮训。`,
    }[d.status] || d.status;
    const lagging = d.status === 'overdue'
      ? h('p', { class: 'overdue-note', role: 'alert' }, overdue.length
        ? `以下单位未按期完成全员轮训：${overdue.map((x) => x.unit_name).join('、')}。`
        : `${d.unit_name}未按期完成全员轮训。`)
      : null;
    const bars = d.children.filter((x) => x.required > 0).map((x) => {
      const w = x.required ? (x.rotated / x.required) * 100 : 0;
      return h('div', { class: `chart-row rot-row rot-row-${x.status}`, dataset: { unit: x.unit_id, status: x.status } },
        h('div', { class: 'chart-label', title: x.unit_name },
          h('a', { href: `#/rotation?unit=${x.unit_id}${state.campaign ? '&campaign=' + state.campaign : ''}` }, x.unit_name)),
        h('div', { class: 'chart-bar', role: 'progressbar', 'aria-label': `${x.unit_name} 已轮训 ${x.rotated}/${x.required} 人`,
          'aria-valuemin': '0', 'aria-valuemax': String(x.required), 'aria-valuenow': String(x.rotated) },
        h('span', { class: `seg rot-seg-${x.status}`, style: `width:${w.toFixed(1)}%` }, w > 18 ? `${x.rotated}/${x.required}` : '')),
        h('div', { class: 'chart-rate' }, pct(x.rate), x.status === 'overdue' ? h('span', { class: 'sr-only' }, '（已逾期）') : null));
    });
    const pages = Math.max(1, Math.ceil(s.pending / PAGE));
    const from = s.pending === 0 ? 0 : (state.page - 1) * PAGE + 1;
    const to = Math.min(s.pending, state.page * PAGE);
    const pager = () => h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, '上一页'),
      h('span', { class: 'pager-text' }, `共 ${s.pending} 人，第 ${from}–${to} 人（第 ${state.page}/${pages} 页）`),
      h('button', { type: 'button', class: 'secondary', disabled: state.page >= pages, onclick: () => { state.page++; load(); } }, '下一页'));
    const exportPath = (format) => () => '/rotation/export' + qs({ unit_id: state.unit, campaign_id: c.id, as_of: state.asOf, format });
    const downloads = exportable && s.pending > 0
      ? h('div', { class: 'actions left downloads' }, h('span', {}, '下载未轮训名单：'),
        downloadButton('CSV', exportPath('csv'), download, { id: 'rot-dl-csv', fallbackName: 'rotation-pending.csv' }),
        downloadButton('XLSX', exportPath('xlsx'), download, { id: 'rot-dl-xlsx', fallbackName: 'rotation-pending.xlsx' }))
      : null;
    clear(host,
      h('section', { class: `panel rot-head rot-head-${d.status}` },
        h('h2', {}, c.name, ' ', rotChip(d.status)),
        h('p', { class: 'muted' }, `轮训期间 ${fmtDate(c.window_start)}至${fmtDate(c.deadline)}；统计截至 ${fmtDate(d.as_of)}；范围：${d.unit_name}（含下级）`),
        h('p', { class: 'status-line rot-status', dataset: { status: d.status } }, statusLine),
        lagging),
      h('section', { class: 'summary-cards' },
        card('应轮训', s.required), card('已轮训', s.rotated, 'met'), card('未轮训', s.pending, s.pending ? 'not_met' : ''), card('轮训率', pct(s.rate))),
      bars.length ? h('section', { class: 'panel' }, h('h2', {}, '各单位轮训进度'),
        h('div', { class: 'legend' }, h('span', {}, h('i', { class: 'rot-seg-complete' }), '已完成'), h('span', {}, h('i', { class: 'rot-seg-in_progress' }), '进行中'),
          h('span', {}, h('i', { class: 'rot-seg-overdue' }), '已逾期')),
        h('div', { class: 'chart rot-chart', 'aria-label': `${d.unit_name}各下级单位轮训进度` }, bars)) : null,
      h('section', { class: 'panel pending-panel', 'aria-labelledby': 'pend-title' },
        h('div', { class: 'row-between' }, h('h2', { id: 'pend-title' }, `未轮训人员（${s.pending} 人）`), downloads),
        s.pending === 0 ? h('p', { class: 'muted' }, '没有未轮训的人员。') : [
          pager(),
          h('table', { class: 'table stack pending-table' },
            h('thead', {}, h('tr', {}, h('th', {}, '序号'), h('th', {}, '姓名'), h('th', {}, '单位'))),
            h('tbody', {}, d.pending.map((p, i) => h('tr', { dataset: { officer: p.officer_id } },
              h('td', { 'data-label': '序号', class: 'num' }, String(from + i)),
              h('td', { 'data-label': '姓名' }, h('a', { href: `#/officers/${p.officer_id}` }, p.name)),
              h('td', { 'data-label': '单位' }, p.unit_name))))),
          s.pending > PAGE ? pager() : null,
        ]));
  }

  function card(label, value, status) {
    return h('div', { class: `card ${status ? 'card-' + status : ''}` }, h('span', { class: 'card-num' }, String(value)), h('span', { class: 'card-label' }, label));
  }

  unitSel.addEventListener('change', () => { state.unit = unitSel.value; state.page = 1; load(); });
  campSel.addEventListener('change', () => { state.campaign = campSel.value; state.page = 1; load(); });
  asOf.addEventListener('change', () => {
    if (!asOf.value) return showMessage(filters, '请选择统计截至日期', 'as_of');
    state.asOf = asOf.value; state.page = 1; load();
  });

  if (user.role === 'admin') {
    adminHost.append(campaignForm(async (created) => {
      campaigns = (await getAll('/rotation/campaigns')).items;
      state.campaign = String(created.id);
      state.page = 1;
      fillCampaigns();
      await load();
    }));
  }
  if (campaigns.length === 0) {
    clear(host, h('p', { class: 'panel muted' }, user.role === 'admin' ? '尚未设置全员轮训批次，请在下方新增。' : '尚未设置全员轮训批次。'));
    return;
  }
  await load();
}

function campaignForm(onCreated) {
  const name = h('input', { name: 'name', required: true, maxlength: '100', autocomplete: 'off' });
  const start = h('input', { name: 'window_start', type: 'date', required: true });
  const deadline = h('input', { name: 'deadline', type: 'date', required: true });
  const btn = h('button', { type: 'submit' }, '新增轮训批次');
  const form = h('form', { class: 'form-grid', novalidate: true },
    field('批次名称', name, { fieldName: 'name', cls: 'wide', hint: '如：2026—2028年行政执法人员全员轮训' }),
    field('轮训开始日期', start, { fieldName: 'window_start', hint: '此日及以后结束的轮训培训计入' }),
    field('完成期限', deadline, { fieldName: 'deadline', hint: '当日在岗的人员均须在此日前完成轮训' }),
    h('div', { class: 'actions wide' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!name.value.trim()) return showMessage(form, '请填写批次名称', 'name');
    if (!start.value) return showMessage(form, '请填写轮训开始日期', 'window_start');
    if (!deadline.value) return showMessage(form, '请填写完成期限', 'deadline');
    if (deadline.value < start.value) return showMessage(form, '完成期限不能早于轮训开始日期', 'deadline');
    btn.disabled = true;
    try {
      const c = await post('/rotation/campaigns', { name: name.value.trim(), window_start: start.value, deadline: deadline.value });
      toast(`已新增轮训批次「${c.name}」`);
      form.reset();
      await onCreated(c);
    } catch (e) {
      showError(form, e);
    } finally {
      btn.disabled = false;
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'camp-title' },
    h('details', { class: 'import-details' }, h('summary', {}, h('h2', { id: 'camp-title', class: 'inline-h' }, '新增轮训批次')), form));
}
