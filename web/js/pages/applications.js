// 证件申领 (hr, admin): a unit applies for its officer's enforcement certificate (首次申领 or 换证) after
// seeing the qualification review (资格审查) the application would get, then follows its applications
// and may withdraw one still awaiting review. 审核 (admin): the bureau's queue, oldest first, each
// application approved (the certificate is issued, its number shown) or rejected with a reason.
import { get, post, qs } from '../api.js';
import {
  h, clear, fmtDate, field, showError, showMessage, clearErrors, errorPanel, errorText, loading, toast, offsetPager,
} from '../ui.js';
import { setQuery } from '../state.js';
import {
  APP_KIND, APP_STATE, checksList, qualifiedChip, applicationCard, checkNames, officerPicker,
} from '../qual-view.js';

const PAGE = 20;

function tabsFor(user) {
  return [
    { key: '', label: '申领' },
    user.role === 'admin' ? { key: 'review', label: '审核' } : null,
  ].filter(Boolean);
}

function tabs(user, active, pending) {
  if (tabsFor(user).length < 2) return null; // hr: 申领 alone, no tab strip
  return h('nav', { class: 'tabs', 'aria-label': '证件申领' }, tabsFor(user).map((t) => h('a', {
    href: '#/applications' + (t.key ? '?tab=' + t.key : ''), class: t.key === active ? 'active' : '',
    'aria-current': t.key === active ? 'page' : null, dataset: { tab: t.key || 'apply' },
  }, t.label, t.key === 'review' && pending ? h('span', { class: 'tab-count' }, `（${pending} 件待审核）`) : null)));
}

export async function applicationsPage(main, { params, user, isCurrent, setTitle }) {
  const tab = user.role === 'admin' && params.get('tab') === 'review' ? 'review' : '';
  if (tab && setTitle) setTitle('审核', '证件申领');
  const host = h('div');
  const nav = h('div', {}, tabs(user, tab, 0));
  clear(main, h('h1', {}, '证件申领'), nav, host);
  // The number waiting for the bureau, on the 审核 tab's label (the admin finds the queue at once).
  const refreshCount = async () => {
    if (user.role !== 'admin') return;
    try {
      const r = await get('/applications' + qs({ state: 'submitted', limit: 1 }));
      if (isCurrent()) clear(nav, tabs(user, tab, r.total));
    } catch { /* the label without its count */ }
  };
  refreshCount();
  if (tab === 'review') return reviewTab(host, { isCurrent, onChange: refreshCount });
  return applyTab(host, { params, user, isCurrent, onChange: refreshCount });
}

// ---- 申领: the review previewed, the application submitted; the unit's applications ----

