// External training claims (外部培训申报 → 学时认定) and exemptions (学时减免), the parts shared by
// 我的学时 (officer), 学时认定 (hr, admin), an officer's page and 本单位: states and reasons in
// words, a claim's card, its evidence (an image inline, a PDF opened in the browser's viewer), the
// checks of a file before it is sent, and the count of claims waiting on the menu.
import { get, fetchBlob, uploadFile, ApiError } from './api.js';
import { h, clear, fmtRange, fmtDateTime, fmtHours, hoursShort, errorText, CATEGORY } from './ui.js';
import { actorLabel, CLAIM_STATE, EXEMPT_REASON } from './labels.js';

export { CLAIM_STATE, EXEMPT_REASON };

// What the officer may still change: the evidence, or withdraw the claim (the API's table).
export const CLAIM_OPEN = ['awaiting_evidence', 'submitted'];

// The evidence file: PDF, JPEG or PNG, at most 5 MiB (the server sniffs the bytes and decides).
export const EVIDENCE_MAX = 5 * 1024 * 1024;
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,application/pdf';
const EVIDENCE_KIND = { 'application/pdf': 'PDF 文件', 'image/jpeg': 'JPG 图片', 'image/png': 'PNG 图片' };
const BY_EXTENSION = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

// A course's dates: 2025年6月10日至6月11日 (the year once when both days share it).
export function fmtSpan(a, b) {
  if (!a || a === b) return fmtRange(b, b);
  if (a.slice(0, 4) !== b.slice(0, 4)) return fmtRange(a, b);
  return `${fmtRange(a, a)}至${+b.slice(5, 7)}月${+b.slice(8, 10)}日`;
}

export function fmtBytes(n) {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// The type a file is sent as: its own when it is one of the three, else from its name's extension
// (some phones give no type); '' when neither says PDF, JPEG or PNG.
export function evidenceType(file) {
  if (EVIDENCE_KIND[file.type]) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name || '');
  return (ext && BY_EXTENSION[ext[1].toLowerCase()]) || '';
}

// The checks made before sending a file, in Chinese; null when it may be sent.
export function checkEvidenceFile(file) {
  if (!file) return '请选择证明文件（结业证书或学时证明的照片、扫描件）。';
  if (file.size === 0) return `文件“${file.name}”是空的，请重新选择。`;
  if (file.size > EVIDENCE_MAX)
    return `文件“${file.name}”有 ${fmtBytes(file.size)}，超过 5 MB 的上限：请拍照时降低分辨率、截图，或压缩后再上传。`;
  if (!evidenceType(file)) {
    const heic = /heic|heif/i.test(file.type) || /\.(heic|heif)$/i.test(file.name || '');
    return `只能上传 PDF、JPG 或 PNG 文件，“${file.name}”不是。` +
      (heic ? '手机照片为 HEIC 格式时，请在相机设置中选择“兼容性最佳”，或截图后上传。' : '');
  }
  return null;
}

// PUT /claims/{id}/evidence with the file's bytes; `onProgress(sent, total)`.
export function sendEvidence(claimId, file, onProgress) {
  return uploadFile(`/claims/${claimId}/evidence`, file, { contentType: evidenceType(file), onProgress });
}

export function claimStateChip(c) {
  return h('span', { class: `chip claim-${c.state}`, dataset: { state: c.state } }, c.state_name || CLAIM_STATE[c.state] || c.state);
}

// "法律 6 · 业务 4" in full words for a reader of one claim: 公共法律知识 6 学时，…
export function hoursLong(hrs) {
  const parts = ['legal', 'business', 'political'].filter((k) => hrs && hrs[k] > 0).map((k) => `${CATEGORY[k]} ${fmtHours(hrs[k])} 学时`);
  return parts.length ? parts.join('，') : '0 学时';
}

// True when an approval credited less than claimed in some category.
export function creditedLess(c) {
  return !!c.credited && ['legal', 'business', 'political'].some((k) => (c.credited[k] || 0) < (c.hours[k] || 0));
}

export function evidenceLine(c) {
  if (!c.evidence) return null;
  return `${EVIDENCE_KIND[c.evidence.type] || c.evidence.type} · ${fmtBytes(c.evidence.bytes)}`;
}

