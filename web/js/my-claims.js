// 外部培训申报 on 我的学时 (officer, phone first): a course outside the sessions units log — its name,
// who ran it, its dates and hours — claimed with a photo or scan of its certificate; the claims with
// their state, the hours credited, the reason of a refusal; 撤回 and 重新上传 while open.
import { get, post } from './api.js';
import {
  h, clear, field, showError, showMessage, clearErrors, errorPanel, loading, toast, confirmDialog, CATEGORY,
} from './ui.js';
import {
  claimCard, checkEvidenceFile, sendEvidence, fileButton, uploadStatus, fmtBytes, EVIDENCE_ACCEPT,
} from './claim-view.js';

const CATS = ['legal', 'business', 'political'];

// "6" -> 6, "" -> 0; null when it is no number.
function hoursValue(s) {
  const t = String(s).trim();
  if (t === '') return 0;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

// The panel, drawn at once; the list fills when read. `onChange()`: a claim's state changed (the
// hours above may change only by an approval, which the officer does not make: it is not called
// for hours, only to let the page know).
export function myClaimsPanel(officerId, { today, onChange } = {}) {
  const listHost = h('div', { class: 'claim-list', 'aria-live': 'polite' }, loading('正在加载外部培训申报…'));
  const toggle = h('button', { type: 'button', id: 'claim-new', 'aria-expanded': 'false', 'aria-controls': 'claim-form' }, '＋ 申报外部培训');
  const form = claimForm();
  form.el.hidden = true;
  const setOpen = (open) => {
    form.el.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? '收起申报表' : '＋ 申报外部培训';
    if (open) form.focus();
  };
  toggle.addEventListener('click', () => setOpen(form.el.hidden));
  const el = h('section', { class: 'panel my-claims', 'aria-labelledby': 'my-claims-title' },
    h('div', { class: 'row-between' }, h('h2', { id: 'my-claims-title' }, '外部培训申报'), toggle),
    h('p', { class: 'muted small' }, '参加了本单位登记以外的培训（上级部门、院校、线上平台等举办），可在此申报：填写培训信息，',
      '上传结业证书或学时证明的照片或扫描件（PDF、JPG 或 PNG，不超过 5 MB），由本单位人事专员认定后计入学时。'),
    form.el, listHost);

  // Errors of an upload that failed, by claim: they stay on its card when the list is drawn again.
  const uploadErrors = new Map();
  let claims = [];

  function closeForm() {
    form.reset();
    form.el.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.textContent = '＋ 申报外部培训';
  }

  function claimForm() {
    const title = h('input', { name: 'title', maxlength: '200', autocomplete: 'off', required: true });
    const provider = h('input', { name: 'provider', maxlength: '200', autocomplete: 'off', required: true });
    const start = h('input', { name: 'start_date', type: 'date', required: true, max: today || null });
    const end = h('input', { name: 'end_date', type: 'date', required: true, max: today || null });
    start.addEventListener('change', () => { if (start.value && (!end.value || end.value < start.value)) end.value = start.value; });
    const hours = Object.fromEntries(CATS.map((c) => [c, h('input', { name: `hours.${c}`, type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0', class: 'hours-input' })]));
    // The browser's own file button speaks the browser's language: a button of the page's, over it.
    const file = h('input', { name: 'evidence', id: 'claim-file', type: 'file', accept: EVIDENCE_ACCEPT, class: 'file-input', 'aria-labelledby': 'claim-file-label claim-file-button' });
    const fileInfo = h('div', { class: 'file-info', 'aria-live': 'polite' });
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      clearErrors(el);
      if (!f) { clear(fileInfo); return; }
      const bad = checkEvidenceFile(f);
      if (bad) { showMessage(el, bad, 'evidence'); return; }
      clear(fileInfo, `已选择：${f.name}（${fmtBytes(f.size)}）`);
    });
    const submit = h('button', { type: 'submit', id: 'claim-submit' }, '提交申报');
    const status = uploadStatus();
    const el = h('form', { class: 'claim-form', id: 'claim-form', novalidate: true, 'aria-label': '申报外部培训' },
      h('div', { class: 'form-grid' },
        field('培训名称', title, { fieldName: 'title', cls: 'wide' }),
        field('举办单位', provider, { fieldName: 'provider', cls: 'wide', hint: '如：自治区司法厅、钦州市委党校、中国法院网络学院' }),
        field('开始日期', start, { fieldName: 'start_date' }),
        field('结束日期', end, { fieldName: 'end_date', hint: '培训已结束才能申报；学时计入结束日期所在年度' })),
      h('fieldset', { class: 'hours-fieldset claim-hours-fields', dataset: { field: 'hours' } },
        h('legend', {}, '申报学时（0.5 的整数倍，每天不超过 10 学时；没有的类别留空）'),
        CATS.map((c) => field(CATEGORY[c], hours[c], { fieldName: `hours.${c}` }))),
      h('div', { class: 'field evidence-field', dataset: { field: 'evidence' } },
        h('span', { class: 'label-like', id: 'claim-file-label' }, '证明材料（结业证书或学时证明）'),
        h('span', { class: 'file-button' }, file,
          h('label', { for: 'claim-file', class: 'button secondary', id: 'claim-file-button' }, '拍照或选择文件')),
        fileInfo,
        h('div', { class: 'hint' }, 'PDF、JPG 或 PNG，不超过 5 MB；手机上可直接拍照。也可以先提交申报，稍后再上传。')),
      status.el,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => closeForm() }, '取消'), submit));

    el.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(el);
      status.clear();
      if (!title.value.trim()) return showMessage(el, '请填写培训名称', 'title');
      if (!provider.value.trim()) return showMessage(el, '请填写举办单位', 'provider');
      if (!start.value) return showMessage(el, '请填写开始日期', 'start_date');
      if (!end.value) return showMessage(el, '请填写结束日期', 'end_date');
      const body = { title: title.value.trim(), provider: provider.value.trim(), start_date: start.value, end_date: end.value, hours: {} };
      for (const c of CATS) {
        const v = hoursValue(hours[c].value);
        if (v === null) return showMessage(el, `${CATEGORY[c]}学时“${hours[c].value}”不是数字`, `hours.${c}`);
        body.hours[c] = v;
      }
      if (CATS.every((c) => body.hours[c] === 0)) return showMessage(el, '请至少填写一类学时', 'hours.legal');
      const f = file.files && file.files[0];
      if (f) {
        const bad = checkEvidenceFile(f);
        if (bad) return showMessage(el, bad, 'evidence');
      }
      submit.disabled = true;
      let claim = null;
      try {
        claim = await post(`/officers/${officerId}/claims`, body);
      } catch (e) {
        showError(el, e);
        submit.disabled = false;
        return;
      }
      // The claim is recorded (待上传证明); the file follows. When the file is refused the claim
      // stays, and its card says why, with 上传证明 beside it.
      if (f) {
        status.start(f);
        try {
          claim = await sendEvidence(claim.id, f, status.progress);
        } catch (e) {
          uploadErrors.set(claim.id, e);
        }
      }
      submit.disabled = false;
      closeForm();
      if (claim.state === 'submitted') toast(`已提交申报“${claim.title}”，等待本单位人事专员认定`);
      else if (uploadErrors.has(claim.id)) toast(`已保存申报“${claim.title}”，但证明文件未能上传，请重新上传`, 'error');
      else toast(`已保存申报“${claim.title}”：请上传证明材料后等待认定`);
      await load();
      const card = listHost.querySelector(`.claim-card[data-claim="${claim.id}"]`);
      if (card) card.scrollIntoView({ block: 'nearest' });
      if (onChange) onChange();
    });

    return {
      el,
      focus: () => title.focus(),
      reset: () => { el.reset(); clearErrors(el); clear(fileInfo); status.clear(); },
    };
  }

  // 上传证明 / 重新上传 on an open claim: the file checked here, then sent; the card drawn anew.
  async function upload(c, f, status) {
    uploadErrors.delete(c.id);
    const bad = checkEvidenceFile(f);
    if (bad) { status.fail(bad); return; }
    status.start(f);
    try {
      const r = await sendEvidence(c.id, f, status.progress);
      toast(c.evidence ? `已重新上传“${r.title}”的证明材料` : `已上传“${r.title}”的证明材料，等待认定`);
      await load();
      if (onChange) onChange();
    } catch (e) {
      uploadErrors.set(c.id, e);
      status.fail(e);
      // 409: the claim was decided meanwhile — show it as it is now.
      if (e.status === 409 || e.status === 404) load();
    }
  }

  async function withdraw(c) {
    const ok = await confirmDialog({
      title: '撤回申报',
      body: h('div', {}, h('p', {}, `撤回“${c.title}”的申报？`), h('p', { class: 'muted' }, '撤回后不再认定，也不能恢复；如需要可重新申报。')),
      confirmText: '确认撤回', danger: true,
    });
    if (!ok) return;
    try {
      const r = await post(`/claims/${c.id}/withdraw`);
      toast(`已撤回申报“${r.title}”`);
    } catch (e) {
      toast(`撤回失败：${e.zh || e.message}`, 'error');
    }
    await load();
    if (onChange) onChange();
  }

  function card(c) {
    // What the server says may be done now (the claim's allowed_actions), nothing guessed here.
    const allowed = c.allowed_actions || [];
    const mayUpload = allowed.includes('evidence');
    const status = uploadStatus();
    if (uploadErrors.has(c.id)) status.fail(uploadErrors.get(c.id));
    const actions = [
      mayUpload ? fileButton({ id: `claim-file-${c.id}`, label: c.evidence ? '重新上传证明' : '上传证明',
        ariaLabel: `${c.evidence ? '重新上传' : '上传'}“${c.title}”的证明材料`, secondary: !!c.evidence, onFile: (f) => upload(c, f, status) }) : null,
      allowed.includes('withdraw') ? h('button', { type: 'button', class: 'secondary danger-text claim-withdraw', 'aria-label': `撤回“${c.title}”的申报`, onclick: () => withdraw(c) }, '撤回') : null,
    ].filter(Boolean);
    return claimCard(c, { actions: actions.length ? actions : null, extra: mayUpload ? status.el : null });
  }

  let seq = 0;
  async function load() {
    const my = ++seq;
    try {
      const r = await get(`/officers/${officerId}/claims`);
      if (my !== seq) return;
      claims = r.items || [];
      clear(listHost, claims.length === 0
        ? h('p', { class: 'muted claims-empty' }, '暂无外部培训申报。')
        : [h('p', { class: 'muted small', id: 'my-claims-count' }, `共 ${claims.length} 件申报`), claims.map(card)]);
    } catch (e) {
      if (my === seq) clear(listHost, errorPanel(e, load));
    }
  }

  // From elsewhere on the page (the shortcut under the title): the form opened and in view.
  function openForm() {
    setOpen(true);
    el.scrollIntoView({ block: 'start' });
  }

  return { el, load, openForm };
}
