// Sorting and paging of tables shown whole from data the page holds: click a column header to sort
// by it (aria-sort on that header, ascending then descending), a search box, and pages of rows.
import { h, clear } from './ui.js';

const collator = new Intl.Collator('zh-CN', { numeric: true });

// a < b for sorting: numbers as numbers, text in Chinese (pinyin) order; empty values last.
export function compareValues(a, b) {
  const ea = a === null || a === undefined || a === '';
  const eb = b === null || b === undefined || b === '';
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

// A header cell that sorts: a button inside the <th> (keyboard and screen readers), the state in aria-sort.
function sortHeader(col, sort, onSort) {
  const active = sort && sort.key === col.key;
  const dir = active ? sort.dir : null;
  const th = h('th', { scope: 'col', class: [col.thClass, 'sortable'].filter(Boolean).join(' '), 'aria-sort': dir || null, dataset: { sortKey: col.key } },
    h('button', { type: 'button', class: 'sort-btn', title: `按${col.sortLabel || col.label}排序` },
      col.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ' ⇅')));
  th.querySelector('button').addEventListener('click', () => {
    const next = active ? (dir === 'ascending' ? 'descending' : 'ascending') : (col.firstDir || 'ascending');
    onSort({ key: col.key, dir: next });
  });
  return th;
}

// rows sorted by `sort` ({key, dir}) with the columns' `sort` functions; stable.
export function sortRows(rows, columns, sort) {
  const col = sort && columns.find((c) => c.key === sort.key);
  if (!col || !col.sort) return rows.slice();
  const sign = sort.dir === 'descending' ? -1 : 1;
  const empty = (v) => v === null || v === undefined || v === '';
  return rows.map((r, i) => [r, i, col.sort(r)]).sort((x, y) => {
    const c = compareValues(x[2], y[2]);
    // empty values stay last in both directions
    if (empty(x[2]) || empty(y[2])) return c || x[1] - y[1];
    return sign * c || x[1] - y[1];
  }).map(([r]) => r);
}

// A table of `rows` (plain data): columns [{key, label, cell(r) -> node|text, sort?(r) -> value,
// firstDir?, thClass?, tdClass?, dataLabel?}], paged by `pageSize`, sorted by clicking a header.
// `search`: {label, placeholder, match(r, q)} adds a search box. `printAll`: printing (a 打印 button or
// Ctrl+P) shows every row the search finds, not the page on screen. Returns {el, setRows(rows), redraw()}.
export function dataTable({ columns, rows = [], pageSize = 50, tableClass = 'table stack', caption, captionClass, rowAttrs, search,
  sort = null, emptyText = '没有符合条件的记录。', onChange, idPrefix = 'dt', printAll = false }) {
  const state = { rows, sort, page: 1, q: '', all: false };
  const box = search ? h('input', { type: 'search', id: `${idPrefix}-q`, placeholder: search.placeholder || '', autocomplete: 'off' }) : null;
  // What the search found (only with a search box: a page says its own count otherwise).
  const status = search ? h('p', { class: 'muted dt-status', role: 'status' }) : null;
  const host = h('div', { class: 'dt-host' });
  const el = h('div', { class: 'data-table' },
    box ? h('div', { class: 'inline-field dt-search' }, h('label', { for: box.id }, search.label || '搜索'), box) : null,
    status, host);

  const filtered = () => {
    const q = state.q.trim();
    return q && search ? state.rows.filter((r) => search.match(r, q)) : state.rows;
  };

  function pager(total, pages) {
    const from = total === 0 ? 0 : (state.page - 1) * pageSize + 1;
    const to = Math.min(total, state.page * pageSize);
    return h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: state.page <= 1, onclick: () => { state.page--; draw(); } }, '上一页'),
      h('span', { class: 'pager-text' }, `共 ${total} 条，第 ${from}–${to} 条（第 ${state.page}/${pages} 页）`),
      h('button', { type: 'button', class: 'secondary', disabled: state.page >= pages, onclick: () => { state.page++; draw(); } }, '下一页'));
  }

  function draw() {
    const list = sortRows(filtered(), columns, state.sort);
    const pages = Math.max(1, Math.ceil(list.length / pageSize));
    if (state.page > pages) state.page = pages;
    if (status) {
      status.textContent = state.q.trim()
        ? `找到 ${list.length} 条（共 ${state.rows.length} 条）`
        : `共 ${list.length} 条`;
    }
    if (list.length === 0) { clear(host, h('p', { class: 'muted dt-empty' }, emptyText)); if (onChange) onChange(state); return; }
    const paged = list.length > pageSize && !state.all;
    const shown = paged ? list.slice((state.page - 1) * pageSize, state.page * pageSize) : list;
    const head = h('tr', {}, columns.map((c) => c.sort
      ? sortHeader(c, state.sort, (s) => { state.sort = s; state.page = 1; draw(); host.querySelector(`th[data-sort-key="${c.key}"] button`).focus(); })
      : h('th', { scope: 'col', class: c.thClass || null }, c.label)));
    clear(host,
      paged ? pager(list.length, pages) : null,
      h('table', { class: tableClass },
        caption ? h('caption', { class: captionClass || null }, caption) : null,
        h('thead', {}, head),
        h('tbody', {}, shown.map((r) => h('tr', rowAttrs ? rowAttrs(r) : {},
          columns.map((c) => h('td', { class: c.tdClass || null, 'data-label': c.dataLabel === undefined ? (typeof c.label === 'string' ? c.label : null) : c.dataLabel }, c.cell(r))))))),
      paged ? pager(list.length, pages) : null);
    if (onChange) onChange(state);
  }

  if (printAll) {
    // The listeners go with the table: once it is off the page they remove themselves.
    const before = () => { if (!el.isConnected) return off(); if (!state.all) { state.all = true; draw(); } };
    const after = () => { if (!el.isConnected) return off(); if (state.all) { state.all = false; draw(); } };
    const off = () => { window.removeEventListener('beforeprint', before); window.removeEventListener('afterprint', after); };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
  }

  if (box) {
    let timer = null;
    box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { state.q = box.value; state.page = 1; draw(); }, 150); });
    box.addEventListener('search', () => { clearTimeout(timer); state.q = box.value; state.page = 1; draw(); });
  }
  draw();
  return {
    el,
    state,
    setRows(next) { state.rows = next; state.page = 1; draw(); },
    redraw: draw,
  };
}

