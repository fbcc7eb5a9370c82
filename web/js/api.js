// Thin client for /api/v1: JSON in and out, the session cookie carries the login.
// Every failure becomes an ApiError; its `zh` is the server's own message (in Chinese: every
// request sends Accept-Language: zh-CN), its `rule` the stable code to branch on.

// The language of the server's messages: the page is Chinese whatever the browser's own.
const LANG = { 'Accept-Language': 'zh-CN' };

export class ApiError extends Error {
  constructor(status, code, message, field, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || '';
    Object.assign(this, extra);
  }
  get zh() { return translateError(this); }
}

const CODE_ZH = {
  invalid_json: '请求格式错误',
  bad_request: '请求地址无效',
  unauthenticated: '未登录或登录已过期，请重新登录',
  forbidden: '您的账号没有权限执行此操作',
  not_found: '未找到该记录，或它不在您所管理的单位范围内',
  method_not_allowed: '不支持此操作',
  conflict: '与现有记录冲突',
  too_large: '提交的内容过大',
  unsupported_media_type: '提交的内容类型不受支持',
  headers_too_large: '请求头过大',
  validation_failed: '填写的内容有误',
  rate_limited: '登录失败次数过多',
  unavailable: '服务器繁忙，请稍后再试',
  insufficient_storage: '服务器存储空间不足，请联系管理员',
  internal: '服务器内部错误，请稍后再试或联系管理员',
  network: '无法连接服务器，请检查网络后重试',
};

// An error in the words a person reads: the server's message, which is Chinese (every request
// asks for zh-CN) and names the field and the rule broken; the coarse code's wording only when
// the server could not be reached or did not answer in JSON (a proxy's page).
export function translateError(err) {
  if (err.serverMessage) return err.message;
  return CODE_ZH[err.code] || `操作失败（HTTP ${err.status}）`;
}

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }
// A 403 with rule password_change_required: the user must choose a new password first.
let onPasswordChangeRequired = () => {};
export function setPasswordChangeHandler(fn) { onPasswordChangeRequired = fn; }

// fetch of an API path with the session cookie and the page's language; a network failure
// becomes ApiError(0, 'network').
async function fetchApi(path, init = {}) {
  try {
    return await fetch('/api/v1' + path, { credentials: 'same-origin', ...init, headers: { ...LANG, ...(init.headers || {}) } });
  } catch (e) {
    throw new ApiError(0, 'network', String(e.message || e));
  }
}

// An answer's text as JSON, or null (empty, or not JSON: a proxy's page).
function parseJson(text) {
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

// The ApiError of a failed answer (anything with status, statusText and headers.get: a fetch
// Response or an XMLHttpRequest's), after telling the page about a lost session or a password
// to change.
function failure(res, data, text, { quiet401 = false } = {}) {
  const e = (data && data.error) || {};
  const err = new ApiError(res.status, e.code || (res.status === 404 ? 'not_found' : 'internal'), e.message || text || res.statusText, e.field,
    { retryAfter: res.headers.get('Retry-After'), rows: data && data.rows, moreRows: (data && data.more_rows) || 0, rule: e.rule || '', params: e.params || {}, failed: e.failed || null, serverMessage: !!e.message });
  if (res.status === 401 && !quiet401) onUnauthenticated(err);
  if (res.status === 403 && err.rule === 'password_change_required') onPasswordChangeRequired(err);
  return err;
}

// The JSON of an answer (null for 204 or an empty body); throws its ApiError when it failed.
async function jsonAnswer(res, opts) {
  if (res.status === 204) return null;
  const text = await res.text();
  const data = parseJson(text);
  if (!res.ok) throw failure(res, data, text, opts);
  return data;
}

// Throws the ApiError of a failed answer whose success is a file, not JSON.
async function throwIfFailed(res) {
  if (!res.ok) await jsonAnswer(res);
}

export async function api(method, path, body, { quiet401 = false } = {}) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return jsonAnswer(await fetchApi(path, init), { quiet401 });
}