async function applyTab(host, { params, user, isCurrent, onChange }) {
  const listHost = h('div');
  const formHost = h('section', { class: 'panel apply-panel', 'aria-labelledby': 'apply-title' });
  clear(host, formHost, listHost);

  let kind = 'first';
  const preview = h('div', { class: 'qual-preview', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'apply-submit', disabled: true }, '提交申领');
  const kindBox = h('fieldset', { class: 'radio-row kind-field', dataset: { field: 'kind' } },
    h('legend', {}, '申领类型'),
    Object.entries(APP_KIND).map(([v, t]) => h('span', {},
      h('input', { type: 'radio', name: 'kind', id: `kind-${v}`, value: v, checked: v === kind,
        onchange: () => { kind = v; loadPreview(); } }),
      h('label', { for: `kind-${v}` }, t))));
  const picker = officerPicker({ id: 'apply-pick', label: '申领人员（按姓名查找本单位人员）', onPick: () => loadPreview() });
  const form = h('form', { class: 'apply-form', novalidate: true },
    h('div', { dataset: { field: 'officer_id' } }, picker.el),
    kindBox,
    preview,
    h('div', { class: 'actions left' }, submit));
  clear(formHost, h('h2', { id: 'apply-title' }, '新申领'),
    h('p', { class: 'muted' }, '选择人员和申领类型后，系统先做资格审查：在岗、资格考试合格、上年度学时达标、上年度考核、持证情况五项。提交后由市司法局审核，批准即发证。'),
    form);

  let seq = 0;
  let review = null;
  async function loadPreview() {
    const my = ++seq;
    review = null;
    submit.disabled = true;
    clearErrors(form);
    const o = picker.officer;
    if (!o) { clear(preview); return; }
    clear(preview, loading('正在资格审查…'));
    try {
      const r = await get(`/officers/${o.id}/qualification` + qs({ kind }));
      if (my !== seq) return;
      review = r;
      clear(preview, h('div', { class: `qual-box ${r.qualified ? 'qual-yes' : 'qual-no'}`, dataset: { qualified: r.qualified ? '1' : '0' } },
        h('h3', { id: 'preview-title' }, `${o.name} · ${APP_KIND[r.kind] || r.kind} · ${fmtDate(r.on)}的资格审查 `, qualifiedChip(r.qualified)),
        checksList(r.checks, { label: `${o.name}的资格审查` }),
        r.qualified ? null : h('p', { class: 'warn' }, '资格审查未通过的申领也可以提交，市司法局审核时会看到原因；但只有全部符合才能批准。')));
      submit.disabled = false;
    } catch (e) {
      if (my !== seq) return;
      clear(preview, h('div', { class: 'field-error', role: 'alert' }, errorText(e)));
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const o = picker.officer;
    if (!o) return showMessage(form, '请先选择人员', 'officer_id');
    if (!review) return;
    submit.disabled = true;
    try {
      const a = await post('/applications', { officer_id: o.id, kind });
      toast(`已提交 ${a.name} 的${a.kind_name || APP_KIND[a.kind]}（申领编号 ${a.id}）`);
      picker.pick(null);
      state = '';
      stateSel.value = '';
      offset = 0;
      await loadList();
      onChange();
    } catch (e) {
      // 409 application_open, police_credentials, issue_to_left_officer: the server's own words
      showError(form, e);
      submit.disabled = false;
    }
  });

  // the unit's applications
  let state = APP_STATE[params.get('state')] ? params.get('state') : '';
  let offset = 0;
  const stateSel = h('select', { id: 'app-state' },
    h('option', { value: '' }, '全部'),
    Object.entries(APP_STATE).map(([v, t]) => h('option', { value: v, selected: v === state }, t)));
  const results = h('div', { class: 'app-list', 'aria-live': 'polite' });
  stateSel.addEventListener('change', () => { state = stateSel.value; offset = 0; loadList(); });
  clear(listHost, h('section', { class: 'panel', 'aria-labelledby': 'apps-title' },
    h('h2', { id: 'apps-title' }, user.role === 'admin' ? '全部申领' : '本单位的申领'),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, field('状态', stateSel)),
    results));

  let listSeq = 0;
  async function loadList() {
    const my = ++listSeq;
    setQuery({ state }, isCurrent);
    clear(results, loading('正在加载申领…'));
    try {
      const data = await get('/applications' + qs({ state, limit: PAGE, offset }));
      if (my !== listSeq || !isCurrent()) return;
      clear(results,
        h('p', { class: 'muted', role: 'status', id: 'apps-count' }, `共 ${data.total} 件${state ? `${APP_STATE[state]}的申领` : '申领'}`),
        data.items.length === 0 ? h('p', { class: 'muted' }, '没有申领。') : data.items.map((a) => applicationCard(a, {
          showName: true,
          actions: (a.allowed_actions || []).includes('withdraw')
            ? h('button', { type: 'button', class: 'secondary withdraw-btn', 'aria-label': `撤回 ${a.name} 的申领`, onclick: () => withdrawDialog(a, loadList) }, '撤回')
            : null,
        })),
        offsetPager(data, (o) => { offset = o; loadList(); }));
    } catch (e) {
      if (my === listSeq) clear(results, errorPanel(e, loadList));
    }
  }

  function withdrawDialog(a, done) {
    const reason = h('textarea', { name: 'reason', rows: '3', maxlength: '500' });
    const ok = h('button', { type: 'submit', class: 'danger' }, '确认撤回');
    const dform = h('form', { method: 'dialog', novalidate: true, class: 'action-form' },
      h('p', {}, `${a.name} · ${a.kind_name || APP_KIND[a.kind]} · ${fmtDate(a.submitted_on)}提交`),
      h('p', { class: 'muted' }, '撤回后此申领不再审核，不能恢复；如需要可重新申领。'),
      field('撤回原因（可选）', reason, { fieldName: 'reason' }),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dlg.close() }, '取消'), ok));
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'wd-title', dataset: { app: a.id } }, h('h2', { id: 'wd-title' }, '撤回申领'), dform);
    dform.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(dform);
      ok.disabled = true;
      try {
        const body = reason.value.trim() ? { reason: reason.value.trim() } : undefined;
        const r = await post(`/applications/${a.id}/withdraw`, body);
        dlg.close();
        toast(`已撤回 ${r.name} 的申领（编号 ${r.id}）`);
        await done();
        onChange();
      } catch (e) {
        showError(dform, e);
        if (e.status === 409) done();
      } finally {
        ok.disabled = false;
      }
    });
    dlg.addEventListener('close', () => dlg.remove());
    document.body.append(dlg);
    dlg.showModal();
    reason.focus();
  }

  await loadList();
}

// ---- 审核 (admin): the queue, oldest first ----