// Sorting for a table already drawn whole (every row in the DOM): the headers with data-sort
// ("text" or "number") sort the tbody rows by that column (a cell's data-value first, else its text).
export function sortableTable(table) {
  const ths = [...table.querySelectorAll('thead tr:last-child th')];
  const body = table.tBodies[0];
  if (!body) return table;
  const original = [...body.rows];
  ths.forEach((th, idx) => {
    const kind = th.dataset.sort;
    if (!kind) return;
    const label = th.textContent;
    const mark = h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, ' ⇅');
    const btn = h('button', { type: 'button', class: 'sort-btn', title: `按${label}排序` }, label, mark);
    th.replaceChildren(btn);
    th.classList.add('sortable');
    btn.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : th.getAttribute('aria-sort') === 'descending' ? 'ascending' : (th.dataset.firstDir || 'ascending');
      ths.forEach((o) => { if (o !== th) { o.removeAttribute('aria-sort'); const m = o.querySelector('.sort-mark'); if (m) m.textContent = ' ⇅'; } });
      th.setAttribute('aria-sort', dir);
      mark.textContent = dir === 'ascending' ? ' ▲' : ' ▼';
      const value = (tr) => {
        const cell = tr.cells[idx];
        if (!cell) return null;
        const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
        if (kind === 'number') { const n = parseFloat(String(raw).replace(/[^\d.-]/g, '')); return Number.isFinite(n) ? n : null; }
        return raw;
      };
      // Rows marked data-sort-pin (a unit's own officers, 本级) stay on top.
      const pinned = original.filter((r) => r.dataset.sortPin);
      const rest = original.filter((r) => !r.dataset.sortPin).map((r, i) => [r, i]);
      const sign = dir === 'descending' ? -1 : 1;
      rest.sort((a, b) => {
        const va = value(a[0]); const vb = value(b[0]);
        const empty = (v) => v === null || v === '';
        if (empty(va) || empty(vb)) return compareValues(va, vb) || a[1] - b[1];
        return sign * compareValues(va, vb) || a[1] - b[1];
      });
      body.replaceChildren(...pinned, ...rest.map(([r]) => r));
    });
  });
  return table;
}