// The evidence of a claim: an image shown inline (the session cookie goes with <img src>), a PDF
// opened in the browser's own viewer (fetched as a Blob: the file is sent as an attachment), and
// the file itself to keep. `thumb`: a small picture (the officer's card).
export function evidenceView(c, { thumb = false } = {}) {
  if (!c.evidence) return h('p', { class: 'muted evidence-none' }, '尚未上传证明材料。');
  const src = `/api/v1/claims/${c.id}/evidence`;
  const what = `${c.name || ''}的证明材料：${c.title}`;
  const meta = h('p', { class: 'muted small evidence-meta' }, evidenceLine(c),
    c.submitted_at ? ` · ${fmtDateTime(c.submitted_at)}上传` : '',
    thumb ? null : h('span', { class: 'sha', title: 'SHA-256' }, ` · SHA-256 ${c.evidence.sha256.slice(0, 12)}…`));
  const keep = h('a', { href: src, download: '', class: 'evidence-download' }, '下载文件');
  if (/^image\//.test(c.evidence.type)) {
    return h('figure', { class: `evidence ${thumb ? 'evidence-thumb' : 'evidence-full'}`, dataset: { type: c.evidence.type } },
      h('img', { src, alt: what, class: 'evidence-img' }),
      h('figcaption', {}, meta, thumb ? null : keep));
  }
  const status = h('span', { class: 'small evidence-status', role: 'status' });
  const open = h('button', { type: 'button', class: 'secondary evidence-open-pdf', 'aria-label': `在浏览器中打开 PDF：${c.title}` }, '在浏览器中打开 PDF');
  open.addEventListener('click', () => openPdf(c, open, status));
  return h('div', { class: 'evidence evidence-pdf', dataset: { type: c.evidence.type } },
    h('div', { class: 'actions left' }, open, keep), meta, status);
}

// Opens the PDF in a new tab: the tab is opened at once, within the click (a popup blocker lets
// it through), then sent to the file once it has arrived; closed again when the file cannot be had.
async function openPdf(c, btn, status) {
  const win = window.open('', '_blank');
  btn.disabled = true;
  clear(status, '正在打开…');
  try {
    const blob = await fetchBlob(`/claims/${c.id}/evidence`, { type: 'application/pdf' });
    const url = URL.createObjectURL(blob);
    if (win && !win.closed) win.location.href = url;
    else window.open(url, '_blank');
    clear(status);
    // The tab has read it by then; the address is given back to free the memory.
    setTimeout(() => URL.revokeObjectURL(url), 5 * 60 * 1000);
  } catch (e) {
    if (win && !win.closed) win.close();
    clear(status, h('span', { class: 'field-error', role: 'alert' }, `未能打开证明材料：${errorText(e)}`));
  } finally {
    btn.disabled = false;
  }
}

// A claim as a card (我的学时, an officer's page): title and state, course, dates, the hours claimed
// and credited, the reason of a refusal, the evidence. `actions`: buttons; `link`: the title links
// to the claim's page; `showName`: the officer's name first.
export function claimCard(c, { actions, link, showName = false, thumb = true, extra } = {}) {
  const title = link ? h('a', { href: link }, c.title) : c.title;
  return h('article', { class: `claim-card claim-card-${c.state}`, dataset: { claim: c.id, state: c.state } },
    h('div', { class: 'row-between claim-head' },
      h('h3', { class: 'claim-title' }, showName ? `${c.name} · ` : '', title, claimStateChip(c))),
    h('p', { class: 'muted claim-meta' }, h('span', { class: 'claim-provider' }, c.provider), ' · ',
      h('span', { class: 'claim-dates' }, fmtSpan(c.start_date, c.end_date))),
    h('p', { class: 'claim-hours' }, '申报学时：', h('strong', {}, hoursShort(c.hours))),
    c.credited ? h('p', { class: `claim-credited${c.state === 'revoked' ? ' claim-credited-revoked' : ''}` },
      c.state === 'revoked' ? '原认定学时（已撤销，不再计入）：' : '认定学时：', h('strong', {}, hoursShort(c.credited)),
      c.state === 'approved' && creditedLess(c) ? h('span', { class: 'muted small' }, '（少于申报）') : null,
      c.state === 'approved' ? h('span', { class: 'muted small' }, `，计入 ${c.end_date.slice(0, 4)} 年度`) : null) : null,
    c.reason && (c.state === 'rejected' || c.state === 'revoked' || c.state === 'approved')
      ? h('p', { class: 'claim-reason' }, c.state === 'rejected' ? '未通过原因：' : c.state === 'revoked' ? '撤销原因：' : '认定说明：', c.reason) : null,
    c.decided_at && !CLAIM_OPEN.includes(c.state) && c.state !== 'withdrawn'
      ? h('p', { class: 'muted small claim-decided' }, `${actorLabel(c.decided_by)} ${fmtDateTime(c.decided_at)}${c.state_name || CLAIM_STATE[c.state]}`) : null,
    c.evidence ? evidenceView(c, { thumb }) : CLAIM_OPEN.includes(c.state) ? h('p', { class: 'claim-todo' }, '尚未上传证明材料：上传后才能认定。') : null,
    extra || null,
    actions ? h('div', { class: 'actions left claim-actions' }, actions) : null);
}

