// The Chinese words for what the API names in English: audit actions, entities, the fields of the
// recorded JSON and their enumerated values. One table for the whole UI; a key not listed here is
// shown as it is (label() and valueLabel() fall back to the raw key).
import { CATEGORY, KIND, OFFICER_STATUS, MODE, ROLE, GRADE, CERT_ACTION, fmtDate, fmtDateTime } from './ui.js';
import { APP_KIND, APP_STATE, CHECK } from './qual-view.js';

// External training claims and exemptions (claim-view.js shows them).
export const CLAIM_STATE = {
  awaiting_evidence: '待上传证明', submitted: '待认定', approved: '已认定', rejected: '未通过', withdrawn: '已撤回', revoked: '已撤销',
};
export const EXEMPT_REASON = { maternity: '产假', illness: '病假', secondment: '借调挂职', study: '脱产学习', other: '其他' };

export const ENTITY = {
  unit: '单位', user: '用户', officer: '人员', policy: '学时要求', training: '培训', attendance: '参训记录',
  campaign: '轮训批次', certificate: '行政执法证', assessment: '年度考核', import: '导入', export: '导出',
  exit_review: '退出审查处理标记', exam: '资格考试', application: '证件申领',
  claim: '外部培训申报', exemption: '学时减免',
};

export const ACTION = {
  create: '新建', update: '修改', delete: '删除', leave: '离岗', ...CERT_ACTION,
  login: '登录', logout_all: '退出所有设备', password_change: '修改密码', password_reset: '重置密码', calendar_reset: '重置日历订阅地址',
  disable: '停用账号', enable: '启用账号', id_lookup: '按身份证号查询', import: '导入', export: '导出',
};

// Actions that read differently for one entity (an application is 撤回, a certificate 收回).
const ACTION_OF = {
  application: { submit: '提交申领', approve: '批准', reject: '驳回', withdraw: '撤回' },
  claim: { create: '申报', evidence: '上传证明', approve: '认定', reject: '不予认定', withdraw: '撤回', revoke: '撤销认定' },
  exemption: { create: '登记减免', delete: '删除减免' },
};

// Field names of the recorded JSON (GET /audit before/after), whatever the entity.
export const FIELD = {
  id: '编号', name: '名称', code: '代码', level: '层级', parent_id: '上级单位编号',
  username: '用户名', role: '角色', unit_id: '单位编号', officer_id: '人员编号', disabled: '已停用',
  must_change_password: '须修改密码', client_address: '登录地址',
  id_number: '身份证号', kind: '类别', status: '状态', post_start: '到岗日期', post_end: '离岗日期',
  year: '年度', legal_hours: '公共法律知识学时要求', business_hours: '业务知识和行政执法技能学时要求',
  proration: '按月折算', exempt: '免于考核',
  title: '培训名称', organizer_unit_id: '主办单位编号', start_date: '开始日期', end_date: '结束日期',
  hours: '学时', rotation: '计入全员轮训', mode: '培训形式', training_id: '培训编号',
  legal: CATEGORY.legal, business: CATEGORY.business, political: CATEGORY.political,
  window_start: '轮训开始日期', deadline: '完成期限',
  number: '证号', issued_on: '发证日期', expires_on: '有效期至', events: '证件记录',
  action: '操作', effective_on: '生效日期', reason: '原因', until: '暂扣截止日期', actor: '操作人', at: '登记时间',
  grade: '考核等次', grade_name: '考核等次',
  q: '查询内容', found: '查到人数',
  rows: '行数', imported: '已导入', skipped_duplicates: '跳过重复', unit_code: '单位代码',
  campaign_id: '轮训批次编号', format: '文件格式', file_name: '文件名',
  decision: '处理结果', note: '备注',
  score: '成绩', pass_score: '合格分数线', held_on: '考试日期', exam_id: '考试编号', passed: '合格',
  state: '状态', submitted_on: '提交日期', submitted_by: '提交人', decided_on: '审核日期', decided_by: '审核人',
  qualified: '资格审查通过', checks: '资格审查', ok: '符合', detail: '说明', certificate_id: '证件编号',
  provider: '举办单位', credited: '认定学时', evidence: '证明材料', bytes: '大小（字节）', sha256: 'SHA-256', type: '文件类型',
  created_by: '登记人', created_at: '登记时间', submitted_at: '提交时间', decided_at: '认定时间', state_name: '状态',
  from: '起始日期', to: '截止日期', reason_code: '减免原因', reason_name: '减免原因',
};

