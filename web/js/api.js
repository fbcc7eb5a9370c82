// Thin client for /api/v1: JSON in and out, the session cookie carries the login.
// Every failure becomes an ApiError whose Chinese text names what went wrong.

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

export const FIELD_ZH = {
  username: '用户名', password: '密码', name: '姓名', id_number: '身份证号', unit_id: '所属单位',
  kind: '人员类别', post_start: '到岗日期', post_end: '离岗日期', status: '状态',
  title: '培训名称', organizer_unit_id: '主办单位', start_date: '开始日期', end_date: '结束日期',
  hours: '学时', 'hours.legal': '公共法律知识学时', 'hours.business': '业务知识和行政执法技能学时',
  'hours.political': '政治理论教育和党性教育学时', rotation: '轮训标记', mode: '培训形式',
  records: '参训人员', officer_id: '人员', year: '年度', as_of: '截至日期', q: '搜索', limit: '每页条数', offset: '起始位置',
  number: '证号', issued_on: '发证日期', expires_on: '有效期至', effective_on: '生效日期', reason: '原因', until: '暂扣截止日期',
  window_start: '轮训开始日期', deadline: '完成期限', campaign_id: '轮训批次', format: '文件格式', file: '文件', header: '表头',
  action: '操作', grade: '考核等次', entity: '对象类型', entity_id: '对象编号', days: '天数', on: '日期',
  role: '角色', current_password: '当前密码', new_password: '新密码', disabled: '账号状态', must_change_password: '首次登录须修改密码',
};

// Minutes to wait, from Retry-After (seconds) or "… N seconds" in the message.
function waitMinutes(err) {
  const secs = err.retryAfter || (/(\d+) seconds/.exec(err.message || '') || [])[1];
  return secs ? Math.max(1, Math.ceil(+secs / 60)) : 0;
}
const passwordLabel = (err) => FIELD_ZH[err.field] || '密码';

// Errors by their stable rule (api.md: clients branch on error.rule, never on the text).
// Each text is a whole sentence: no field label is put in front of it.
export const RULE_ZH = {
  login_throttled: (e) => { const m = waitMinutes(e); return m ? `登录失败次数过多，请 ${m} 分钟后再试` : '登录失败次数过多，请稍后再试'; },
  login_failed: () => '用户名或密码错误',
  account_disabled: () => '账号已停用，请联系管理员',
  officer_left: () => '人员已离岗，账号不能再登录',
  username_too_long: () => '用户名过长：最多 64 个字符',
  username_taken: () => '该用户名已被使用，请换一个',
  username_invalid: () => '用户名只能由字母、数字和“_”“.”“-”组成，最多 64 个字符',
  user_link_required: (e) => (e.field === 'officer_id' ? '执法人员账号须选择对应的人员' : '人事专员账号须选择所管理的单位'),
  password_too_short: (e) => `${passwordLabel(e)}太短：至少 8 个字符`,
  password_too_long: (e) => `${passwordLabel(e)}太长：最多 256 个字节（约 85 个汉字）`,
  password_too_common: (e) => `${passwordLabel(e)}过于常见，容易被猜中：请换一个不在常见密码列表中的密码`,
  password_is_username: (e) => `${passwordLabel(e)}不能与用户名相同`,
  current_password_wrong: () => '当前密码不正确',
  password_unchanged: () => '新密码不能与当前密码相同',
  password_change_required: () => '管理员已重置您的密码，请先设置新密码',
  cannot_disable_self: () => '不能停用自己的账号',
  login_busy: () => '登录繁忙，请稍后再试',
  server_busy: () => '服务器繁忙，请稍后再试',
  id_lookup_budget: (e) => {
    const secs = +e.retryAfter || 0;
    return '今天按完整身份证号查找而未找到人员的次数已达上限：请按姓名查找' + (secs ? `，或 ${Math.ceil(secs / 3600)} 小时后再试` : '');
  },
  metrics_not_allowed: () => '运行指标只对指定的地址开放',
  disk_full: () => '服务器存储空间已满，本次操作未保存：请联系管理员',
};

const ACT_ZH = { issue: '发证', suspend: '暂扣', restore: '恢复', withdraw: '收回', cancel: '注销' };
const STATE_ZH = { valid: '有效', suspended: '暂扣', withdrawn: '收回', cancelled: '注销', expired: '过期', pending: '未生效' };
const ALLOWED_FROM = { suspend: ['valid'], restore: ['suspended'], withdraw: ['valid', 'suspended'], cancel: ['valid', 'suspended', 'withdrawn', 'expired'] };
const d8 = (iso) => { const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || ''); return m ? `${+m[1]}年${+m[2]}月${+m[3]}日` : iso; };

