// Browser tests of 外部培训申报 (我的学时, officer, phone first), 学时认定 (hr, admin) and 学时减免 (an
// officer's page, 本单位). Imported by run.mjs, which passes its harness (`t`). Each test makes the
// claims and exemptions it needs and finds them by id, so they do not depend on each other's order;
// exemptions are deleted again at the end (the administrator's API).
import { deflateSync } from 'node:zlib';

// ---- files made here ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
// A real PNG (RGB, 8 bits): a pale "certificate" with a red border and a seal, w×h pixels.
export function pngBytes(w = 240, h = 160) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const border = x < 6 || y < 6 || x >= w - 6 || y >= h - 6;
      const seal = (x - w * 0.75) ** 2 + (y - h * 0.65) ** 2 < (h * 0.16) ** 2;
      const line = y > h * 0.3 && y < h * 0.75 && x > w * 0.12 && x < w * 0.6 && y % 14 < 3;
      const [r, g, b] = border || seal ? [196, 30, 58] : line ? [90, 90, 90] : [255, 250, 235];
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// A minimal one-page PDF (its first bytes are what the server looks at).
export function pdfBytes(text = 'certhours e2e') {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 30 100 Td (${text}) Tj ET`;
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// Chromium's built-in PDF viewer: the extension frame a PDF document is shown in.
const PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

export async function claimsTests(t) {
  const { test, withPage, login, shot, apiGet, apiSend, expect, eq, DESKTOP, PHONE, USERS, TODAY, addDays, zhDate, BASE, browser } = t;
  const stamp = String(Date.now()).slice(-6);
  const year = +TODAY.slice(0, 4);
  const toast = (page, text) => page.locator('#toasts .toast', { hasText: text }).waitFor();
  const noSideScroll = async (page, what) => {
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(w <= 390, `${what}: the page fits 390 px (scrollWidth ${w})`);
  };
  const short = (hrs) => ['legal', 'business', 'political'].filter((c) => hrs[c] > 0)
    .map((c) => `${{ legal: '法律', business: '业务', political: '政治理论' }[c]} ${hrs[c]}`).join(' · ');

  // The API as one user, outside any page (setting up, checking, cleaning up).
  async function apiAs(who) {
    const ctx = await browser.newContext({ baseURL: BASE });
    const r = await ctx.request.post('/api/v1/session', { data: { username: USERS[who][0], password: USERS[who][1] } });
    expect(r.status() === 200, `login ${who} for the API: ${r.status()}`);
    const call = async (method, p, { json, raw, type } = {}) => {
      const res = await ctx.request.fetch('/api/v1' + p, {
        method, data: raw !== undefined ? raw : json,
        headers: raw !== undefined ? { 'Content-Type': type } : json !== undefined ? { 'Content-Type': 'application/json' } : {},
      });
      return { status: res.status(), body: await res.json().catch(() => null) };
    };
    return {
      get: (p) => call('GET', p),
      send: (method, p, json) => call(method, p, { json }),
      upload: (p, raw, type) => call('PUT', p, { raw, type }),
      close: () => ctx.close(),
    };
  }

  // The officer of the demo login (every claim here is theirs: the hr user's district), read by
  // the first test that runs (a failure there fails that test, not the run).
  let officerApi = null;
  let me = null;
  let meOfficer = null;
  async function setup() {
    if (officerApi) return;
    const api = await apiAs('officer');
    me = (await api.get('/me')).body;
    meOfficer = (await api.get(`/officers/${me.officer_id}`)).body;
    officerApi = api;
  }
  // Distinct days for each claim of the run (a day holds at most 10 hours).
  let dayOffset = 20;
  const nextDays = (n) => { const end = addDays(TODAY, -dayOffset); dayOffset += n + 1; return [addDays(end, -(n - 1)), end]; };

  // A claim made through the API as the officer, with evidence when given.
  async function makeClaim(title, hours, { evidence, type, days = 1 } = {}) {
    await setup();
    const [start, end] = nextDays(days);
    const r = await officerApi.send('POST', `/officers/${me.officer_id}/claims`, { title, provider: 'E2E 培训机构', start_date: start, end_date: end, hours });
    eq(r.status, 201, 'POST claim: ' + JSON.stringify(r.body));
    if (!evidence) return r.body;
    const u = await officerApi.upload(`/claims/${r.body.id}/evidence`, evidence, type);
    eq(u.status, 200, 'PUT evidence: ' + JSON.stringify(u.body));
    return u.body;
  }

  // Waits until the officer's claims are drawn on 我的学时.
  const claimsDrawn = (page) => page.locator('.my-claims .claim-list').locator('#my-claims-count, .claims-empty').first().waitFor();

  const CLAIM = {};
  await test('外部培训申报 (officer, phone): a course claimed with a PNG certificate; hr sees the image in 学时认定 and credits fewer hours; 我的学时 shows the credited hours and the course marked 外部培训', async () => {
    await setup();
    const title = `E2E 行政复议专题培训 ${stamp}`;
    const [start, end] = nextDays(2);
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.officer);
      await page.waitForURL(/#\/me/);
      await claimsDrawn(page);
      await page.locator('#claim-new').click();
      const form = page.locator('#claim-form');
      await form.waitFor();
      await form.getByLabel('培训名称').fill(title);
      await form.getByLabel('举办单位').fill('广西壮族自治区司法厅');
      await form.getByLabel('开始日期').fill(start);
      await form.getByLabel('结束日期').fill(end);
      await form.getByLabel('公共法律知识').fill('6');
      await form.getByLabel('业务知识和行政执法技能').fill('8');
      eq(await page.locator('#claim-file').getAttribute('accept'), 'image/jpeg,image/png,application/pdf', 'the file input offers photos and PDFs');
      // a file over 5 MB is refused here, before anything is sent
      await page.setInputFiles('#claim-file', { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 1) });
      const big = form.locator('.field-error');
      await big.waitFor();
      expect((await big.innerText()).includes('超过 5 MB'), 'the size checked in Chinese: ' + await big.innerText());
      await page.setInputFiles('#claim-file', { name: '结业证书.png', mimeType: 'image/png', buffer: pngBytes() });
      await form.locator('.file-info', { hasText: '结业证书.png' }).waitFor();
      eq(await form.locator('.field-error').count(), 0, 'the error gone with a good file');
      await noSideScroll(page, 'the claim form on a phone');
      await shot(page, 'claim-form-phone');
      const [created, uploaded] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/officers/${me.officer_id}/claims`)),
        page.waitForResponse((r) => r.request().method() === 'PUT' && /\/claims\/\d+\/evidence$/.test(r.url())),
        page.locator('#claim-submit').click()]);
      eq(created.status(), 201, 'POST claim');
      eq(uploaded.status(), 200, 'PUT evidence');
      eq(uploaded.request().headers()['content-type'], 'image/png', 'sent as image/png');
      const c = await uploaded.json();
      CLAIM.png = c;
      eq([c.state, c.title, c.hours, c.evidence.type], ['submitted', title, { legal: 6, business: 8, political: 0 }, 'image/png'], 'the claim, submitted');
      await toast(page, `已提交申报“${title}”`);
      const card = page.locator(`.my-claims .claim-card[data-claim="${c.id}"]`);
      await card.locator('.chip', { hasText: '待认定' }).waitFor();
      expect((await card.innerText()).includes('申报学时：法律 6 · 业务 8'), 'the hours claimed: ' + await card.innerText());
      await card.locator('img.evidence-img').waitFor();
      await card.locator('img.evidence-img').evaluate((img) => new Promise((resolve) => {
        const done = () => resolve();
        if (img.complete) done(); else { img.addEventListener('load', done); img.addEventListener('error', done); }
      }));
      eq(await card.locator('img.evidence-img').evaluate((img) => img.naturalWidth), 240, 'the certificate shown on the card');
      await card.getByRole('button', { name: `撤回“${title}”的申报` }).waitFor();
      await card.scrollIntoViewIfNeeded();
      await noSideScroll(page, 'the claims on a phone');
      await shot(page, 'claim-submitted-phone');
    });

    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.hr);
      await page.waitForURL(/#\/unit/);
      const queue = (await apiGet(page, '/claims?state=submitted&limit=100')).body;
      expect(queue.items.some((x) => x.id === CLAIM.png.id), 'the claim is in the hr queue');
      const link = page.locator('#nav a[href="#/claims"]');
      await link.locator('.nav-count', { hasText: String(queue.total) }).waitFor();
      await link.click();
      await page.locator('#claims-count', { hasText: `共 ${queue.total} 件待认定的申报` }).waitFor();
      eq(await page.title(), '学时认定 · 行政执法人员培训学时管理', 'tab title');
      eq(await page.locator('.claims-table tbody tr').evaluateAll((rs) => rs.map((r) => +r.dataset.claim)), queue.items.slice(0, 50).map((x) => x.id), 'the queue as the API orders it (oldest submitted first)');
      const row = page.locator(`.claims-table tr[data-claim="${CLAIM.png.id}"]`);
      const rowText = await row.innerText();
      const dates = `${zhDate(start)}至${+end.slice(5, 7)}月${+end.slice(8, 10)}日`;
      for (const s of [meOfficer.name, title, '广西壮族自治区司法厅', dates, '法律 6 · 业务 8']) expect(rowText.includes(s), `the row names ${s}: ${rowText}`);
      await shot(page, 'claims-queue-desktop');
      await row.getByRole('link', { name: /认定/ }).click();
      await page.waitForURL(new RegExp(`#/claims/${CLAIM.png.id}$`));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // the certificate inline, as the image it is
      const img = page.locator('.claim-evidence img.evidence-img');
      await img.waitFor();
      await page.waitForFunction(() => { const i = document.querySelector('.claim-evidence img.evidence-img'); return i && i.complete && i.naturalWidth === 240; });
      // pre-filled with the hours claimed; the category not claimed cannot be credited
      const form = page.locator('.decide-claim-form');
      eq(await form.getByLabel(/^公共法律知识/).inputValue(), '6', 'legal pre-filled');
      eq(await form.getByLabel(/^业务知识和行政执法技能/).inputValue(), '8', 'business pre-filled');
      expect(await form.getByLabel(/^政治理论/).isDisabled(), 'political not claimed: disabled');
      // more than claimed: the server refuses it (credit_exceeds_claim), shown at the field
      await form.getByLabel(/^公共法律知识/).fill('7');
      await page.locator('#claim-approve').click();
      await form.locator('.field-error', { hasText: '超过了申报的 6 学时' }).waitFor();
      await form.getByLabel(/^公共法律知识/).fill('4');
      await shot(page, 'claim-review-desktop');
      const [decided] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/claims/${CLAIM.png.id}/decision`)),
        page.locator('#claim-approve').click()]);
      eq(decided.status(), 200, 'approve');
      const approved = await decided.json();
      eq([approved.state, approved.credited], ['approved', { legal: 4, business: 8, political: 0 }], 'credited fewer legal hours');
      await page.locator('.decided-note', { hasText: `已认定 ${meOfficer.name}“${title}”：法律 4 · 业务 8 学时` }).waitFor();
      await page.locator('.claim-h1 .chip', { hasText: '已认定' }).waitFor();
      expect((await page.locator('[data-fact="credited"]').innerText()).includes('少于申报'), 'fewer than claimed said');
      eq(await page.locator('.decide-claim-form').count(), 0, 'no decision form once decided');
      // the count in the menu follows
      const left = (await apiGet(page, '/claims?state=submitted&limit=1')).body.total;
      if (left) await link.locator('.nav-count', { hasText: String(left) }).waitFor();
      else await link.locator('.nav-count').waitFor({ state: 'detached' });
      await shot(page, 'claim-approved-desktop');
      // approved ones are found with the state filter
      await page.goto('/#/claims?state=approved');
      await page.locator('#claims-count', { hasText: '已认定的申报' }).waitFor();
      await page.locator(`.claims-table tr[data-claim="${CLAIM.png.id}"]`, { hasText: '认定 法律 4 · 业务 8' }).waitFor();
    });

    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.officer);
      await page.waitForURL(/#\/me/);
      const hours = (await apiGet(page, `/officers/${me.officer_id}/hours`)).body;
      const ext = hours.trainings.find((x) => x.source === 'external' && x.claim_id === CLAIM.png.id);
      expect(ext, 'GET hours lists the external training: ' + JSON.stringify(hours.trainings.slice(-3)));
      eq(ext.hours, { legal: 4, business: 8, political: 0 }, 'the credited hours count');
      const line = page.locator(`.trainings-counted .tline-external[data-claim="${CLAIM.png.id}"]`);
      await line.waitFor();
      const text = await line.innerText();
      expect(text.includes('外部培训') && text.includes(title) && text.includes('法律 4 · 业务 8'), 'the line: ' + text);
      eq(await line.locator('a').count(), 0, 'no link to a session page');
      expect((await page.locator('.hours-summary').innerText()).includes(String(hours.legal.earned)), 'the bars count it');
      const card = page.locator(`.my-claims .claim-card[data-claim="${CLAIM.png.id}"]`);
      await card.locator('.chip', { hasText: '已认定' }).waitFor();
      expect((await card.innerText()).includes('认定学时：法律 4 · 业务 8'), 'credited on the card: ' + await card.innerText());
      eq(await card.locator('button, .file-button').count(), 0, 'nothing more to do on an approved claim');
      await line.scrollIntoViewIfNeeded();
      await shot(page, 'claim-credited-phone');
    });
  });

  await test('学时认定: a PDF claim opens in the browser\'s viewer, is refused (不予认定 needs a reason), and the officer reads why; the admin revokes an approved one', async () => {
    const title = `E2E 网络培训（PDF）${stamp}`;
    const c = await makeClaim(title, { legal: 3, business: 0, political: 2 }, { evidence: pdfBytes(), type: 'application/pdf' });
    eq([c.state, c.evidence.type], ['submitted', 'application/pdf'], 'a PDF claim waiting');
    const reason = `E2E ${stamp}：证明未加盖举办单位公章，请补充后重新申报`;
    // the queue and a claim on a phone
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.hr);
      await page.waitForURL(/#\/unit/);
      await page.goto('/#/claims');
      await page.locator(`.claims-table tr[data-claim="${c.id}"]`).waitFor();
      await noSideScroll(page, 'the claims queue on a phone');
      await shot(page, 'claims-queue-phone');
      await page.locator(`.claims-table tr[data-claim="${c.id}"]`).getByRole('link', { name: /查看并认定/ }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.locator('.decide-claim-form').waitFor();
      await noSideScroll(page, 'a claim on a phone');
      await shot(page, 'claim-review-phone');
    });
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.hr);
      await page.waitForURL(/#\/unit/);
      await page.goto(`/#/claims/${c.id}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      eq(await page.locator('.claim-evidence img').count(), 0, 'a PDF is not an <img>');
      const open = page.getByRole('button', { name: `在浏览器中打开 PDF：${title}` });
      // Chromium's PDF viewer (an extension frame) must start in the new tab: the blob: document
      // inherits the page's CSP (object-src 'none'), which must not stop it. Watched from the tab's
      // birth, so no frame is missed.
      const viewerStarted = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the PDF viewer did not start in the new tab')), 20000);
        page.once('popup', (p) => {
          const seen = (f) => { if (f.url().startsWith(PDF_VIEWER)) { clearTimeout(timer); resolve(); } };
          p.on('framenavigated', seen);
          p.frames().forEach(seen);
        });
      });
      const [popup, file] = await Promise.all([
        page.waitForEvent('popup'),
        page.waitForResponse((r) => r.url().endsWith(`/claims/${c.id}/evidence`)),
        open.click()]);
      eq(file.status(), 200, 'GET evidence');
      eq(file.headers()['content-type'].split(';')[0], 'application/pdf', 'its type');
      expect(/attachment/.test(file.headers()['content-disposition'] || ''), 'sent as an attachment');
      eq(file.headers()['x-content-type-options'], 'nosniff', 'nosniff');
      eq((await file.body()).subarray(0, 8).toString('latin1'), '%PDF-1.4', 'the bytes uploaded');
      // the tab opened within the click is sent to the file (a blob: address of this origin)
      await popup.waitForURL(/^blob:/, { waitUntil: 'commit' });
      await viewerStarted;
      await popup.close();
      await shot(page, 'claim-pdf-desktop');

      const form = page.locator('.decide-claim-form');
      await page.locator('#claim-reject').click();
      await form.locator('.field-error', { hasText: '原因为必填项' }).waitFor();
      await form.getByLabel(/^说明/).fill(reason);
      const [decided] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/claims/${c.id}/decision`)),
        page.locator('#claim-reject').click()]);
      eq(decided.status(), 200, 'reject');
      await page.locator('.decided-note', { hasText: `已不予认定 ${meOfficer.name}“${title}”` }).waitFor();
      await page.locator('.claim-h1 .chip', { hasText: '未通过' }).waitFor();
      eq(await page.locator('[data-fact="reason"]').innerText(), reason, 'the reason shown');
      const after = (await apiGet(page, `/claims/${c.id}`)).body;
      eq([after.state, after.reason, after.credited || null], ['rejected', reason, null], 'API: rejected with the reason, nothing credited');
    });
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.officer);
      await page.waitForURL(/#\/me/);
      const card = page.locator(`.my-claims .claim-card[data-claim="${c.id}"]`);
      await card.locator('.chip', { hasText: '未通过' }).waitFor();
      expect((await card.locator('.claim-reason').innerText()) === `未通过原因：${reason}`, 'the reason on the card');
      eq(await card.locator('button, .file-button').count(), 1, 'only 打开 PDF: no 撤回 or upload on a refused claim');
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'claim-rejected-phone');
    });

    // revoke (admin): an approved claim's hours no longer count; a reason is required
    const r = await makeClaim(`E2E 待撤销 ${stamp}`, { legal: 2, business: 0, political: 0 }, { evidence: pngBytes(40, 30), type: 'image/png' });
    const hrApi = await apiAs('hr');
    eq((await hrApi.send('POST', `/claims/${r.id}/decision`, { decision: 'approve' })).status, 200, 'approved through the API');
    await hrApi.close();
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.hr);
      await page.waitForURL(/#\/unit/);
      await page.goto(`/#/claims/${r.id}`);
      await page.getByRole('heading', { level: 1, name: r.title }).waitFor();
      eq(await page.locator('.claim-revoke').count(), 0, 'hr has no 撤销');
    });
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.admin);
      await page.waitForURL(/#\/unit/);
      await page.goto(`/#/claims/${r.id}`);
      await page.getByRole('heading', { level: 1, name: r.title }).waitFor();
      await page.locator('.claim-revoke summary').click();
      await page.locator('#claim-revoke').click();
      await page.locator('.revoke-form .field-error', { hasText: '原因为必填项' }).waitFor();
      await page.getByLabel('撤销原因（必填）').fill('E2E：重复申报');
      await page.locator('#claim-revoke').click();
      await page.locator('.claim-h1 .chip', { hasText: '已撤销' }).waitFor();
      const after = (await apiGet(page, `/claims/${r.id}`)).body;
      eq([after.state, after.reason], ['revoked', 'E2E：重复申报'], 'API: revoked');
      const hours = (await apiGet(page, `/officers/${me.officer_id}/hours`)).body;
      expect(!hours.trainings.some((x) => x.claim_id === r.id), 'a revoked claim no longer counts');
      await shot(page, 'claim-revoked-desktop');
    });
  });

  await test('外部培训申报 (officer, phone): an HTML page named .pdf is refused by the server (415, its Chinese message on the card); uploaded again as a PNG; withdrawn', async () => {
    await setup();
    const title = `E2E 伪装文件 ${stamp}`;
    const [start, end] = nextDays(1);
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.officer);
      await page.waitForURL(/#\/me/);
      await claimsDrawn(page);
      // the shortcut under the title opens the form and brings it into view
      await page.locator('#claim-shortcut').click();
      const form = page.locator('#claim-form');
      await form.getByLabel('培训名称').waitFor();
      expect(await form.getByLabel('培训名称').evaluate((el) => document.activeElement === el), 'the first field focused');
      eq(await page.locator('#claim-new').getAttribute('aria-expanded'), 'true', 'the panel\'s button says the form is open');
      await form.getByLabel('培训名称').fill(title);
      await form.getByLabel('举办单位').fill('某网络学院');
      await form.getByLabel('开始日期').fill(start);
      await form.getByLabel('结束日期').fill(end);
      await form.getByLabel('政治理论').fill('2');
      await page.setInputFiles('#claim-file', { name: '证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script>证书</body></html>') });
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PUT' && /\/claims\/\d+\/evidence$/.test(r.url())),
        page.locator('#claim-submit').click()]);
      eq(refused.status(), 415, 'the server looks at the bytes');
      const body = await refused.json();
      const id = +/\/claims\/(\d+)\/evidence$/.exec(refused.url())[1];
      const card = page.locator(`.my-claims .claim-card[data-claim="${id}"]`);
      await card.locator('.chip', { hasText: '待上传证明' }).waitFor();
      const err = card.locator('.upload-error');
      await err.waitFor();
      eq(await err.getAttribute('data-status'), '415', 'the 415 on the card');
      eq(await err.innerText(), `证明文件未能上传：${body.error.message}`, 'the server\'s own Chinese message');
      expect(/[\u4e00-\u9fff]/.test(body.error.message), 'the message is Chinese: ' + body.error.message);
      await toast(page, '证明文件未能上传');
      await card.scrollIntoViewIfNeeded();
      await noSideScroll(page, 'the refused upload on a phone');
      await shot(page, 'claim-upload-refused-phone');
      // 上传证明 on the card: a real picture this time
      const [ok] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/claims/${id}/evidence`)),
        page.setInputFiles(`#claim-file-${id}`, { name: 'photo.png', mimeType: 'image/png', buffer: pngBytes(120, 80) })]);
      eq(ok.status(), 200, 'the PNG accepted');
      await card.locator('.chip', { hasText: '待认定' }).waitFor();
      eq(await card.locator('.upload-error').count(), 0, 'the error gone');
      // 撤回: asked first
      await card.getByRole('button', { name: `撤回“${title}”的申报` }).click();
      const dlg = page.getByRole('dialog', { name: '撤回申报' });
      await dlg.getByRole('button', { name: '确认撤回' }).click();
      await toast(page, `已撤回申报“${title}”`);
      await card.locator('.chip', { hasText: '已撤回' }).waitFor();
      eq(await card.locator('button, .file-button').count(), 0, 'nothing to do on a withdrawn claim');
      eq((await apiGet(page, `/claims/${id}`)).body.state, 'withdrawn', 'API: withdrawn');
    });
  });

  await test('学时减免 (hr): recorded on an officer\'s page (the hours note it), an overlapping one refused with the 409 in Chinese; 本单位 marks the officer 减免 and a whole year 免于考核; the admin deletes them', async () => {
    await setup();
    const adminApi = await apiAs('admin');
    const made = [];
    try {
      // two officers of the hr district on post all year, with no exemption yet
      const units = (await adminApi.get('/units?limit=1000')).body.items;
      const district = units.find((u) => u.name === '钦南区');
      const list = (await adminApi.get(`/officers?unit_id=${district.id}&status=active&limit=1000`)).body.items
        .filter((o) => o.post_start < `${year}-01-01` && o.id !== me.officer_id);
      const free = [];
      for (const o of list) {
        if ((await adminApi.get(`/officers/${o.id}/exemptions`)).body.items.length === 0) free.push(o);
        if (free.length === 2) break;
      }
      const [a, b] = free;
      expect(a && b, 'two officers without exemptions');
      const from = `${year}-03-01`;
      const to = `${year}-05-31`;
      await withPage(DESKTOP, async (page) => {
        await login(page, ...USERS.hr);
        await page.waitForURL(/#\/unit/);
        await page.goto(`/#/officers/${a.id}`);
        const panel = page.locator('section.exemptions');
        await panel.locator('.ex-empty').waitFor();
        await page.locator('.hours-summary').waitFor();
        const before = (await apiGet(page, `/officers/${a.id}/hours`)).body;
        await panel.locator('#ex-add-summary').click();
        const form = page.locator('#ex-form');
        await form.getByLabel('起始日期').fill(from);
        await form.getByLabel('截止日期').fill(to);
        await form.getByLabel('减免原因').selectOption('maternity');
        const [created] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/officers/${a.id}/exemptions`)),
          page.locator('#ex-submit').click()]);
        eq(created.status(), 201, 'POST exemption');
        const ex = await created.json();
        made.push(ex.id);
        eq([ex.from, ex.to, ex.reason_code, ex.reason_name], [from, to, 'maternity', '产假'], 'the exemption');
        await toast(page, `已登记 ${a.name} 的学时减免`);
        const item = panel.locator(`.ex-item[data-exemption="${ex.id}"]`);
        await item.waitFor();
        const itext = await item.innerText();
        expect(itext.includes(`${zhDate(from)}至${zhDate(to)}`) && itext.includes('产假'), 'listed: ' + itext);
        eq(await item.locator('.ex-delete').count(), 0, 'hr may not delete');
        // the hours drawn again with the requirement the server now computes
        await page.locator('.hours-summary .exempt-note', { hasText: '产假' }).waitFor();
        const after = (await apiGet(page, `/officers/${a.id}/hours`)).body;
        expect(after.legal.required <= before.legal.required, `the requirement does not grow (${before.legal.required} → ${after.legal.required})`);
        expect((await page.locator('.hours-summary').innerText()).includes(`/ ${after.legal.required} 学时`), 'the bars use the new requirement');
        await shot(page, 'exemption-added-desktop');

        // an overlapping one: 409, the server's words next to the form
        if (!(await form.isVisible())) await panel.locator('#ex-add-summary').click();
        await form.getByLabel('起始日期').fill(`${year}-05-01`);
        await form.getByLabel('截止日期').fill(`${year}-06-30`);
        await form.getByLabel('减免原因').selectOption('other');
        await page.locator('#ex-submit').click();
        await form.locator('.field-error', { hasText: '原因为必填项' }).waitFor();
        await form.getByLabel(/^说明/).fill('E2E：外出学习');
        const [conflict] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/officers/${a.id}/exemptions`)),
          page.locator('#ex-submit').click()]);
        eq(conflict.status(), 409, 'overlap');
        const msg = (await conflict.json()).error.message;
        const err = form.locator('.field-error');
        await err.waitFor();
        expect((await err.innerText()).includes(msg), `the server's message shown: ${await err.innerText()} / ${msg}`);
        expect(/[\u4e00-\u9fff]/.test(msg), 'in Chinese: ' + msg);
        eq(await panel.locator('.ex-item').count(), 1, 'nothing added');
        await shot(page, 'exemption-overlap-desktop');
        // a year closed: two years back
        await form.getByLabel('起始日期').fill(`${year - 2}-02-01`);
        await form.getByLabel('截止日期').fill(`${year - 2}-02-10`);
        const [closed] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/officers/${a.id}/exemptions`)),
          page.locator('#ex-submit').click()]);
        expect(closed.status() === 409 || closed.status() === 422, 'a closed year refused: ' + closed.status());
        await form.locator('.field-error', { hasText: (await closed.json()).error.message.slice(0, 8) }).waitFor();
      });

      // b exempt the whole year: 免于考核
      const whole = await adminApi.send('POST', `/officers/${b.id}/exemptions`, { from: `${year}-01-01`, to: `${year}-12-31`, reason_code: 'secondment', reason: 'E2E 借调' });
      eq(whole.status, 201, 'a whole year: ' + JSON.stringify(whole.body));
      made.push(whole.body.id);

      await withPage(DESKTOP, async (page) => {
        await login(page, ...USERS.hr);
        await page.waitForURL(/#\/unit/);
        for (const [o, reason, status] of [[a, '产假', null], [b, '借调挂职', 'exempt']]) {
          const item = (await apiGet(page, `/compliance?year=${year}&q=${encodeURIComponent(o.name)}&limit=100`)).body.items.find((x) => x.officer_id === o.id);
          expect(item && item.exemptions.length === 1, 'GET /compliance names the exemption: ' + JSON.stringify(item && item.exemptions));
          if (status) eq(item.status, status, `${o.name} exempt the whole year`);
          await page.goto(`/#/unit?year=${year}&q=${encodeURIComponent(o.name)}`);
          const row = page.locator(`.officers-table tr[data-officer="${o.id}"]`);
          await row.waitFor();
          const badge = row.locator('.badge-exempt');
          await badge.waitFor();
          expect((await badge.getAttribute('title')).includes(reason), `the reason in the tooltip: ${await badge.getAttribute('title')}`);
          if (status) await row.locator('.chip', { hasText: '免于考核' }).waitFor();
        }
        await shot(page, 'unit-exempt-desktop');
      });
      await withPage(PHONE, async (page) => {
        await login(page, ...USERS.hr);
        await page.waitForURL(/#\/unit/);
        await page.goto(`/#/officers/${b.id}`);
        await page.locator('section.exemptions .ex-item').waitFor();
        await page.locator('.hours-summary .status-text', { hasText: '学时减免期内，免于考核' }).waitFor();
        await noSideScroll(page, 'an officer with an exemption on a phone');
        await page.locator('section.exemptions').scrollIntoViewIfNeeded();
        await shot(page, 'exemption-phone');
      });

      // the administrator deletes one, after confirming
      await withPage(DESKTOP, async (page) => {
        await login(page, ...USERS.admin);
        await page.waitForURL(/#\/unit/);
        await page.goto(`/#/officers/${a.id}`);
        const item = page.locator(`.ex-item[data-exemption="${made[0]}"]`);
        await item.getByRole('button', { name: /^删除学时减免/ }).click();
        const dlg = page.getByRole('dialog', { name: '删除学时减免' });
        await dlg.getByRole('button', { name: '确认删除' }).click();
        await toast(page, '已删除学时减免');
        await page.locator('section.exemptions .ex-empty').waitFor();
        eq((await apiGet(page, `/officers/${a.id}/exemptions`)).body.items, [], 'API: deleted');
        made.shift();
        await page.locator('.hours-summary').waitFor();
        eq(await page.locator('.hours-summary .exempt-note').count(), 0, 'the note gone');
      });
    } finally {
      for (const id of made) await adminApi.send('DELETE', `/exemptions/${id}`);
      await adminApi.close();
    }
  });

  await test('审计日志: claims and exemptions read in Chinese (外部培训申报 · 申报 / 上传证明, 学时减免 · 登记减免 / 删除减免, their fields in words)', async () => {
    // a claim and an exemption of this test's own, so the log has them whatever ran before
    const c = await makeClaim(`E2E 审计 ${stamp}`, { legal: 1, business: 0, political: 0 }, { evidence: pngBytes(20, 20), type: 'image/png' });
    const adminApi = await apiAs('admin');
    try {
      const officers = (await adminApi.get('/officers?status=active&limit=200')).body.items.filter((o) => o.post_start < `${year}-01-01`);
      let ex = null;
      for (const o of officers) {
        const r = await adminApi.send('POST', `/officers/${o.id}/exemptions`, { from: `${year}-11-01`, to: `${year}-11-02`, reason_code: 'illness' });
        if (r.status === 201) { ex = r.body; break; }
      }
      expect(ex, 'an exemption recorded');
      eq((await adminApi.send('DELETE', `/exemptions/${ex.id}`)).status, 204, 'and deleted');
      await withPage(DESKTOP, async (page) => {
        await login(page, ...USERS.admin);
        await page.waitForURL(/#\/unit/);
        await page.goto(`/#/audit?entity=claim&entity_id=${c.id}`);
        const rows = page.locator('.audit-table tbody tr');
        await rows.nth(1).waitFor();
        const text = await page.locator('.audit-table').innerText();
        for (const w of ['外部培训申报', '申报', '上传证明', '培训名称', '举办单位', '待认定']) expect(text.includes(w), `${w} in the claim's log: ${text.slice(0, 600)}`);
        expect(!/\b(create|evidence|awaiting_evidence|submitted|provider)\b/.test(text), 'no English keys: ' + text.slice(0, 600));
        await shot(page, 'audit-claim-desktop');
        await page.goto(`/#/audit?entity=exemption&entity_id=${ex.id}`);
        await page.locator('.audit-table tbody tr').nth(1).waitFor();
        const etext = await page.locator('.audit-table').innerText();
        for (const w of ['学时减免', '登记减免', '删除减免', '病假']) expect(etext.includes(w), `${w} in the exemption's log: ${etext.slice(0, 600)}`);
        expect(!/\b(illness|reason_code|delete)\b/.test(etext), 'no English keys: ' + etext.slice(0, 600));
      });
    } finally {
      await adminApi.close();
      // not left open: an officer has at most 10 open claims
      await officerApi.send('POST', `/claims/${c.id}/withdraw`);
    }
  });

  if (officerApi) await officerApi.close();
}