// Field names that read differently for one entity.
const FIELD_OF = {
  officer: { name: '姓名', kind: '人员类别' },
  campaign: { name: '批次名称' },
  import: { kind: '导入内容' },
  export: { kind: '导出内容', unit_id: '单位编号（含下级）' },
  exam: { name: '考试名称' },
  application: { kind: '申领类型' },
  claim: { title: '培训名称', hours: '申报学时', decided_by: '认定人', created_by: '申报人', created_at: '申报时间', reason: '原因或说明' },
  exemption: { reason: '说明', at: '登记时间' },
};

const IMPORT_KIND = { officers: '人员名册', attendance: '签到表' };
const EXPORT_KIND = { compliance: '学时达标情况表', rotation: '未轮训人员名单', officers: '人员名册', attendance: '签到记录', exit_review: '退出审查名单', progress: '进度报告' };
const LEVEL = { city: '市', county: '县（区）', department: '部门', town: '镇（街道）' };

// Enumerated values, by field (and entity where the same field means different things).
const VALUE = {
  kind: KIND, status: OFFICER_STATUS, mode: MODE, role: ROLE, grade: GRADE, action: CERT_ACTION, level: LEVEL,
  proration: { monthly: '按月折算', none: '不折算' },
  format: { csv: 'CSV', xlsx: 'XLSX（Excel）' },
  decision: { no_action: '不予处理', suspend: '暂扣', withdraw: '收回', cancel: '注销' },
};
const EVIDENCE_TYPE = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG 图片', 'image/png': 'PNG 图片' };
const VALUE_OF = {
  import: { kind: IMPORT_KIND }, export: { kind: EXPORT_KIND }, application: { kind: APP_KIND, state: APP_STATE, code: CHECK },
  claim: { state: CLAIM_STATE, type: EVIDENCE_TYPE }, exemption: { reason_code: EXEMPT_REASON },
};

export function entityLabel(entity) { return ENTITY[entity] || entity; }
export function actionLabel(action, entity) { return (ACTION_OF[entity] && ACTION_OF[entity][action]) || ACTION[action] || action; }

// One key of the recorded JSON: "unit_id" -> 单位编号; unknown keys as they are.
export function label(key, entity) {
  return (FIELD_OF[entity] && FIELD_OF[entity][key]) || FIELD[key] || key;
}

// A path as jsonDiff writes it: "events[1].effective_on" -> 证件记录第 2 条 · 生效日期.
export function pathLabel(path, entity) {
  if (!path) return '（值）';
  const parts = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) parts.push(label(m[1], entity));
    else if (parts.length) parts[parts.length - 1] += `第 ${+m[2] + 1} 条`;
    else parts.push(`第 ${+m[2] + 1} 条`);
  }
  return parts.join(' · ');
}

// The last key of a path ("events[1].action" -> "action"), to find the value's table.
export function lastKey(path) {
  const m = /([^.[\]]+)(?:\[\d+\])*$/.exec(path || '');
  return m ? m[1] : '';
}

// A scalar value of field `key`: enumerations and booleans in words, null as 空; others as they are.
export function valueLabel(key, v, entity) {
  if (v === null) return '空';
  if (v === true) return '是';
  if (v === false) return '否';
  if (typeof v === 'string') {
    const table = (VALUE_OF[entity] && VALUE_OF[entity][key]) || VALUE[key];
    if (table && table[v]) return table[v];
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) return fmtDateTime(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return fmtDate(v);
    if (v === '') return '（空）';
  }
  return String(v);
}

// Who recorded something (an audit row's or a certificate event's `actor`): the accounts the
// system itself acts as read as words (the demo seed "demo", the command line "cli"); a real
// account name is shown as it is.
const SYSTEM_ACTORS = { demo: '系统（初始数据）', cli: '管理员（命令行）', system: '系统' };
export function actorLabel(actor) {
  if (!actor) return '—';
  return SYSTEM_ACTORS[actor] || actor;
}