// POSTs a file's bytes as they are (the server detects UTF-8 / GB18030).
export async function sendFile(path, blob, contentType = 'text/csv') {
  const res = await fetchApi(path, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': contentType }, body: blob });
  return jsonAnswer(res);
}

// PUTs (or POSTs) a file's bytes as they are, with the file's own type, through XMLHttpRequest so
// that the bytes sent can be shown while a phone uploads a photo (`onProgress(sent, total)`):
// fetch cannot report an upload's progress. Resolves with the JSON answer; rejects with an
// ApiError (the server's Chinese message).
export function uploadFile(path, file, { method = 'PUT', contentType, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, '/api/v1' + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept-Language', LANG['Accept-Language']);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', contentType || file.type || 'application/octet-stream');
    if (onProgress) xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'network error')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'network', 'aborted')));
    xhr.addEventListener('load', () => {
      const text = xhr.responseText || '';
      const data = parseJson(text);
      if (xhr.status >= 200 && xhr.status < 300) { resolve(data); return; }
      reject(failure({ status: xhr.status, statusText: xhr.statusText, headers: { get: (k) => xhr.getResponseHeader(k) } }, data, text));
    });
    xhr.send(file);
  });
}

// A file of the API as a Blob (an evidence PDF to open in the browser's viewer). `type`: the
// Blob's type when the caller knows it better than the answer's header.
export async function fetchBlob(path, { type } = {}) {
  const res = await fetchApi(path);
  await throwIfFailed(res);
  const buf = await res.arrayBuffer();
  return new Blob([buf], { type: type || res.headers.get('Content-Type') || 'application/octet-stream' });
}

// The file name the server suggests: filename* (RFC 5987, UTF-8) first, else filename.
export function dispositionName(header) {
  if (!header) return '';
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) { try { return decodeURIComponent(star[2].trim()); } catch { /* fall through */ } }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] || plain[2] || '').trim() : '';
}

// Downloads a file from the API: fetch -> blob (reporting bytes received) -> a saved file with the
// server's name. Returns {name, size}.
export async function download(path, { onProgress, fallbackName = 'download' } = {}) {
  const res = await fetchApi(path);
  await throwIfFailed(res);
  const total = +(res.headers.get('Content-Length') || 0);
  const chunks = [];
  let got = 0;
  if (res.body && res.body.getReader) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      if (onProgress) onProgress(got, total);
    }
  } else {
    const b = new Uint8Array(await res.arrayBuffer());
    chunks.push(b);
    got = b.length;
  }
  const blob = new Blob(chunks, { type: res.headers.get('Content-Type') || 'application/octet-stream' });
  const name = dispositionName(res.headers.get('Content-Disposition')) || fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return { name, size: got };
}

let pathsCache = null;
// Whether the running server offers an endpoint (from its OpenAPI description), e.g. '/api/v1/rotation/export'.
export async function hasEndpoint(p) {
  if (!pathsCache) {
    pathsCache = get('/openapi.json').then((d) => new Set(Object.keys((d && d.paths) || {}))).catch(() => { pathsCache = null; return new Set(); });
  }
  return (await pathsCache).has(p);
}

export const get = (p, o) => api('GET', p, undefined, o);
// A whole list: pages of 1000 (the API's largest) until `total` is reached; the answer of the
// first page with every item. For the short lists a page shows whole (units, certificates…).
export async function getAll(p, o) {
  const sep = p.includes('?') ? '&' : '?';
  const first = await get(`${p}${sep}limit=1000`, o);
  const items = first.items || [];
  while (items.length < (first.total || 0)) {
    const next = await get(`${p}${sep}limit=1000&offset=${items.length}`, o);
    if (!next.items || next.items.length === 0) break;
    items.push(...next.items);
  }
  return { ...first, items };
}
export const post = (p, b, o) => api('POST', p, b, o);
export const patch = (p, b, o) => api('PATCH', p, b, o);
export const put = (p, b, o) => api('PUT', p, b, o);
export const del = (p, o) => api('DELETE', p, undefined, o);

export function qs(params) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, v);
  const t = s.toString();
  return t ? '?' + t : '';
}
