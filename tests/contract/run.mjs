#!/usr/bin/env node
// Contract tests of the OpenAPI document (GET /api/v1/openapi.json) against a real
// `certhours serve` on a fresh demo database (issue 12):
//   1. `redocly lint` with the recommended rules (redocly.yaml here): no error;
//   2. openapi-typescript makes schema.d.ts of it; client.ts compiles with it under `tsc --strict`
//      and, run, logs in, reads /me, lists officers and reads one officer's hours;
//   3. every operation of the document is called for real, as a role its x-roles allow (the
//      others too for reads), with real ids and valid bodies; each answer's status must be
//      documented, and its body must validate (ajv, JSON Schema 2020-12) against the schema the
//      document gives for that status and media type; so must a few error answers.
// usage: node tests/contract/run.mjs CERTHOURS_BIN
// Prints what it checked and every mismatch; exits 1 on any, 2 on usage errors.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const [bin] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node tests/contract/run.mjs CERTHOURS_BIN');
  process.exit(2);
}

const started = Date.now();
let Ajv2020, addFormats, openapiTS, astToString;
try {
  Ajv2020 = (await import('ajv/dist/2020.js')).default;
  addFormats = (await import('ajv-formats')).default;
  ({ default: openapiTS, astToString } = await import('openapi-typescript'));
  require.resolve('@redocly/cli/package.json');
  require.resolve('typescript/package.json');
} catch (e) {
  console.error(`the contract tests need the npm packages of package-lock.json: run \`npm ci\` at the repository root (${e.message})`);
  process.exit(1);
}

const TODAY = process.env.CONTRACT_TODAY || '2025-10-15';
const YEAR = Number(TODAY.slice(0, 4));
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const tmp = mkdtempSync(path.join(tmpdir(), 'certhours-contract-'));
const env = { ...process.env, CERTHOURS_TODAY: TODAY, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

let server = null;
let serverLog = '';
const children = new Set();
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
// A bug of this script (a thrown error) is a failure too, reported as such; cleanup still runs.
process.on('uncaughtException', (e) => {
  console.error(`FAIL the contract test stopped: ${e.stack || e}`);
  process.exit(1);
});
// A hung server or tool fails the test instead of holding CTest until its timeout.
const LIMIT_S = Number(process.env.CONTRACT_LIMIT_S || 170);
setTimeout(() => {
  console.error(`FAIL: the contract test did not finish in ${LIMIT_S} s`);
  process.exit(1);
}, LIMIT_S * 1000).unref();

const failures = [];
function fail(what) {
  failures.push(what);
  console.log(`FAIL ${what.replace(/\n/g, '\n     ')}`);
}

// A child process, its output collected; resolves with {code, stdout, stderr}.
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    children.add(child);
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (e) => { stderr += e.message; });
    child.on('close', (code) => { children.delete(child); resolve({ code, stdout, stderr }); });
  });
}

