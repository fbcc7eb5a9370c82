// A CSV import panel (签到表 on 培训登记 and on a training's own page, 人员名册 on 本单位): pick a file,
// preview its first rows as parsed here with the columns it names (English or Chinese headers, as the
// server reads them), then send the file. The server takes all or nothing: on 422 the refused lines
// are listed with their reasons (the first 100; more_rows counts the others), and the page says that
// nothing was written.
//
// A training's page imports a sign-in sheet for that training alone (`fill`): a file without the
// 培训编号 / training_id column gets one, and blank cells of that column get the training's id. The
// page does that on the text it decoded (UTF-8, or GB18030 as Chinese Excel writes it — the browser's
// decoder is exact for a file it reads without error, and the columns the import uses are ASCII
// anyway) and sends the result as UTF-8; no line break is added or removed, so the line numbers the
// server reports are the file's own. A file that needs no change (the column there, filled with this
// training's id) is sent byte for byte as it is, whatever its encoding.
import { sendFile, ApiError, download } from './api.js';
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

// The records of `text` with where each field lies, read as the server reads them (RFC 4180: a quote
// opens a field only at its start; CRLF, LF or a lone CR ends a record; a record of blank fields is
// skipped). Each record: {line, start, next, blank, fields: [{start, end, value}]}.
export function scanCsv(text) {
  const t = text;
  const n = t.length;
  const recs = [];
  let i = 0;
  let line = 1;
  while (i < n) {
    const rec = { line, start: i, fields: [] };
    for (;;) {
      const f = { start: i, value: '' };
      if (t[i] === '"') {
        i++;
        while (i < n) {
          const c = t[i];
          if (c === '"') {
            if (t[i + 1] === '"') { f.value += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (c === '\r' || c === '\n') { if (c === '\r' && t[i + 1] === '\n') i++; i++; line++; f.value += '\n'; continue; }
          f.value += c;
          i++;
        }
      }
      while (i < n && t[i] !== ',' && t[i] !== '\r' && t[i] !== '\n') { f.value += t[i]; i++; }
      f.end = i;
      rec.fields.push(f);
      if (i < n && t[i] === ',') { i++; continue; }
      if (i < n) { if (t[i] === '\r' && t[i + 1] === '\n') i++; i++; line++; }
      break;
    }
    rec.next = i;
    rec.blank = rec.fields.every((f) => /^[ \t]*$/.test(f.value));
    recs.push(rec);
  }
  return recs;
}

// Whether header cell `x` names column `c` ({name, alias}): case-insensitive, surrounding blanks
// ignored, by its English name or its Chinese one (as the server maps them).
export function namesColumn(x, c) {
  const v = String(x).trim().toLowerCase();
  return v === c.name || (!!c.alias && v === c.alias.toLowerCase());
}

// `text` with column `col` ({name, alias}) holding `value` on every record: a file without the
// column gets it first (named by its alias, or name), blank cells of the column get `value`; other
// bytes, line breaks included, stay as they are. Returns {text, changed, inserted, filled: [line…],
// others: [{line, value}]} (`others`: records naming another value; left as they are).
export function fillColumn(text, col, value) {
  const recs = scanCsv(text);
  const header = recs.find((r) => !r.blank);
  const out = { text, changed: false, inserted: false, filled: [], others: [] };
  if (!header) return out;
  const idx = header.fields.findIndex((f) => namesColumn(f.value, col));
  let s = '';
  for (const r of recs) {
    const raw = text.slice(r.start, r.next);
    if (r.blank) { s += raw; continue; }
    if (idx < 0) {
      s += `${r === header ? (col.alias || col.name) : value},${raw}`;
      continue;
    }
    const f = r.fields[idx];
    if (r === header || !f) { s += raw; continue; }
    const v = f.value.trim().replace(/^'/, '');
    if (v === '') {
      s += text.slice(r.start, f.start) + value + text.slice(f.end, r.next);
      out.filled.push(r.line);
    } else {
      if (!(/^\d+$/.test(v) && Number(v) === Number(value))) out.others.push({ line: r.line, value: v });
      s += raw;
    }
  }
  out.inserted = idx < 0;
  out.changed = out.inserted || out.filled.length > 0;
  if (out.changed) out.text = s;
  return out;
}

// columns: [{ name, alias?, required, zh }]; fill: { column: name, value, label } (a training's page)
// 下载模板: the import's blank sheet from the server (GET {endpoint}/template), as CSV or as an Excel
// workbook whose columns are already 文本 and which carries a 填写说明 sheet.
function templateLinks(id, endpoint) {
  const status = h('span', { class: 'hint', role: 'status' });
  const get = (format, label) => {
    const b = h('button', { type: 'button', class: 'secondary', id: `${id}-tpl-${format}` }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const r = await download(`${endpoint}/template?format=${format}`, { fallbackName: `template.${format}` });
        status.textContent = `已下载 ${r.name}`;
      } catch (e) {
        status.textContent = '模板下载失败：' + errorText(e);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  return h('div', { class: 'actions left import-templates' }, h('span', {}, '下载模板：'),
    get('xlsx', 'Excel 模板（含填写说明）'), get('csv', 'CSV 模板'), status);
}

// `templates: false`: an import with no blank sheet to download (the score sheet).
export function csvImportPanel({ id, title, endpoint, columns, intro, sample, extra, onDone, fill, open = false, templates = true }) {
  const fileInput = h('input', { type: 'file', id: `${id}-file`, name: 'file', accept: '.csv,text/csv' });
  const previewHost = h('div', { class: 'import-preview' });
  const resultHost = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', id: `${id}-go`, disabled: true }, '导入');
  const blockNote = h('p', { class: 'hint import-blocked', id: `${id}-blocked`, hidden: true });
  let file = null;
  let body = null; // what is sent: the file itself, or the text with the training's column filled in
  let blocked = '';
  let sentEncoding = ''; // a GB18030 file sent as UTF-8 text with the training's column: its own encoding
  const form = h('form', { class: 'import-form', novalidate: true },
    h('div', { class: 'field', dataset: { field: 'file' } }, h('label', { for: fileInput.id }, '选择 CSV 文件'), fileInput),
    previewHost,
    h('div', { class: 'actions left' }, btn, blockNote),
    resultHost);
  const setReady = () => {
    btn.disabled = !body || !!blocked;
    blockNote.hidden = !blocked;
    blockNote.textContent = blocked ? `不能导入：${blocked}` : '';
    if (blocked) btn.setAttribute('aria-describedby', blockNote.id); else btn.removeAttribute('aria-describedby');
  };

  const filled = (c) => fill && fill.column === c.name;
  const colTable = h('ul', { class: 'cols-list', 'aria-label': '文件的列（第一行为列名）' },
    columns.map((c) => h('li', { dataset: { col: c.name } },
      h('code', { class: 'mono' }, c.name), c.alias ? ['或', h('code', { class: 'mono' }, c.alias)] : null, ` — ${c.zh}`,
      h('span', { class: c.required && !filled(c) ? 'req' : 'muted' }, filled(c) ? `（可省略：导入时自动填入${fill.label}）` : c.required ? '（必填）' : '（可选）'))));
  const panel = h('section', { class: 'panel import-panel', id, 'aria-labelledby': `${id}-title` },
    h('details', { class: 'import-details', open },
      h('summary', {}, h('h2', { id: `${id}-title`, class: 'inline-h' }, title)),
      h('div', { class: 'import-help' },
        intro ? h('p', {}, intro) : null,
        h('p', {}, '第一行为列名，英文或中文均可（不区分大小写，顺序不限；序号、签名、备注等其他列会被忽略），其下每行一条记录：'),
        colTable,
        h('p', { class: 'hint' }, '文件为 CSV 格式：UTF-8 编码，或 Excel、WPS 在中文 Windows 上直接保存的 GB18030（GBK）编码均可。',
          '在 Excel 或 WPS 中选择“文件 → 另存为”，保存类型选 “CSV UTF-8（逗号分隔）(*.csv)” 或 “CSV（逗号分隔）(*.csv)”；Excel 工作簿（.xlsx/.xls）不能直接导入。',
          '身份证号列请设为“文本”格式，以免被转成数字。整个文件全部无误才会导入；有错误时不会写入任何一行。'),
        sample ? h('pre', { class: 'sample mono', role: 'region', 'aria-label': '示例文件', tabindex: '0' }, sample) : null,
        templates ? templateLinks(id, endpoint) : null,
        extra || null),
      form));

  fileInput.addEventListener('change', async () => {
    clear(resultHost);
    file = fileInput.files && fileInput.files[0];
    body = null;
    blocked = '';
    sentEncoding = '';
    setReady();
    if (!file) { clear(previewHost); return; }
    clear(previewHost, loading('正在读取文件…'));
    const chosen = file;
    const { text: decoded, encoding } = decodeCsv(await chosen.arrayBuffer());
    if (chosen !== file) return; // another file was chosen meanwhile
    let text = decoded;
    const notes = [];
    body = file;
    if (fill && encoding !== '无法识别') {
      const col = columns.find((c) => c.name === fill.column);
      const r = fillColumn(decoded, col, fill.value);
      if (r.others.length) {
        const o = r.others[0];
        blocked = `第 ${o.line} 行的${col.alias}是“${o.value}”，不是${fill.label}${r.others.length > 1 ? `（共 ${r.others.length} 行如此）` : ''}。`
          + '本页只导入本培训的签到表：请删去该列或改正；多次培训的签到表请在“培训登记”页导入。';
      }
      if (r.inserted) notes.push(`文件没有“${col.alias}”列：导入时自动加上该列，填入${fill.label}（原文件不变）。`);
      else if (r.filled.length) notes.push(`第 ${r.filled.slice(0, 5).join('、')}${r.filled.length > 5 ? ' 等' : ''} 行的“${col.alias}”为空：导入时自动填入${fill.label}。`);
      if (r.changed) {
        text = r.text;
        body = new Blob([text], { type: 'text/csv' });
        if (encoding !== 'UTF-8') sentEncoding = 'GB18030';
      }
    }
    const all = parseCsv(text);
    const recs = all.slice(0, PREVIEW_ROWS + 1);
    if (recs.length === 0) {
      body = null;
      clear(previewHost, h('p', { class: 'warn' }, '文件是空的：第一行应为列名，其下每行一条记录。'));
      setReady();
      return;
    }
    const header = recs[0].fields.map((x) => x.trim());
    const hits = (c) => header.filter((x) => namesColumn(x, c)).length;
    const found = columns.filter((c) => hits(c) > 0);
    const missing = columns.filter((c) => c.required && hits(c) === 0);
    const twice = columns.filter((c) => hits(c) > 1);
    const unused = header.filter((x) => !columns.some((c) => namesColumn(x, c)));
    const rows = recs.slice(1);
    if (missing.length) blocked = `缺少必填列 ${missing.map((c) => c.alias || c.name).join('、')}。`;
    else if (twice.length) blocked = `列 ${twice.map((c) => c.alias || c.name).join('、')} 出现了两次（英文名和中文名算同一列）。`;
    else if (all.length < 2) blocked = '文件只有列名，没有记录。';
    clear(previewHost,
      h('p', { class: 'muted' }, `文件：${file.name}（${(file.size / 1024).toFixed(1)} KB，${encoding}），共 ${all.length - 1} 条记录。`,
        encoding.startsWith('GB') ? ' 文件为 GB18030（GBK）编码，系统按此读取；如预览中文字乱码，请另存为 “CSV UTF-8（逗号分隔）”。' : '',
        encoding === '无法识别' ? ' 文件既不是 UTF-8 也不是 GB18030（GBK）编码，导入会被拒绝：请另存为 “CSV UTF-8（逗号分隔）”。' : ''),
      notes.map((n) => h('p', { class: 'import-note' }, n)),
      h('p', { class: 'detected-cols' }, '识别到的列：',
        found.map((c) => h('span', { class: 'chip chip-met', dataset: { col: c.name }, title: c.zh }, header.find((x) => namesColumn(x, c)))),
        unused.map((x) => h('span', { class: 'chip chip-exempt', title: '系统不使用此列' }, `${x}（不使用）`))),
      missing.length ? h('p', { class: 'warn', role: 'alert' }, `缺少必填列：${missing.map((c) => `${c.name}${c.alias ? ` / ${c.alias}` : ''}（${c.zh}）`).join('、')}。请检查第一行列名。`) : null,
      twice.length ? h('p', { class: 'warn', role: 'alert' }, `列名重复：${twice.map((c) => `${c.name}${c.alias ? ` / ${c.alias}` : ''}`).join('、')}。每列只能出现一次。`) : null,
      blocked && !missing.length && !twice.length ? h('p', { class: 'warn', role: 'alert' }, blocked) : null,
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': '文件预览', tabindex: '0' }, h('table', { class: 'table preview-table' },
        h('caption', {}, `预览前 ${rows.length} 条`),
        h('thead', {}, h('tr', {}, h('th', {}, '行'), header.map((x) => h('th', {}, x)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { class: 'num' }, String(r.line)), header.map((_, i) => h('td', {}, r.fields[i] ?? ''))))))));
    setReady();
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!body || blocked) return;
    btn.disabled = true;
    btn.textContent = '正在导入…';
    clear(resultHost, loading('正在导入，请稍候…'));
    try {
      const r = await sendFile(endpoint, body);
      clear(resultHost, h('div', { class: 'import-ok', role: 'status' },
        h('p', {}, h('strong', {}, `已导入 ${r.imported} 条`), `，跳过重复 ${r.skipped_duplicates} 条`,
          sentEncoding ? `（文件编码 ${sentEncoding}，加上培训编号后按 UTF-8 发送）` : r.encoding ? `（文件编码 ${r.encoding.toUpperCase()}）` : '', '。')));
      if (onDone) await onDone(r);
    } catch (e) {
      clear(resultHost, failure(e));
    } finally {
      btn.textContent = '导入';
      setReady();
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