async function reviewTab(host, { isCurrent, onChange }) {
  const done = h('ul', { class: 'decided-log', 'aria-label': '本次已审核' });
  const doneBox = h('section', { class: 'panel decided-panel', hidden: true, 'aria-labelledby': 'decided-title' },
    h('h2', { id: 'decided-title' }, '本次已审核'), done);
  const results = h('div', { class: 'app-list review-list', 'aria-live': 'polite' });
  clear(host, doneBox, h('section', { class: 'panel', 'aria-labelledby': 'queue-title' },
    h('h2', { id: 'queue-title' }, '待审核的申领（先提交的在前）'),
    h('p', { class: 'muted' }, '批准时按发证日期重新做资格审查，全部符合才能批准，并同时发证；驳回须填写原因。'),
    results));
  let offset = 0;
  let seq = 0;
  async function load() {
    const my = ++seq;
    clear(results, loading('正在加载待审核的申领…'));
    try {
      const data = await get('/applications' + qs({ state: 'submitted', order: 'oldest', limit: PAGE, offset }));
      if (my !== seq || !isCurrent()) return;
      if (data.items.length === 0 && offset > 0) { offset = 0; return load(); }
      // Oldest submitted first: the server orders the queue by id (its filing order), which is the
      // submission order except for applications recorded after the day they were made (the demo's).
      data.items.sort((x, y) => x.submitted_on.localeCompare(y.submitted_on) || x.id - y.id);
      clear(results,
        h('p', { class: 'muted', role: 'status', id: 'queue-count' }, `共 ${data.total} 件待审核`),
        data.items.length === 0 ? h('p', { class: 'muted' }, '没有待审核的申领。') : data.items.map((a) => applicationCard(a, {
          showName: true,
          actions: h('div', { class: 'actions review-actions' },
            (a.allowed_actions || []).includes('approve') ? h('button', { type: 'button', class: 'approve-btn', 'aria-label': `批准 ${a.name} 的申领`, onclick: () => decide(a, 'approve') }, '批准') : null,
            (a.allowed_actions || []).includes('reject') ? h('button', { type: 'button', class: 'danger reject-btn', 'aria-label': `驳回 ${a.name} 的申领`, onclick: () => decide(a, 'reject') }, '驳回') : null),
        })),
        offsetPager(data, (o) => { offset = o; load(); }));
    } catch (e) {
      if (my === seq) clear(results, errorPanel(e, load));
    }
  }

  function logDecision(a) {
    doneBox.hidden = false;
    done.prepend(h('li', { dataset: { app: a.id, state: a.state } },
      h('strong', {}, a.name), ` · ${a.kind_name || APP_KIND[a.kind]} · `, a.state_name || APP_STATE[a.state],
      a.certificate ? [' · 证号 ', h('strong', { class: 'mono' }, a.certificate.number), `（${fmtDate(a.certificate.issued_on)}发证）`] : null,
      a.reason ? ` · 原因：${a.reason}` : null));
  }

  function decide(a, decision) {
    const approve = decision === 'approve';
    const number = approve ? h('input', { name: 'number', maxlength: '40', autocomplete: 'off', spellcheck: 'false' }) : null;
    const issued = approve ? h('input', { name: 'issued_on', type: 'date' }) : null;
    const reason = approve ? null : h('textarea', { name: 'reason', rows: '3', maxlength: '500', required: true });
    const ok = h('button', { type: 'submit', class: approve ? '' : 'danger' }, approve ? '批准并发证' : '确认驳回');
    const dform = h('form', { method: 'dialog', novalidate: true, class: 'action-form decide-form' },
      h('p', {}, `${a.name}（${a.unit_name || ''}）· ${a.kind_name || APP_KIND[a.kind]} · ${fmtDate(a.submitted_on)}提交 `, qualifiedChip(a.qualified)),
      approve ? [
        field('证号（可选）', number, { fieldName: 'number', hint: '留空则自动编号：发证年份加六位顺序号，如 2025000001' }),
        field('发证日期（可选）', issued, { fieldName: 'issued_on', hint: a.kind === 'renewal' ? '留空：原证到期日的次日' : '留空：今天' }),
      ] : field('驳回原因（必填）', reason, { fieldName: 'reason' }),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dlg.close() }, '取消'), ok));
    const dlg = h('dialog', { class: 'dialog decide-dialog', 'aria-labelledby': 'decide-title', dataset: { app: a.id, decision } },
      h('h2', { id: 'decide-title' }, `${approve ? '批准' : '驳回'}申领：${a.name}`), dform);
    dform.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(dform);
      const body = { decision };
      if (approve) {
        if (number.value.trim()) body.number = number.value.trim();
        if (issued.value) body.issued_on = issued.value;
      } else {
        if (!reason.value.trim()) return showMessage(dform, '驳回须填写原因', 'reason');
        body.reason = reason.value.trim();
      }
      ok.disabled = true;
      try {
        const r = await post(`/applications/${a.id}/decision`, body);
        dlg.close();
        toast(approve ? `已批准 ${r.name} 的申领，证号 ${r.certificate ? r.certificate.number : ''}` : `已驳回 ${r.name} 的申领`);
        logDecision(r);
        await load();
        onChange();
      } catch (e) {
        if (e.rule === 'application_not_qualified') {
          const failed = e.failed || String((e.params || {}).failed || '').split(',').filter(Boolean);
          const box = showMessage(dform, `资格审查未通过，不能批准。未通过：${checkNames(failed)}`);
          box.classList.add('not-qualified');
          box.dataset.failed = failed.join(',');
          box.append(h('div', { class: 'err-detail' }, e.zh));
        } else {
          showError(dform, e);
        }
        if (e.status === 409 && e.rule === 'application_transition') load();
      } finally {
        ok.disabled = false;
      }
    });
    dlg.addEventListener('close', () => dlg.remove());
    document.body.append(dlg);
    dlg.showModal();
    (approve ? number : reason).focus();
  }

  await load();
}
