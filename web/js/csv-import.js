// A CSV import panel (签到表 on 培训登记, 人员名册 on 本单位): pick a file, preview its first rows as
// parsed here with the columns it names, then send the file as it is. The server takes all or nothing:
// on 422 the refused lines are listed with their reasons (the first 100; more_rows counts the others),
// and the page says that nothing was written.
import { sendFile, ApiError } from './api.js';
import { h, clear, errorText, loading } from './ui.js';

const PREVIEW_ROWS = 5;

// The file's text: UTF-8 (with or without BOM), else GB18030 (what Excel's plain "CSV" writes on Chinese Windows).
export function decodeCsv(buf) {
  const bytes = new Uint8Array(buf);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'GB18030（GBK）' };
    } catch {
      return { text: new TextDecoder('utf-8').decode(bytes), encoding: '无法识别' };
    }
  }
}

// RFC 4180 records with the physical line each starts on (quoted fields may hold commas, quotes, newlines).
export function parseCsv(text, max = Infinity) {
  const out = [];
  let rec = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  const push = () => { rec.push(field); field = ''; };
  const end = () => { push(); if (!(rec.length === 1 && rec[0] === '')) out.push({ line: start, fields: rec }); rec = []; };
  while (i < text.length && out.length < max) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (c === '\n') line++;
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { push(); i++; continue; }
    if (c === '\r' || c === '\n') {
      end();
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++; line++; start = line; continue;
    }
    field += c; i++;
  }
  if ((field !== '' || rec.length) && out.length < max) end();
  return out;
}

// columns: [{ name, required, zh }]
export function csvImportPanel({ id, title, endpoint, columns, intro, sample, extra, onDone }) {
  const fileInput = h('input', { type: 'file', id: `${id}-file`, name: 'file', accept: '.csv,text/csv' });
  const previewHost = h('div', { class: 'import-preview' });
  const resultHost = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: `${id}-go`, disabled: true }, '导入');
  let file = null;
  const form = h('form', { class: 'import-form', novalidate: true },
    h('div', { class: 'field', dataset: { field: 'file' } }, h('label', { for: fileInput.id }, '选择 CSV 文件'), fileInput),
    previewHost,
    h('div', { class: 'actions left' }, btn),
    resultHost);

  const colTable = h('ul', { class: 'cols-list', 'aria-label': '文件的列（第一行为列名）' },
    columns.map((c) => h('li', {}, h('code', { class: 'mono' }, c.name), ` — ${c.zh}`, h('span', { class: c.required ? 'req' : 'muted' }, c.required ? '（必填）' : '（可选）'))));
  const panel = h('section', { class: 'panel import-panel', id, 'aria-labelledby': `${id}-title` },
    h('details', { class: 'import-details' },
      h('summary', {}, h('h2', { id: `${id}-title`, class: 'inline-h' }, title)),
      h('div', { class: 'import-help' },
        intro ? h('p', {}, intro) : null,
        h('p', {}, '第一行为列名（英文，顺序不限），其下每行一条记录：'),
        colTable,
        h('p', { class: 'hint' }, '文件须为 UTF-8 编码的 CSV：在 Excel 或 WPS 中选择“文件 → 另存为”，保存类型选 “CSV UTF-8（逗号分隔）(*.csv)”。',
          '身份证号列请设为“文本”格式，以免被转成数字。整个文件全部无误才会导入；有错误时不会写入任何一行。'),
        sample ? h('pre', { class: 'sample mono' }, sample) : null,
        extra || null),
      form));

  fileInput.addEventListener('change', async () => {
    clear(resultHost);
    file = fileInput.files && fileInput.files[0];
    btn.disabled = !file;
    if (!file) { clear(previewHost); return; }
    clear(previewHost, loading('正在读取文件…'));
    const { text, encoding } = decodeCsv(await file.arrayBuffer());
    const all = parseCsv(text);
    const recs = all.slice(0, PREVIEW_ROWS + 1);
    if (recs.length === 0) {
      clear(previewHost, h('p', { class: 'warn' }, '文件是空的：第一行应为列名，其下每行一条记录。'));
      return;
    }
    const header = recs[0].fields.map((x) => x.trim());
    const lower = header.map((x) => x.toLowerCase());
    const found = columns.filter((c) => lower.includes(c.name));
    const missing = columns.filter((c) => c.required && !lower.includes(c.name));
    const extra = header.filter((x) => !columns.some((c) => c.name === x.toLowerCase()));
    const rows = recs.slice(1);
    clear(previewHost,
      h('p', { class: 'muted' }, `文件：${file.name}（${(file.size / 1024).toFixed(1)} KB，${encoding}），共 ${all.length - 1} 条记录。`,
        encoding.startsWith('GB') ? ' 文件不是 UTF-8，服务器会按 GB18030 读取；如出现乱码请另存为 “CSV UTF-8（逗号分隔）”。' : ''),
      h('p', { class: 'detected-cols' }, '识别到的列：',
        found.map((c) => h('span', { class: 'chip chip-met', dataset: { col: c.name }, title: c.zh }, c.name)),
        extra.map((x) => h('span', { class: 'chip chip-exempt', title: '系统不使用此列' }, `${x}（不使用）`))),
      missing.length ? h('p', { class: 'warn', role: 'alert' }, `缺少必填列：${missing.map((c) => `${c.name}（${c.zh}）`).join('、')}。导入会被拒绝，请检查第一行列名。`) : null,
      h('div', { class: 'table-scroll' }, h('table', { class: 'table preview-table' },
        h('caption', {}, `预览前 ${rows.length} 条`),
        h('thead', {}, h('tr', {}, h('th', {}, '行'), header.map((x) => h('th', {}, x)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { class: 'num' }, String(r.line)), header.map((_, i) => h('td', {}, r.fields[i] ?? '')))))))); 
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file) return;
    btn.disabled = true;
    btn.textContent = '正在导入…';
    clear(resultHost, loading('正在导入，请稍候…'));
    try {
      const r = await sendFile(endpoint, file);
      clear(resultHost, h('div', { class: 'import-ok', role: 'status' },
        h('p', {}, h('strong', {}, `已导入 ${r.imported} 条`), `，跳过重复 ${r.skipped_duplicates} 条`,
          r.encoding ? `（文件编码 ${r.encoding.toUpperCase()}）` : '', '。')));
      if (onDone) await onDone(r);
    } catch (e) {
      clear(resultHost, failure(e));
    } finally {
      btn.disabled = !file;
      btn.textContent = '导入';
    }
  });
  return panel;
}