// Certificate and assessment rules (checked before the generic wording below).
const CERT_MESSAGE_ZH = [
  [/cannot (suspend|restore|withdraw|cancel) certificate (\S+): it is (\w+) on (\d{4}-\d{2}-\d{2})/i, (m) =>
    `不能${ACT_ZH[m[1]]}：证件 ${m[2]} 在${d8(m[4])}的状态为“${STATE_ZH[m[3]] || m[3]}”，只有“${ALLOWED_FROM[m[1]].map((x) => STATE_ZH[x]).join('”“')}”状态的证件才能${ACT_ZH[m[1]]}`],
  [/certificate number (\S+) is already used/i, (m) => `证号 ${m[1]} 已被使用，请核对证号`],
  [/is before the certificate's issue date (\S+)/i, (m) => `生效日期不能早于发证日期（${d8(m[1])}）`],
  [/is before the latest event \((\w+) on (\S+)\)/i, (m) => `生效日期不能早于最近一次记录（${d8(m[2])}${ACT_ZH[m[1]] || m[1]}）：证件记录须按日期先后登记`],
  [/until \S+ is before effective_on/i, () => '暂扣截止日期不能早于生效日期'],
  [/until applies only to suspend/i, () => '只有暂扣可以填写截止日期'],
  [/police officer: police credentials/i, () => '此人为人民警察，其证件依《人民警察法》管理，本系统不予发证、暂扣、收回或注销'],
  [/has left post: certificates are issued only to active officers/i, () => '此人已离岗：只能向在岗人员发证'],
  [/already holds certificate (\S+), (\w+) on (\S+?):/i, (m) =>
    `此人已持有证件 ${m[1]}（${d8(m[3])}为“${STATE_ZH[m[2]] || m[2]}”状态），须先收回或注销后才能发新证`],
  [/a reason is required to (\w+)/i, (m) => `${ACT_ZH[m[1]] || ''}须填写原因`],
  [/expires_on \S+ is before issued_on/i, () => '有效期至不能早于发证日期'],
  [/number must be 4 to 40/i, () => '证号须为 4 至 40 位字母、数字或“-”'],
  [/action must be/i, () => '操作不正确'],
  [/grade must be/i, () => '请选择考核等次（优秀、称职、基本称职、不称职）'],
  [/year must be between (\d+) and the current year (\d+)/i, (m) => `年度须在 ${m[1]} 至 ${m[2]} 年之间，不能为以后的年度登记`],
  [/entity must be one of/i, () => '对象类型不正确'],
];

// English rule messages from the API, rendered in Chinese (the original stays visible as detail).
const MESSAGE_ZH = [
  [/deadline \S+ is before window_start/i, () => '完成期限不能早于轮训开始日期'],
  [/no rotation campaign has been set up/i, () => '尚未设置全员轮训批次'],
  [/campaign \d+ not found/i, () => '所选轮训批次不存在'],
  [/format must be csv or xlsx/i, () => '文件格式须为 CSV 或 XLSX'],
  [/an import body must be text\/csv/i, () => '请上传 CSV 文件'],
  [/neither UTF-8 nor GB18030/i, () => '文件编码无法识别：请在 Excel 或 WPS 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”后重新导入'],
  [/the file is empty/i, () => '文件是空的：第一行应为列名，其下每行一条记录'],
  [/header row but no records/i, () => '文件只有表头，没有数据行'],
  [/missing column\(s\): ([^(]+?) \(/i, (m) => `缺少列：${m[1]}（请按模板填写第一行列名）`],
  [/column\(s\) named twice: (.+)$/i, (m) => `列名重复：${m[1]}`],
  [/(\d+) lines? refused; nothing was imported/i, (m) => `${m[1]} 行有误，整个文件均未导入`],
  [/wrong username or password/i, () => '用户名或密码错误'],
  [/too many failed logins.*?(\d+) seconds/i, (m) => `登录失败次数过多，请 ${Math.ceil(+m[1] / 60)} 分钟后再试`],
  [/log in first/i, () => '请先登录'],
  [/is required/i, () => '此项必填'],
  [/not a real calendar date/i, () => '不是有效日期（1950-01-01 至 2099-12-31）'],
  [/multiple of 0\.5/i, () => '学时须为非负数，且为 0.5 的整数倍'],
  [/at most 10 hours per calendar day/i, () => '每个培训日最多计 10 学时，请核对学时或培训日期'],
  [/end_date.*before|before.*start_date|ends before it starts/i, () => '结束日期不能早于开始日期'],
  [/not a valid resident ID number/i, () => '身份证号无效：须为 18 位且校验位正确'],
  [/id_number.*(exists|already|duplicate)|(duplicate|already).*id_number/i, () => '该身份证号已登记'],
  [/must be a string|must be an integer|must be a number|must be true or false|must be an object/i, () => '格式不正确'],
  [/must not be empty|empty/i, () => '不能为空'],
  [/control characters/i, () => '不能包含控制字符'],
  [/too long|at most \d+ characters/i, () => '内容过长'],
  [/post_end.*before.*post_start|before post_start|ends before/i, () => '离岗日期不能早于到岗日期'],
  [/does not exist/i, () => '所选单位不存在'],
  [/more than the session|exceeds the session|more hours than/i, () => '部分学时不能超过本次培训该类别的学时'],
  [/not on post|was not on post/i, () => '该人员在培训期间不在岗'],
  [/kind must be/i, () => '请选择行政执法人员或人民警察'],
  [/mode must be/i, () => '请选择线下或线上'],
  [/status must be/i, () => '状态不正确'],
  [/nothing to change/i, () => '没有需要保存的修改'],
  [/cannot be changed here/i, () => '此项不可修改'],
];

// One refused line of a CSV import (the server's English reason -> Chinese; the caller keeps the original).
const IMPORT_LINE_ZH = [
  [/^training (\d+) not found/i, (m) => `培训编号 ${m[1]} 不存在，或不是您可以登记的培训`],
  [/^officer with ID number (\S+) not found/i, (m) => `身份证号 ${m[1]} 的人员不存在，或不在您所管理的单位`],
  [/^training_id must not be empty/i, () => 'training_id（培训编号）不能为空'],
  [/^training_id '(.*)' is not a positive integer/i, (m) => `training_id（培训编号）“${m[1]}”不是正整数`],
  [/^id_number must not be empty/i, () => '身份证号不能为空'],
  [/turned into a number by the spreadsheet/i, () => '身份证号被表格软件转成了数字（后几位已丢失）：请把该列设为“文本”格式后重新输入 18 位身份证号'],
  [/^id_number '(.*)' is not a valid resident ID number/i, (m) => `身份证号“${m[1]}”无效：须为 18 位且校验位正确`],
  [/^(legal|business|political) '(.*)' is not a number of hours/i, (m) => `${({ legal: '公共法律知识', business: '业务知识和行政执法技能', political: '政治理论教育和党性教育' })[m[1]]}学时“${m[2]}”不正确：须为 0.5 的整数倍（如 2 或 2.5）`],
  [/credited (legal|business|political) hours (\S+) exceed the session's (\S+)/i, (m) => `${({ legal: '公共法律知识', business: '业务知识和行政执法技能', political: '政治理论教育和党性教育' })[m[1]]}学时 ${m[2]} 超过了本次培训的 ${m[3]} 学时`],
  [/^(\d+) fields, but the header names (\d+) columns/i, (m) => `本行有 ${m[1]} 个字段，但表头有 ${m[2]} 列（含逗号的内容须用英文双引号括起来）`],
  [/quoted field starting on line (\d+)/i, (m) => `第 ${m[1]} 行开始的引号没有闭合`],
  [/text after the closing quote/i, () => '引号后面还有多余的文字（引号内的引号须写成两个 ""）'],
  [/^unit_code must not be empty/i, () => '单位代码不能为空'],
  [/^unit code '(.*)' not found/i, (m) => `单位代码“${m[1]}”不存在，或不在您所管理的单位`],
  [/^kind must be enforcement or police, not '(.*)'/i, (m) => `人员类别须为 enforcement（行政执法人员）或 police（人民警察），不能是“${m[1]}”`],
  [/^(name|post_start|post_end) must not be empty/i, (m) => `${FIELD_ZH[m[1]]}不能为空`],
  [/^(post_start|post_end) '(.*)' is not a real calendar date/i, (m) => `${FIELD_ZH[m[1]]}“${m[2]}”不是有效日期（格式 YYYY-MM-DD，1950-01-01 至 2099-12-31）`],
  [/^ID number (\S+) is also on line (\d+) with another name or unit/i, (m) => `身份证号 ${m[1]} 与第 ${m[2]} 行重复，但姓名或单位不同`],
  [/^ID number (\S+) is already registered with another name or unit/i, (m) => `身份证号 ${m[1]} 已登记为其他姓名或单位的人员；导入不会修改已有人员`],
  [/post_end.*before.*post_start|before post_start/i, () => '离岗日期不能早于到岗日期'],
  [/not on post/i, () => '该人员在培训期间不在岗'],
];

export function importLineZh(message) {
  for (const [re, fn] of IMPORT_LINE_ZH) {
    const m = re.exec(message || '');
    if (m) return fn(m);
  }
  for (const [re, fn] of MESSAGE_ZH) {
    const m = re.exec(message || '');
    if (m) return fn(m);
  }
  return message;
}

export function fieldLabel(field) {
  if (!field) return '';
  if (FIELD_ZH[field]) return FIELD_ZH[field];
  const m = /^records\[(\d+)\](?:\.(.*))?$/.exec(field);
  if (m) return `第 ${+m[1] + 1} 条参训记录${m[2] ? '的' + (FIELD_ZH[m[2]] || FIELD_ZH[m[2].replace(/^hours\./, 'hours.')] || m[2]) : ''}`;
  return field;
}

export function translateError(err) {
  if (err.rule && RULE_ZH[err.rule]) return RULE_ZH[err.rule](err);
  if (err.status === 429 || err.code === 'rate_limited') {
    const secs = err.retryAfter || (/(\d+) seconds/.exec(err.message) || [])[1];
    return secs ? `登录失败次数过多，请 ${Math.ceil(+secs / 60)} 分钟后再试` : CODE_ZH.rate_limited;
  }
  for (const [re, fn] of [...CERT_MESSAGE_ZH, ...MESSAGE_ZH]) {
    const m = re.exec(err.message || '');
    if (m) {
      const text = fn(m);
      const label = fieldLabel(err.field);
      return label && err.code === 'validation_failed' ? `${label}：${text}` : text;
    }
  }
  const base = CODE_ZH[err.code] || `操作失败（HTTP ${err.status}）`;
  const label = fieldLabel(err.field);
  return label ? `${label}：${base}` : base;
}

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }
// A 403 with rule password_change_required: the user must choose a new password first.
let onPasswordChangeRequired = () => {};
export function setPasswordChangeHandler(fn) { onPasswordChangeRequired = fn; }

export async function api(method, path, body, { quiet401 = false } = {}) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, init);
  } catch (e) {
    throw new ApiError(0, 'network', String(e.message || e));
  }
  if (res.status === 204) return null;
  let data = null;
  const text = await res.text();
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    const e = (data && data.error) || {};
    const err = new ApiError(res.status, e.code || 'internal', e.message || text || res.statusText, e.field,
      { retryAfter: res.headers.get('Retry-After'), rows: data && data.rows, rule: e.rule || '' });
    if (res.status === 401 && !quiet401) onUnauthenticated(err);
    if (res.status === 403 && err.rule === 'password_change_required') onPasswordChangeRequired(err);
    throw err;
  }
  return data;
}

function failure(res, data, text) {
  const e = (data && data.error) || {};
  const err = new ApiError(res.status, e.code || (res.status === 404 ? 'not_found' : 'internal'), e.message || text || res.statusText, e.field,
    { retryAfter: res.headers.get('Retry-After'), rows: data && data.rows, moreRows: (data && data.more_rows) || 0, rule: e.rule || '' });
  if (res.status === 401) onUnauthenticated(err);
  if (res.status === 403 && err.rule === 'password_change_required') onPasswordChangeRequired(err);
  return err;
}

// POSTs a file's bytes as they are (the server detects UTF-8 / GB18030).
export async function sendFile(path, blob, contentType = 'text/csv') {
  let res;
  try {
    res = await fetch('/api/v1' + path, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': contentType }, body: blob });
  } catch (e) {
    throw new ApiError(0, 'network', String(e.message || e));
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) throw failure(res, data, text);
  return data;
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
  let res;
  try {
    res = await fetch('/api/v1' + path, { credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', String(e.message || e));
  }
  if (!res.ok) {
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    throw failure(res, data, text);
  }
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