// A file chooser styled as a button (on a phone: the camera or the files), with what it is for
// spoken: choosing a file calls `onFile(file)`; the same file may be chosen again after an error.
export function fileButton({ id, label, ariaLabel, onFile, secondary = true }) {
  const input = h('input', { type: 'file', id, accept: EVIDENCE_ACCEPT, class: 'file-input', 'aria-label': ariaLabel || label });
  input.addEventListener('change', () => {
    const f = input.files && input.files[0];
    if (f) onFile(f);
    input.value = '';
  });
  return h('span', { class: 'file-button' }, input, h('label', { for: id, class: `button${secondary ? ' secondary' : ''}`, 'aria-hidden': 'true' }, label));
}

// A line saying how an upload goes: bytes sent, then done or the error.
export function uploadStatus() {
  const el = h('div', { class: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const bar = h('progress', { max: '100', value: '0', 'aria-label': '上传进度' });
  return {
    el,
    start(file) { clear(el, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` 正在上传“${file.name}”（${fmtBytes(file.size)}）…`, bar); },
    progress(sent, total) { if (total) { bar.max = total; bar.value = sent; } },
    done(text) { clear(el, h('span', { class: 'upload-done' }, text)); },
    fail(err) {
      clear(el, h('div', { class: 'field-error upload-error', role: 'alert', dataset: err instanceof ApiError ? { status: err.status, rule: err.rule } : {} },
        typeof err === 'string' ? err : `证明文件未能上传：${errorText(err)}`));
    },
    clear() { clear(el); },
  };
}

// ---- exemptions ----

export function exemptionText(e) {
  return `${fmtRange(e.from, e.to)}（${e.reason_name || EXEMPT_REASON[e.reason_code] || e.reason_code}${e.reason ? '：' + e.reason : ''}）`;
}

// The exemptions touching `year`.
export function exemptionsIn(list, year) {
  return (list || []).filter((e) => +e.from.slice(0, 4) <= +year && +e.to.slice(0, 4) >= +year);
}

// ---- the count of claims waiting (学时认定 in the menu) ----

let countCache = null;
let countPending = null;
export function invalidateClaimCount() { countCache = null; }

function fetchClaimCount(maxAge) {
  if (countCache && Date.now() - countCache.at <= maxAge) return Promise.resolve(countCache.total);
  if (countPending) return countPending;
  countPending = get('/claims?state=submitted&limit=1', { quiet401: true })
    .then((r) => { countCache = { at: Date.now(), total: r.total || 0 }; return countCache.total; })
    .finally(() => { countPending = null; });
  return countPending;
}

// The number of claims 待认定 on the menu item (hr, admin); nothing when none or unknown.
export function claimCountBadge(user, { maxAge = 60 * 1000 } = {}) {
  if (!user || user.must_change_password || !['hr', 'admin'].includes(user.role)) return;
  fetchClaimCount(maxAge).then(drawClaimCount, () => { /* the menu without its count */ });
}

// The queue has just been read: its total is the count (no second request).
export function setClaimCount(total) {
  countCache = { at: Date.now(), total };
  drawClaimCount(total);
}

function drawClaimCount(n) {
  const link = document.querySelector('#nav a[href="#/claims"]');
  if (!link) return;
  link.querySelectorAll('.nav-count').forEach((b) => b.remove());
  if (!n) return;
  link.append(h('span', { class: 'nav-badge nav-badge-other nav-count', title: `${n} 件待认定` },
    h('span', { 'aria-hidden': 'true' }, String(n)), h('span', { class: 'sr-only' }, `（${n} 件待认定）`)));
}