function failure(e) {
  if (!(e instanceof ApiError) || e.status !== 422) {
    return h('div', { class: 'import-fail', role: 'alert' }, h('p', {}, errorText(e)),
      e instanceof ApiError ? h('p', { class: 'err-detail' }, `${e.code}：${e.message}`) : null);
  }
  const rows = e.rows || [];
  const more = Number(e.moreRows) || 0;
  // An hr report names only the first few ID numbers unknown in the user's units (never how many more).
  const unlisted = e.rule === 'import_unknown_ids' || e.rule === 'import_unknown_ids_budget';
  const ceiling = e.rule === 'file_too_many_records';
  return h('div', { class: 'import-fail', role: 'alert' },
    h('p', {}, h('strong', {}, rows.length
      ? (ceiling ? '文件记录过多，整个文件均未导入' : `文件中有 ${rows.length + more} 行有误，整个文件均未导入`)
      : e.zh),
      '：系统中没有写入任何记录。请更正后重新导入整个文件。'),
    rows.length ? null : h('p', { class: 'err-detail' }, e.rule),
    rows.length ? h('table', { class: 'table stack import-errors' },
      h('thead', {}, h('tr', {}, h('th', {}, '行号'), h('th', {}, '原因'))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { line: r.line } },
        h('td', { 'data-label': '行号', class: 'nowrap' }, `第 ${r.line} 行`),
        h('td', { 'data-label': '原因' }, r.message, h('div', { class: 'err-detail' }, (r.rules || []).join(' · '))))))) : null,
    more > 0 ? h('p', { class: 'import-more', dataset: { moreRows: String(more) } },
      `另有 ${more} 行错误未列出（只列出前 ${rows.length} 行）。`) : null,
    unlisted ? h('p', { class: 'import-unlisted warn' },
      '另有若干行的身份证号在您所管理的单位中找不到对应人员：超过前 10 行后不再逐行列出，也不计数。请核对整个文件的身份证号。') : null);
}