// ---------- the server on a fresh demo database ----------
const db = path.join(tmp, 'demo.db');
const demo = spawnSync(bin, ['demo', '--db', db], { env, encoding: 'utf8' });
if (demo.status !== 0) {
  console.error('certhours demo failed:', demo.error?.message || demo.stderr || demo.stdout);
  process.exit(1);
}
const BASE = await new Promise((resolve, reject) => {
  server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', '', '--no-access-log'], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr.on('data', (d) => { serverLog += d; });
  let out = '';
  const timer = setTimeout(() => reject(new Error('the server did not print its URL in 15 s:\n' + serverLog)), 15000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${serverLog}`)));
}).catch((e) => { console.error(e.message); process.exit(1); });
console.log(`server ${BASE} on a demo database (today ${TODAY}) after ${seconds()} s`);

// ---------- HTTP ----------
async function http(method, target, { token, body, contentType, raw } = {}) {
  const headers = { 'Accept-Language': 'en' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = contentType || 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = contentType || 'application/json';
  }
  const res = await fetch(BASE + target, { method, headers, body: payload });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') || '';
  let json;
  if (/^application\/json/i.test(type)) {
    try { json = JSON.parse(bytes.toString('utf8')); } catch { json = undefined; }
  }
  return { status: res.status, headers: res.headers, type, bytes, json, text: () => bytes.toString('utf8') };
}

const docAnswer = await http('GET', '/api/v1/openapi.json');
if (docAnswer.status !== 200 || !docAnswer.json) {
  console.error(`GET /api/v1/openapi.json answered ${docAnswer.status}: ${docAnswer.text().slice(0, 300)}`);
  process.exit(1);
}
const doc = docAnswer.json;
const docFile = path.join(tmp, 'openapi.json');
writeFileSync(docFile, JSON.stringify(doc, null, 2));

// ---------- 1. redocly lint, and 2. the typed client: in the background while the calls run ----------
async function lint() {
  const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const r = await run(process.execPath, [cli, 'lint', docFile, '--config', path.join(here, 'redocly.yaml'), '--format=json'], { cwd: tmp });
  let report;
  try { report = JSON.parse(r.stdout); } catch {
    fail(`redocly lint gave no report (exit ${r.code}):\n${(r.stdout + r.stderr).slice(-2000)}`);
    return;
  }
  const errors = report.problems.filter((p) => p.severity === 'error');
  const warnings = report.problems.filter((p) => p.severity !== 'error');
  const where = (p) => p.location?.[0]?.pointer ?? '';
  for (const p of errors) fail(`redocly lint: ${p.ruleId}: ${p.message} at ${where(p)}`);
  const byRule = {};
  for (const p of warnings) (byRule[p.ruleId] ||= []).push(where(p));
  console.log(`redocly lint ${report.version}: ${report.totals.errors} errors, ${report.totals.warnings} warnings` +
    Object.entries(byRule).map(([rule, at]) => `\n     warning ${rule} (${at.length}): ${at.slice(0, 3).join(', ')}${at.length > 3 ? ', …' : ''}`).join(''));
}

async function typedClient() {
  const dir = path.join(tmp, 'client');
  mkdirSync(dir);
  let dts;
  try {
    dts = astToString(await openapiTS(doc));
  } catch (e) {
    fail(`openapi-typescript could not generate types: ${e.message}`);
    return;
  }
  writeFileSync(path.join(dir, 'schema.d.ts'), dts);
  copyFileSync(path.join(here, 'client.ts'), path.join(dir, 'client.ts'));
  writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const r = await run(process.execPath, [tsc, '--strict', '--noEmitOnError', '--noUnusedLocals', '--target', 'es2022',
    '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--outDir', dir,
    path.join(dir, 'client.ts')]);
  if (r.code !== 0) {
    fail(`client.ts does not compile under tsc --strict with the generated schema.d.ts:\n${(r.stdout + r.stderr).trim()}`);
    return;
  }
  try {
    const client = await import(pathToFileURL(path.join(dir, 'client.js')).href);
    const s = await client.run(BASE, 'hr', 'Hr@2024qn', YEAR);
    const ok = s.username === 'hr' && s.role === 'hr' && s.officers > 0 && s.year === YEAR &&
      typeof s.legal === 'number' && s.missing === 404;
    if (!ok) fail(`the typed client read unexpected values: ${JSON.stringify(s)}`);
    else console.log(`ok   typed client (${dts.length} bytes of types, tsc --strict): ${s.username} sees ${s.officers} officers; ` +
      `${s.officer}: ${s.status}, ${s.legal} legal hours in ${s.year}`);
  } catch (e) {
    fail(`the typed client failed: ${e.stack || e}`);
  }
}

// ---------- 3. schemas: ajv, JSON Schema 2020-12, the document's components for $ref ----------
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addFormat('binary', true);
const DOC_ID = 'https://certhours.invalid/openapi.json';
ajv.addSchema({ $id: DOC_ID, components: { schemas: doc.components.schemas } });
const compiled = new Map();
function validator(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) {
    const rebased = JSON.parse(key.replaceAll('"#/components/', `"${DOC_ID}#/components/`));
    compiled.set(key, ajv.compile(rebased));
  }
  return compiled.get(key);
}
const media = (contentType) => contentType.split(';')[0].trim().toLowerCase();

const operations = [];
for (const [p, item] of Object.entries(doc.paths))
  for (const [method, op] of Object.entries(item))
    if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.push({ method: method.toUpperCase(), path: p, op });
const byId = new Map(operations.map((o) => [o.op.operationId, o]));
const checkedOps = new Set();
let answers = 0;

// Checks one real answer against the document: the status is documented for the operation, the
// media type is one documented for that status, a JSON body validates against its schema, and
// the documented headers of a success or a 429/503 are there.
function conforms(opId, r, label) {
  const o = byId.get(opId);
  if (!o) return fail(`${label}: no operation ${opId} in the document`);
  answers++;
  const what = `${o.method} ${o.path} (${opId}) ${label} -> ${r.status}`;
  const responses = o.op.responses;
  const documented = responses[String(r.status)] ?? responses[`${String(r.status)[0]}XX`];
  if (!documented) return fail(`${what}: status not documented (documented: ${Object.keys(responses).join(', ')}); body ${r.text().slice(0, 300)}`);
  if (!documented.content) {
    if (r.bytes.length) fail(`${what}: a body (${r.type}) where the document has none`);
    return;
  }
  const entry = Object.entries(documented.content).find(([m]) => media(m) === media(r.type));
  if (!entry) return fail(`${what}: media type ${r.type || '(none)'} not documented (documented: ${Object.keys(documented.content).join(', ')})`);
  for (const name of Object.keys(documented.headers || {}))
    if ((r.status < 300 || r.status === 429 || r.status === 503) && name !== 'Set-Cookie' && !r.headers.has(name))
      fail(`${what}: documented header ${name} missing`);
  if (media(entry[0]) !== 'application/json') return;
  if (r.json === undefined) return fail(`${what}: not JSON: ${r.text().slice(0, 200)}`);
  const validate = validator(entry[1].schema);
  if (!validate(r.json))
    fail(`${what}: the body does not match its schema:\n` +
      validate.errors.slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`).join('\n') +
      `\nbody: ${r.text().slice(0, 400)}`);
}

// Calls an operation by its operationId: path parameters filled in, a query and a body; checks the
// answer against the document and, when given, the status expected. Returns the answer.
async function call(opId, { as, path: params = {}, query, body, raw, contentType, expect, label } = {}) {
  const o = byId.get(opId);
  if (!o) {
    fail(`no operation ${opId} in the document`);
    return { status: 0, headers: new Headers(), json: undefined, bytes: Buffer.alloc(0), text: () => '' };
  }
  let target = o.path.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined) throw new Error(`${opId}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
  if (query) target += '?' + new URLSearchParams(query).toString();
  const r = await http(o.method, target, { token: as ? tokens[as] : undefined, body, raw, contentType });
  const tag = label || `as ${as || 'nobody'}${query ? ' ?' + new URLSearchParams(query) : ''}`;
  if (expect !== undefined && r.status !== expect)
    fail(`${o.method} ${target} (${opId}) ${tag}: expected ${expect}, got ${r.status}: ${r.text().slice(0, 300)}`);
  if (expect === undefined || r.status < 400) checkedOps.add(opId);
  conforms(opId, r, tag);
  return r;
}

// ---------- the calls ----------
const tokens = {};
const logins = { admin: 'Admin@2024', hr: 'Hr@2024qn', officer: 'Officer@2024' };
for (const [user, password] of Object.entries(logins)) {
  const r = await call('login', { body: { username: user, password }, expect: 200, label: `as ${user}` });
  if (!r.json?.token) { console.error(`cannot log in as ${user}: ${r.text()}`); process.exit(1); }
  tokens[user] = r.json.token;
}
const background = Promise.all([lint(), typedClient()]);

const json = async (opId, options) => (await call(opId, { expect: 200, ...options })).json ?? {};
const me = { officer: await json('getMe', { as: 'officer' }) };
const units = (await json('listUnits', { as: 'admin', query: { limit: 1000 } })).items ?? [];
const root = units.find((u) => u.parent_id === null);
const child = units.find((u) => root && u.parent_id === root.id);
const hrOfficers = (await json('listOfficers', { as: 'hr', query: { limit: 5, status: 'active' } })).items ?? [];
const trainings = (await json('listTrainings', { as: 'admin', query: { year: YEAR, limit: 5 } })).items ?? [];
const expiring = (await json('listExpiringCertificates', { as: 'admin', query: { days: 3650, limit: 5 } })).items ?? [];
const review = (await json('getExitReview', { as: 'admin', query: { year: YEAR - 1 } })).items ?? [];
const users = (await json('listUsers', { as: 'admin' })).items ?? [];
const feed = await json('getMyCalendar', { as: 'admin' });
const needed = { root, child, 'hr officer': hrOfficers[0], 'training': trainings[0], 'certificate': expiring[0],
  'exit review item': review[0], 'calendar feed': feed.path, 'officer login': me.officer.officer_id };
for (const [name, v] of Object.entries(needed))
  if (!v) { console.error(`the demo database has no ${name} to call the routes with`); process.exit(1); }
const secret = feed.path.slice(feed.path.lastIndexOf('/') + 1, -'.ics'.length);

// Every GET of the document, as each role its x-roles allow, with ids the role may see.
const ids = {
  admin: { officer: hrOfficers[0].id },
  hr: { officer: hrOfficers[0].id },
  officer: { officer: me.officer.officer_id },
};
const queries = {
  getExitReview: { year: YEAR - 1 },
  exportExitReview: { year: YEAR - 1 },
  listExpiringCertificates: { days: 3650 },
  listAudit: { limit: 20 },
};
// Reads of things this run makes first (an exam, an application; the review of an officer who is
// surely no police officer): called after the writes below.
const later = new Set(['getExam', 'getApplication', 'getOfficerQualification', 'getClaim', 'getClaimEvidence']);
for (const o of operations.filter((x) => x.method === 'GET' && !later.has(x.op.operationId))) {
  const roles = o.op['x-roles'] === 'public' ? [undefined] : o.op['x-roles'].split(',');
  for (const role of roles) {
    const params = {
      id: o.path.startsWith('/api/v1/trainings/') ? trainings[0].id : ids[role ?? 'admin'].officer,
      year: o.path.startsWith('/api/v1/policies/') ? YEAR : YEAR - 1,
      number: expiring[0].number,
      secret,
    };
    const formats = o.op.parameters?.find((p) => p.name === 'format')?.schema?.enum ?? [undefined];
    for (const format of formats) {
      const query = { ...(queries[o.op.operationId] || {}), ...(format ? { format } : {}) };
      await call(o.op.operationId, { as: role, path: params, query: Object.keys(query).length ? query : undefined, expect: 200 });
    }
  }
}

// The writes, in an order that keeps what later calls need; each on data made here (a stamp keeps
// codes and ID numbers apart from the demo's).
const stamp = String(Date.now() % 100000).padStart(5, '0');
// A resident ID number with a real birth date and its GB 11643 check digit (region 110101: no demo officer's).
const birthDay = Number(stamp.slice(0, 2)) % 28 + 1;
function validIdNumber(seq) {
  const body = `110101199001${String(birthDay).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}
const code = `CT${stamp}`;
const unit = (await call('createUnit', { as: 'admin', expect: 201,
  body: { code, name: `合约测试单位${stamp}`, parent_id: root.id, level: child.level } })).json;
const officer = (await call('createOfficer', { as: 'admin', expect: 201,
  body: { name: '合约测试', id_number: validIdNumber(101), unit_id: unit.id, kind: 'enforcement', post_start: '2020-01-01' } })).json;
await call('updateOfficer', { as: 'admin', path: { id: officer.id }, body: { name: '合约测试甲' }, expect: 200 });
await call('getOfficer', { as: 'admin', path: { id: officer.id }, expect: 200, label: 'the new officer' });
const user = (await call('createUser', { as: 'admin', expect: 201,
  body: { username: `contract-${stamp}`, password: 'Contract-first-2025', role: 'hr', unit_id: unit.id } })).json;
await call('updateUser', { as: 'admin', path: { id: user.id }, body: { disabled: false }, expect: 200 });
await call('resetUserPassword', { as: 'admin', path: { id: user.id }, body: { new_password: 'Contract-reset-2025' }, expect: 204 });
await call('putPolicy', { as: 'admin', path: { year: YEAR + 1 }, body: { legal_hours: 20, business_hours: 40, proration: 'monthly' }, expect: 200 });
const newTraining = async (title) => (await call('createTraining', { as: 'admin', expect: 201,
  body: { title, organizer_unit_id: unit.id, start_date: `${YEAR}-09-01`, end_date: `${YEAR}-09-01`, hours: { legal: 2, business: 1.5 } } })).json;
const training = await newTraining('合约测试培训');
await call('addAttendance', { as: 'admin', path: { id: training.id }, body: { records: [{ officer_id: officer.id }] }, expect: 200 });
await call('getTraining', { as: 'admin', path: { id: training.id }, expect: 200, label: 'with an attendee' });
await call('updateAttendance', { as: 'admin', path: { id: training.id, officer_id: officer.id }, body: { hours: { legal: 1 } }, expect: 200 });
await call('updateTraining', { as: 'admin', path: { id: training.id }, body: { title: '合约测试培训（更正）', mode: 'online' }, expect: 200 });
await call('removeAttendance', { as: 'admin', path: { id: training.id, officer_id: officer.id }, expect: 204 });
await call('deleteTraining', { as: 'admin', path: { id: training.id }, expect: 204 });
const cert = (await call('issueCertificate', { as: 'admin', path: { id: officer.id }, expect: 201,
  body: { number: `CT-${stamp}`, issued_on: `${YEAR}-01-01` } })).json;
await call('actOnCertificate', { as: 'admin', path: { id: cert.id }, expect: 200,
  body: { action: 'suspend', effective_on: TODAY, reason: '合约测试', until: `${YEAR}-12-31` } });
await call('listOfficerCertificates', { as: 'admin', path: { id: officer.id }, expect: 200, label: 'a suspended certificate' });
await call('checkCertificate', { path: { number: cert.number }, expect: 200, label: 'a suspended certificate' });
await call('putAssessment', { as: 'hr', path: { id: hrOfficers[0].id, year: YEAR - 1 }, body: { grade: 'competent' }, expect: 200 });
const mark = { year: YEAR - 1, officer_id: review[0].officer_id };
await call('putExitMark', { as: 'admin', path: mark, body: { decision: 'no_action', note: '合约测试' }, expect: 200 });
await call('getExitReview', { as: 'admin', query: { year: YEAR - 1, handled: 'true' }, expect: 200 });
await call('deleteExitMark', { as: 'admin', path: mark, expect: 204 });
await call('createCampaign', { as: 'admin', expect: 201,
  body: { name: `合约测试轮训${stamp}`, window_start: `${YEAR + 1}-01-01`, deadline: `${YEAR + 1}-12-31` } });
await call('importOfficers', { as: 'admin', contentType: 'text/csv', expect: 200,
  raw: `name,id_number,unit_code,kind,post_start,post_end\r\n合约导入,${validIdNumber(102)},${code},enforcement,2021-01-01,\r\n` });
const sheet = await newTraining('合约测试签到');
await call('importAttendance', { as: 'admin', contentType: 'text/csv', expect: 200,
  raw: `training_id,id_number,legal,business,political\r\n${sheet.id},${validIdNumber(101)},,,\r\n` });
const exam = (await call('createExam', { as: 'admin', expect: 201,
  body: { name: `合约测试考试${stamp}`, held_on: `${YEAR}-01-10` } })).json;
await call('putExamResult', { as: 'admin', path: { id: exam.id, officer_id: officer.id }, body: { score: 72.5 }, expect: 200 });
await call('importExamResults', { as: 'admin', contentType: 'text/csv', expect: 200,
  raw: `exam_id,id_number,score\r\n${exam.id},${validIdNumber(102)},59.5\r\n` });
for (const as of ['admin', 'hr']) await call('getExam', { as, path: { id: exam.id }, expect: 200 });
await call('getOfficerQualification', { as: 'admin', path: { id: officer.id }, query: { kind: 'renewal' }, expect: 200 });
const officer2 = (await call('createOfficer', { as: 'admin', expect: 201,
  body: { name: '合约申领', id_number: validIdNumber(104), unit_id: unit.id, kind: 'enforcement', post_start: '2020-01-01' } })).json;
const application = (await call('submitApplication', { as: 'admin', expect: 201, body: { officer_id: officer2.id, kind: 'first' } })).json;
await call('getApplication', { as: 'admin', path: { id: application.id }, expect: 200 });
await call('decideApplication', { as: 'admin', path: { id: application.id }, body: { decision: 'approve' }, expect: 409, label: 'not qualified' });
await call('withdrawApplication', { as: 'admin', path: { id: application.id }, body: { reason: '合约测试' }, expect: 200 });
const rejected = (await call('submitApplication', { as: 'admin', expect: 201, body: { officer_id: officer2.id, kind: 'first' } })).json;
await call('decideApplication', { as: 'admin', path: { id: rejected.id }, body: { decision: 'reject', reason: '合约测试' }, expect: 200 });
// External training claims (the officer's own, with a PNG's first bytes) and exemptions.
const claimBody = { title: '合约测试外部培训', provider: '省司法厅', start_date: `${YEAR}-09-01`, end_date: `${YEAR}-09-01`, hours: { legal: 2, business: 1.5 } };
const claim = (await call('createClaim', { as: 'officer', path: { id: me.officer.officer_id }, body: claimBody, expect: 201 })).json;
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
await call('putClaimEvidence', { as: 'officer', path: { id: claim.id }, raw: png, contentType: 'image/png', expect: 200 });
await call('putClaimEvidence', { as: 'officer', path: { id: claim.id }, raw: '<!DOCTYPE html>', contentType: 'application/pdf', expect: 415, label: 'HTML named a PDF' });
for (const as of ['admin', 'hr', 'officer']) {
  await call('getClaim', { as, path: { id: claim.id }, expect: 200 });
  const file = await call('getClaimEvidence', { as, path: { id: claim.id }, expect: 200 });
  if (!file.bytes.equals(png)) fail(`getClaimEvidence as ${as}: not the bytes uploaded`);
}
await call('listClaims', { as: 'hr', query: { state: 'submitted' }, expect: 200, label: 'the queue' });
await call('decideClaim', { as: 'hr', path: { id: claim.id }, body: { decision: 'approve', hours: { legal: 1 } }, expect: 200 });
await call('decideClaim', { as: 'hr', path: { id: claim.id }, body: { decision: 'reject', reason: '合约测试' }, expect: 409, label: 'decided already' });
await call('revokeClaim', { as: 'admin', path: { id: claim.id }, body: { reason: '合约测试' }, expect: 200 });
const withdrawn = (await call('createClaim', { as: 'hr', path: { id: me.officer.officer_id }, body: claimBody, expect: 201 })).json;
await call('withdrawClaim', { as: 'officer', path: { id: withdrawn.id }, expect: 200 });
await call('listOfficerClaims', { as: 'officer', path: { id: me.officer.officer_id }, expect: 200, label: 'with claims' });
const exemption = (await call('createExemption', { as: 'admin', path: { id: officer.id }, expect: 201,
  body: { from: `${YEAR}-03-01`, to: `${YEAR}-03-31`, reason_code: 'other', reason: '合约测试' } })).json;
await call('createExemption', { as: 'admin', path: { id: officer.id }, expect: 409, label: 'an overlap',
  body: { from: `${YEAR}-03-31`, to: `${YEAR}-04-30`, reason_code: 'illness' } });
await call('listOfficerExemptions', { as: 'admin', path: { id: officer.id }, expect: 200, label: 'with an exemption' });
await call('deleteExemption', { as: 'admin', path: { id: exemption.id }, expect: 204 });
await call('resetMyCalendar', { as: 'admin', body: {}, expect: 200 });
// The new hr user: a password reset by the admin must be changed first.
tokens.contract = (await json('login', { body: { username: user.username, password: 'Contract-reset-2025' } })).token;
await call('getMe', { as: 'contract', expect: 200, label: 'while a password change is due' });
await call('listOfficers', { as: 'contract', expect: 403, label: 'while a password change is due' });
await call('changeOwnPassword', { as: 'contract', body: { current_password: 'Contract-reset-2025', new_password: 'Contract-mine-2025' }, expect: 204 });
await call('logoutEverywhere', { as: 'contract', expect: 204 });
tokens.contract = (await json('login', { body: { username: user.username, password: 'Contract-mine-2025' } })).token;
await call('logout', { as: 'contract', expect: 204 });

// Error answers, against the responses documented for their status.
await call('getMe', { expect: 401, label: 'without a token' });
await call('getMe', { as: 'contract', expect: 401, label: 'after logout' });
await call('getOfficer', { as: 'admin', path: { id: 999999999 }, expect: 404, label: 'an unknown id' });
await call('getOfficer', { as: 'hr', path: { id: me.officer.officer_id === hrOfficers[0].id ? 999999998 : officer.id }, expect: 404, label: 'outside the units' });
await call('getCompliance', { as: 'admin', query: { year: 'zz' }, expect: 422, label: '?year=zz' });
await call('listOfficers', { as: 'admin', query: { limit: 0 }, expect: 422, label: '?limit=0' });
await call('listAudit', { as: 'hr', expect: 403, label: 'as hr' });
await call('createTraining', { as: 'officer', body: {}, expect: 403, label: 'as officer' });
await call('createUnit', { as: 'admin', body: { code, name: '重复', parent_id: root.id, level: child.level }, expect: 409, label: 'a code taken' });
await call('createUnit', { as: 'admin', raw: '{"code":', expect: 400, label: 'broken JSON' });
await call('createUnit', { as: 'admin', raw: 'code,name', contentType: 'text/csv', expect: 415, label: 'as text/csv' });
await call('importOfficers', { as: 'admin', raw: '{}', contentType: 'application/json', expect: 415, label: 'as JSON' });
await call('createOfficer', { as: 'admin', body: { name: '坏', id_number: '123', unit_id: unit.id, kind: 'enforcement', post_start: '2020-01-01' }, expect: 422, label: 'a bad ID number' });
await call('importAttendance', { as: 'admin', contentType: 'text/csv', expect: 422, label: 'a refused line',
  raw: `training_id,id_number,legal,business,political\r\nabc,${validIdNumber(103)},2.3,,\r\n` });
await call('actOnCertificate', { as: 'admin', path: { id: cert.id }, body: { action: 'restore', effective_on: '2020-01-01' }, expect: 409, label: 'before the issue date' });
await call('deleteExitMark', { as: 'admin', path: mark, expect: 404, label: 'no mark' });
await call('getPolicy', { as: 'admin', path: { year: 2100 }, expect: 422, label: 'year 2100' });
await call('getCalendarFeed', { path: { secret: 'x'.repeat(64) }, expect: 404, label: 'an unknown secret' });
{
  const bad = await http('GET', '/healthz?q=%zz');
  if (bad.status !== 400) fail(`GET /healthz?q=%zz: expected 400, got ${bad.status}`);
  conforms('getHealthz', bad, 'a bad %-escape');
}
// Throttles last: they outlive this run's other calls.
for (let i = 0; i < 5; i++) await http('POST', '/api/v1/session', { body: { username: user.username, password: 'wrong-password-1' } });
const throttled = await call('login', { body: { username: user.username, password: 'wrong-password-1' }, expect: 429, label: 'after 5 failures' });
if (throttled.status === 429 && !/^\d+$/.test(throttled.headers.get('retry-after') || '')) fail('429 login_throttled without a Retry-After in seconds');

await background;

// Every operation answered at least once with success.
for (const o of operations)
  if (!checkedOps.has(o.op.operationId)) fail(`${o.method} ${o.path} (${o.op.operationId}): never answered with success here`);
const unique = new Set(operations.map((o) => o.op.operationId));
if (unique.size !== operations.length) fail('operationIds are not unique');

console.log(`${operations.length} operations, ${answers} answers checked against their schemas, ${failures.length} mismatches, in ${seconds()} s`);
if (failures.length) {
  console.log(`\n${failures.length} contract failures:\n` + failures.map((f) => '  - ' + f.split('\n')[0]).join('\n'));
  if (serverLog.trim()) console.log('\nserver stderr:\n' + serverLog.trim().split('\n').slice(-20).join('\n'));
}
process.exit(failures.length ? 1 : 0);
