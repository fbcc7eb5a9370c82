// Browser tests of 证件申领 (hr, admin), 审核 (admin), 资格考试 (admin) and the officer's exams and
// applications on 我的学时. Imported by run.mjs, which passes its harness (`t`): they run last, on the
// demo database the earlier tests left (3 exams with scores, applications in every state).

const CHECK_ZH = ['在岗', '资格考试合格', '上年度学时达标', '上年度考核', '持证情况'];
const CHECK_CODES = ['on_post', 'exam_passed', 'training_met', 'assessment_ok', 'certificate_slot'];
const CHECK_OF = Object.fromEntries(CHECK_CODES.map((c, i) => [c, CHECK_ZH[i]]));

export async function qualificationTests(t) {
  const { test, withPage, login, shot, apiGet, apiSend, expect, eq, DESKTOP, PHONE, USERS, TODAY, addDays, zhDate } = t;
  const stamp = String(Date.now()).slice(-6);
  const toast = (page, text) => page.locator('#toasts .toast', { hasText: text }).waitFor();
  const noSideScroll = async (page, what) => {
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(w <= 390, `${what}: the page fits 390 px (scrollWidth ${w})`);
  };

  // The checks as the page shows them: [{label, ok, detail}] in order.
  const shownChecks = (list) => list.locator('li.check').evaluateAll((lis) => lis.map((li) => ({
    label: li.querySelector('.check-label').textContent,
    ok: li.dataset.ok === '1',
    mark: li.querySelector('.check-mark').textContent,
    detail: (li.querySelector('.check-detail') || {}).textContent || '',
  })));
  const expectChecks = async (list, checks, what) => {
    const shown = await shownChecks(list);
    eq(shown.map((c) => c.label), CHECK_ZH, `${what}: the five checks in Chinese, in order`);
    eq(checks.map((c) => c.code), CHECK_CODES, `${what}: the API's order`);
    eq(shown.map((c) => c.ok), checks.map((c) => c.ok), `${what}: ✓/✗ as the API says`);
    eq(shown.map((c) => c.mark), checks.map((c) => (c.ok ? '✓' : '✗')), `${what}: the marks`);
    eq(shown.map((c) => c.detail), checks.map((c) => c.detail), `${what}: each check's detail`);
  };

  // Picks an officer in an officerPicker (`id`): search by name, choose the row of that officer.
  const pick = async (page, id, o) => {
    await page.locator(`#${id}-q`).fill(o.name);
    await page.locator(`#${id}-find`).click();
    await page.locator(`#${id} .pick-btn[data-officer="${o.id}"]`).click();
    await page.locator(`#${id} .pick-chosen`, { hasText: o.name }).waitFor();
  };

  // Active enforcement officers of the caller's units without an open application.
  async function applicable(page) {
    const open = new Set((await apiGet(page, '/applications?state=submitted&limit=1000')).body.items.map((a) => a.officer_id));
    return (await apiGet(page, '/officers?status=active&limit=1000')).body.items
      .filter((o) => o.kind === 'enforcement' && o.post_start <= TODAY && !open.has(o.id));
  }

  await test('证件申领 (hr): previews the five checks of 首次申领 and 换证, submits, a second one is refused in Chinese, withdraws it; police refused', async () => {
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.hr);
      await page.waitForURL(/#\/unit/);
      await page.locator('#nav').getByRole('link', { name: '证件申领', exact: true }).click();
      await page.waitForURL(/#\/applications/);
      await page.locator('#apps-count').waitFor();
      eq(await page.title(), '证件申领 · 行政执法人员培训学时管理', 'tab title');
      eq(await page.locator('.tabs').count(), 0, 'hr has no 审核 tab (no tab strip)');
      // the unit's applications: as the API lists them (newest first)
      const listed = (await apiGet(page, '/applications?limit=20')).body;
      expect(listed.total > 0, 'the demo has applications in the hr units');
      eq(await page.locator('#apps-count').innerText(), `共 ${listed.total} 件申领`, 'count');
      eq(await page.locator('.app-list .app-card').evaluateAll((cs) => cs.map((c) => +c.dataset.app)), listed.items.map((a) => a.id), 'cards in the API order');
      const decided = listed.items.find((a) => a.state === 'approved');
      if (decided) {
        const card = page.locator(`.app-card[data-app="${decided.id}"]`);
        expect((await card.innerText()).includes(decided.certificate.number), 'an approved one shows its certificate number');
      }

      const o = (await applicable(page))[0];
      expect(o, 'an officer of the hr units to apply for');
      await pick(page, 'apply-pick', o);
      const preview = page.locator('.qual-preview .qual-box');
      await preview.waitFor();
      const first = (await apiGet(page, `/officers/${o.id}/qualification?kind=first`)).body;
      await expectChecks(preview, first.checks, '首次申领 preview');
      expect((await preview.innerText()).includes(first.qualified ? '资格审查通过' : '资格审查未通过'), 'qualified in words');
      // 换证: the review of a renewal (持证情况 differs)
      const [renewalResp] = await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/officers/${o.id}/qualification`) && r.url().includes('kind=renewal')),
        page.locator('label[for="kind-renewal"]').click()]);
      const renewal = await renewalResp.json();
      await page.locator('.qual-preview h3', { hasText: '换证' }).waitFor();
      await expectChecks(page.locator('.qual-preview .qual-box'), renewal.checks, '换证 preview');
      await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/officers/${o.id}/qualification`) && r.url().includes('kind=first')),
        page.locator('label[for="kind-first"]').click()]);
      await page.locator('.qual-preview h3', { hasText: '首次申领' }).waitFor();
      await shot(page, 'applications-preview-desktop');

      const [created] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/applications')),
        page.locator('#apply-submit').click()]);
      eq(created.status(), 201, 'POST /applications');
      const app = await created.json();
      await toast(page, `已提交 ${o.name} 的首次申领（申领编号 ${app.id}）`);
      const card = page.locator(`.app-card[data-app="${app.id}"]`);
      await card.waitFor();
      eq(await card.getAttribute('data-state'), 'submitted', 'the new card is 待审核');
      expect((await card.innerText()).includes('待审核'), 'state_name shown');
      await expectChecks(card, app.checks, 'the stored review on the card');
      eq(app.checks.map((c) => c.ok), first.checks.map((c) => c.ok), 'the stored review is the one previewed');

      // a second application for the same officer: 409 application_open, in Chinese
      await pick(page, 'apply-pick', o);
      await page.locator('.qual-preview .qual-box').waitFor();
      await page.locator('#apply-submit').click();
      const err = page.locator('.apply-form .field-error');
      await err.waitFor();
      const errText = await err.innerText();
      expect(errText.includes('此人已有待审核的申领') && errText.includes(String(app.id)), 'application_open in Chinese: ' + errText);
      await shot(page, 'applications-open-error-desktop');
      await page.locator('#apply-pick-change').click();

      // withdraw it, with a reason
      await card.getByRole('button', { name: `撤回 ${o.name} 的申领` }).click();
      const dlg = page.locator(`dialog[data-app="${app.id}"]`);
      await dlg.getByLabel('撤回原因（可选）').fill('E2E：材料需补充');
      await shot(page, 'applications-withdraw-dialog-desktop');
      await dlg.getByRole('button', { name: '确认撤回' }).click();
      await toast(page, `已撤回 ${o.name} 的申领（编号 ${app.id}）`);
      await page.locator(`.app-card[data-app="${app.id}"][data-state="withdrawn"]`).waitFor();
      const after = (await apiGet(page, `/applications/${app.id}`)).body;
      eq([after.state, after.reason, after.decided_on], ['withdrawn', 'E2E：材料需补充', TODAY], 'API: withdrawn with the reason, today');
      eq(after.allowed_actions, [], 'nothing more to do');
      expect(!(await page.locator(`.app-card[data-app="${app.id}"] .withdraw-btn`).count()), 'no 撤回 on a withdrawn one');
      expect((await page.locator(`.app-card[data-app="${app.id}"]`).innerText()).includes('撤回原因：E2E：材料需补充'), 'the reason on the card');

      // the filter by state
      await page.getByLabel('状态').selectOption('withdrawn');
      await page.locator('#apps-count', { hasText: '已撤回的申领' }).waitFor();
      const withdrawn = (await apiGet(page, '/applications?state=withdrawn&limit=20')).body;
      eq(await page.locator('#apps-count').innerText(), `共 ${withdrawn.total} 件已撤回的申领`, 'filtered count');
      eq(await page.locator('.app-list .app-card').evaluateAll((cs) => [...new Set(cs.map((c) => c.dataset.state))]), ['withdrawn'], 'only withdrawn ones');
      expect(page.url().includes('state=withdrawn'), 'the filter is in the address: ' + page.url());

      // police: the server refuses (人民警察法), the page says so instead of a review
      const police = (await apiGet(page, '/officers?status=active&limit=1000')).body.items.find((x) => x.kind === 'police');
      if (police) {
        await pick(page, 'apply-pick', police);
        const perr = page.locator('.qual-preview .field-error');
        await perr.waitFor();
        expect((await perr.innerText()).includes('人民警察'), 'police_credentials in Chinese');
        expect(await page.locator('#apply-submit').isDisabled(), 'no submit for police');
      }
    });
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.hr);
      await page.waitForURL(/#\/unit/);
      await page.goto('/#/applications');
      await page.locator('#apps-count').waitFor();
      const o = (await applicable(page))[1];
      await pick(page, 'apply-pick', o);
      await page.locator('.qual-preview .qual-box').waitFor();
      await noSideScroll(page, 'applications on a phone');
      await shot(page, 'applications-phone');
    });
  });

  await test('证件申领 审核 (admin): the queue oldest first; approves one (a YYYYNNNNNN number), a not-qualified one names its failed checks, rejects it with a reason', async () => {
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.admin);
      await page.waitForURL(/#\/unit/);
      await page.locator('#nav').getByRole('link', { name: '证件申领', exact: true }).click();
      const reviewTab = page.locator('.tabs a[data-tab="review"]');
      await reviewTab.locator('.tab-count').waitFor();
      let queue = (await apiGet(page, '/applications?state=submitted&order=oldest&limit=100')).body;
      eq(await reviewTab.innerText(), `审核（${queue.total} 件待审核）`, 'the tab says how many wait');

      // one that qualifies today (approve) and one that does not (refused, then rejected); made if the demo has none left
      const preview = async (a) => (await apiGet(page, `/officers/${a.officer_id}/qualification?kind=${a.kind}`)).body;
      let good = null;
      let bad = null;
      for (const a of queue.items) {
        const r = await preview(a);
        if (!good && r.qualified && a.kind === 'first') good = a;
        else if (!bad && !r.qualified) bad = { ...a, failed: r.checks.filter((c) => !c.ok).map((c) => c.code) };
        if (good && bad) break;
      }
      if (!good || !bad) {
        const exams = (await apiGet(page, '/exams?limit=100')).body.items;
        const open = new Set(queue.items.map((a) => a.officer_id));
        for (const e of exams) {
          if (good && bad) break;
          for (const r of (await apiGet(page, `/exams/${e.id}?limit=1000`)).body.results) {
            if (open.has(r.officer_id)) continue;
            const q = (await apiGet(page, `/officers/${r.officer_id}/qualification?kind=first`));
            if (q.status !== 200) continue;
            const want = q.body.qualified ? !good : !bad;
            if (!want) continue;
            const made = await apiSend(page, 'POST', '/applications', { officer_id: r.officer_id, kind: 'first' });
            if (made.status !== 201) continue;
            open.add(r.officer_id);
            if (q.body.qualified) good = made.body;
            else bad = { ...made.body, failed: q.body.checks.filter((c) => !c.ok).map((c) => c.code) };
            if (good && bad) break;
          }
        }
        queue = (await apiGet(page, '/applications?state=submitted&order=oldest&limit=100')).body;
      }
      expect(good && bad, 'a qualified and a not-qualified application waiting');

      await reviewTab.click();
      await page.waitForURL(/tab=review/);
      await page.locator('#queue-count').waitFor();
      eq(await page.title(), '审核 · 证件申领 · 行政执法人员培训学时管理', 'tab title');
      eq(await page.locator('#queue-count').innerText(), `共 ${queue.total} 件待审核`, 'queue count');
      // Oldest submitted first. The server orders order=oldest by id, and the demo files applications
      // back-dated out of id order: the page sorts what it shows by submitted_on, then id.
      const byDate = (x, y) => x.submitted_on.localeCompare(y.submitted_on) || x.id - y.id;
      eq(await page.locator('.review-list .app-card').evaluateAll((cs) => cs.map((c) => +c.dataset.app)), queue.items.slice(0, 20).sort(byDate).map((a) => a.id), 'oldest submitted first');
      const goodCard = page.locator(`.app-card[data-app="${good.id}"]`);
      await expectChecks(goodCard, good.checks, 'a queued application');
      await shot(page, 'review-queue-desktop');

      // approve without a number: the next automatic one of this year
      await goodCard.getByRole('button', { name: `批准 ${good.name} 的申领` }).click();
      const dlg = page.locator(`dialog[data-app="${good.id}"][data-decision="approve"]`);
      await dlg.getByLabel('证号（可选）').waitFor();
      await dlg.getByLabel('发证日期（可选）').waitFor();
      await shot(page, 'review-approve-dialog-desktop');
      const [decided] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/applications/${good.id}/decision`)),
        dlg.getByRole('button', { name: '批准并发证' }).click()]);
      eq(decided.status(), 200, 'approve');
      const approved = await decided.json();
      const number = approved.certificate.number;
      expect(new RegExp(`^${TODAY.slice(0, 4)}\\d{6}$`).test(number), 'an automatic YYYYNNNNNN number: ' + number);
      await toast(page, `已批准 ${good.name} 的申领，证号 ${number}`);
      const logged = page.locator(`.decided-log li[data-app="${good.id}"]`);
      await logged.waitFor();
      expect((await logged.innerText()).includes(`证号 ${number}`), 'the number stays on the page (本次已审核)');
      await page.locator(`.review-list .app-card[data-app="${good.id}"]`).waitFor({ state: 'detached' });
      const certs = (await apiGet(page, `/officers/${good.officer_id}/certificates`)).body.items;
      const cert = certs.find((c) => c.number === number);
      expect(cert && cert.issued_on === TODAY && cert.state === 'valid', 'API: the certificate issued today, valid');
      eq((await apiGet(page, `/applications/${good.id}`)).body.state, 'approved', 'API: approved');
      await shot(page, 'review-approved-desktop');

      // the not-qualified one: refused, naming the failed checks in Chinese
      const badCard = page.locator(`.app-card[data-app="${bad.id}"]`);
      await badCard.getByRole('button', { name: `批准 ${bad.name} 的申领` }).click();
      const bdlg = page.locator(`dialog[data-app="${bad.id}"][data-decision="approve"]`);
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/applications/${bad.id}/decision`)),
        bdlg.getByRole('button', { name: '批准并发证' }).click()]);
      eq(refused.status(), 409, 'approve a not-qualified one');
      eq((await refused.json()).error.failed, bad.failed, 'error.failed: the failed check codes');
      const msg = bdlg.locator('.not-qualified');
      await msg.waitFor();
      eq(await msg.getAttribute('data-failed'), bad.failed.join(','), 'the failed codes shown');
      const text = await msg.innerText();
      expect(text.includes(`未通过：${bad.failed.map((c) => CHECK_OF[c]).join('、')}`), 'the failed checks in Chinese: ' + text);
      expect(text.includes('资格审查未通过，不能批准'), 'the server\'s Chinese message: ' + text);
      await shot(page, 'review-not-qualified-desktop');
      await bdlg.getByRole('button', { name: '取消' }).click();
      await bdlg.waitFor({ state: 'detached' });

      // reject it: the reason is required
      await badCard.getByRole('button', { name: `驳回 ${bad.name} 的申领` }).click();
      const rdlg = page.locator(`dialog[data-app="${bad.id}"][data-decision="reject"]`);
      await rdlg.getByRole('button', { name: '确认驳回' }).click();
      await rdlg.locator('.field-error', { hasText: '驳回须填写原因' }).waitFor();
      await rdlg.getByLabel('驳回原因（必填）').fill(`E2E ${stamp}：资格考试未合格，请合格后重新申领`);
      await rdlg.getByRole('button', { name: '确认驳回' }).click();
      await toast(page, `已驳回 ${bad.name} 的申领`);
      await page.locator(`.decided-log li[data-app="${bad.id}"][data-state="rejected"]`).waitFor();
      const rejected = (await apiGet(page, `/applications/${bad.id}`)).body;
      eq([rejected.state, rejected.reason], ['rejected', `E2E ${stamp}：资格考试未合格，请合格后重新申领`], 'API: rejected with the reason');
      eq((await apiGet(page, '/applications?state=submitted&limit=1')).body.total, queue.total - 2, 'two fewer waiting');
      await page.locator('#queue-count', { hasText: `共 ${queue.total - 2} 件待审核` }).waitFor();
      await page.locator('.tabs a[data-tab="review"]', { hasText: `（${queue.total - 2} 件待审核）` }).waitFor();

      // the decided ones on the 申领 tab, with the number and the reason
      await page.locator('.tabs a[data-tab="apply"]').click();
      await page.getByLabel('状态').selectOption('approved');
      await page.locator(`.app-card[data-app="${good.id}"] .app-cert`, { hasText: number }).waitFor();
      await page.getByLabel('状态').selectOption('rejected');
      await page.locator(`.app-card[data-app="${bad.id}"] .app-reason`, { hasText: '驳回原因：' }).waitFor();
    });
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.admin);
      await page.waitForURL(/#\/unit/);
      await page.goto('/#/applications?tab=review');
      await page.locator('#queue-count').waitFor();
      await noSideScroll(page, 'the review queue on a phone');
      await shot(page, 'review-queue-phone');
    });
  });

  const EXAM = {};
  await test('资格考试 (admin): creates an exam, enters a score (100.5 refused in Chinese) and corrects it, imports a score sheet (a bad line listed, then a good one)', async () => {
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.admin);
      await page.waitForURL(/#\/unit/);
      await page.locator('#nav').getByRole('link', { name: '资格考试', exact: true }).click();
      await page.locator('.exams-table').waitFor();
      const exams = (await apiGet(page, '/exams?limit=100')).body;
      eq(await page.locator('.exams-table tbody tr').count(), exams.total, 'one row per exam');
      eq(await page.locator('.exams-table tbody tr').evaluateAll((rs) => rs.map((r) => +r.dataset.exam)), exams.items.map((e) => e.id), 'newest first');
      await shot(page, 'exams-desktop');

      // a date after today is refused (client: max; server: exam_in_future) — then the real one
      const name = `E2E资格考试${stamp}`;
      await page.getByLabel('考试名称').fill(name);
      await page.getByLabel('考试日期').fill(addDays(TODAY, 1));
      await page.locator('#exam-create').click();
      await page.locator('.exam-form .field-error', { hasText: '不能晚于今天' }).waitFor();
      await page.getByLabel('考试日期').fill(TODAY);
      await page.getByLabel('合格分数线').fill('60');
      await page.locator('#exam-create').click();
      await page.waitForURL(/#\/exams\/\d+$/);
      const id = +/#\/exams\/(\d+)$/.exec(page.url())[1];
      EXAM.id = id;
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await toast(page, `已登记考试“${name}”（编号 ${id}）`);
      const exam = (await apiGet(page, `/exams/${id}`)).body;
      eq([exam.name, exam.held_on, exam.pass_score, exam.total], [name, TODAY, 60, 0], 'API: the exam');
      const facts = await page.locator('.facts').innerText();
      expect(facts.includes(zhDate(exam.counts_until)) && exam.counts_until === addDays(`${+TODAY.slice(0, 4) + 2}${TODAY.slice(4)}`, -1), 'counts_until shown: ' + facts);
      await page.locator('#results-title', { hasText: '成绩（0 人）' }).waitFor();

      // two officers (the admin reads full ID numbers: the score sheet needs them)
      const officers = (await apiGet(page, '/officers?status=active&limit=1000')).body.items.filter((o) => o.kind === 'enforcement').slice(0, 2);
      const [a, b] = officers;
      EXAM.officers = officers;
      await pick(page, 'score-pick', a);
      await page.getByRole('textbox', { name: '成绩', exact: true }).fill('100.5');
      const [bad] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/exams/${id}/results/${a.id}`)),
        page.locator('#score-save').click()]);
      eq(bad.status(), 422, 'PUT 100.5');
      const err = page.locator('.score-form .field-error');
      await err.waitFor();
      const errText = await err.innerText();
      expect(errText.includes('0.5 的整数倍') && errText.includes('100.5'), 'score_invalid in Chinese next to the score: ' + errText);
      eq(await page.getByRole('textbox', { name: '成绩', exact: true }).getAttribute('aria-invalid'), 'true', 'the score field marked');
      await shot(page, 'exam-score-error-desktop');
      await page.getByRole('textbox', { name: '成绩', exact: true }).fill('72.5');
      await page.locator('#score-save').click();
      await toast(page, `已登记 ${a.name} 72.5 分（合格）`);
      const rowA = page.locator(`.results-table tr[data-officer="${a.id}"]`);
      await rowA.locator('.score-cell', { hasText: '72.5' }).waitFor();
      expect((await rowA.innerText()).includes('合格'), 'passed');
      // correct it from the row: 55, 不合格
      await rowA.getByRole('button', { name: `更正 ${a.name} 的成绩` }).click();
      eq(await page.getByRole('textbox', { name: '成绩', exact: true }).inputValue(), '72.5', 'the score to correct');
      await page.getByRole('textbox', { name: '成绩', exact: true }).fill('55');
      await page.locator('#score-save').click();
      await toast(page, `已登记 ${a.name} 55 分（不合格）`);
      await rowA.locator('.score-cell', { hasText: '55' }).waitFor();
      eq(await rowA.locator('[data-passed]').innerText(), '不合格', 'corrected to 不合格');
      eq((await apiGet(page, `/exams/${id}`)).body.results.map((r) => [r.officer_id, r.score, r.passed]), [[a.id, 55, false]], 'API: one result, corrected');
      await shot(page, 'exam-results-desktop');

      // the score sheet: a bad line (another score for a result recorded) refuses the whole file
      await page.locator('.crumbs').getByRole('link', { name: '资格考试' }).click();
      await page.locator('.exams-table').waitFor();
      await page.locator('#imp-exam summary').click();
      eq(await page.locator('#imp-exam .import-templates').count(), 0, 'no template offered (the server has none)');
      const badCsv = `考试编号,身份证号,成绩\n${id},${b.id_number},80\n${id},${a.id_number},90\n`;
      await page.setInputFiles('#imp-exam-file', { name: 'scores-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv) });
      await page.locator('#imp-exam .preview-table').waitFor();
      eq(await page.locator('#imp-exam .detected-cols [data-col]').count(), 3, 'three columns detected (Chinese headers)');
      await page.locator('#imp-exam').getByRole('button', { name: '导入', exact: true }).click();
      const fail = page.locator('#imp-exam .import-fail');
      await fail.waitFor();
      const ftext = await fail.innerText();
      eq(await page.locator('#imp-exam .import-errors tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.line)), ['3'], 'the bad line listed');
      expect(ftext.includes('第 3 行') && ftext.includes('导入不修改已有成绩') && ftext.includes('没有写入任何记录'), 'the reason in Chinese: ' + ftext);
      eq((await apiGet(page, `/exams/${id}`)).body.total, 1, 'nothing written');
      await shot(page, 'exam-import-error-desktop');
      // the good sheet: b's score added, a's same score a skipped duplicate
      const goodCsv = `\uFEFF考试编号,身份证号,成绩\r\n${id},${b.id_number},80\r\n${id},${a.id_number},55\r\n`;
      await page.setInputFiles('#imp-exam-file', { name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from(goodCsv) });
      await page.locator('#imp-exam .preview-table caption', { hasText: '预览前 2 条' }).waitFor();
      await page.locator('#imp-exam').getByRole('button', { name: '导入', exact: true }).click();
      await page.locator('#imp-exam .import-ok', { hasText: '已导入 1 条，跳过重复 1 条' }).waitFor();
      await shot(page, 'exam-import-ok-desktop');
      await page.locator(`.exams-table tr[data-exam="${id}"]`).getByRole('link', { name }).click();
      const rowB = page.locator(`.results-table tr[data-officer="${b.id}"]`);
      await rowB.locator('.score-cell', { hasText: '80' }).waitFor();
      eq(await rowB.locator('[data-passed]').innerText(), '合格', 'imported score: 合格');
      eq((await apiGet(page, `/exams/${id}`)).body.total, 2, 'API: two results');
    });
    await withPage(PHONE, async (page) => {
      await login(page, ...USERS.admin);
      await page.waitForURL(/#\/unit/);
      await page.goto(`/#/exams/${EXAM.id}`);
      await page.locator('.results-table').waitFor();
      await noSideScroll(page, 'an exam on a phone');
      await shot(page, 'exam-results-phone');
      await page.goto('/#/exams');
      await page.locator('.exams-table').waitFor();
      await noSideScroll(page, 'the exams on a phone');
      await shot(page, 'exams-phone');
    });
  });

  await test('我的学时 (officer): my exam results (score, 合格/不合格, 有效至) and my applications with their checks', async () => {
    let me;
    await withPage(DESKTOP, async (page) => {
      // an application for the demo officer, so that the list is not empty (its review as it is)
      await login(page, ...USERS.officer);
      await page.waitForURL(/#\/me/);
      me = (await apiGet(page, '/me')).body;
    });
    await withPage(DESKTOP, async (page) => {
      await login(page, ...USERS.admin);
      await page.waitForURL(/#\/unit/);
      const officer = (await apiGet(page, `/officers/${me.officer_id}`)).body;
      const kind = (await apiGet(page, `/officers/${me.officer_id}/certificates`)).body.items.some((c) => c.state === 'valid') ? 'renewal' : 'first';
      const r = await apiSend(page, 'POST', '/applications', { officer_id: me.officer_id, kind });
      expect(r.status === 201 || (r.status === 409 && r.body.error.rule === 'application_open') || officer.kind === 'police', 'an application for the demo officer: ' + JSON.stringify(r.body));
    });
    for (const [vp, tag] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
      await withPage(vp, async (page) => {
        await login(page, ...USERS.officer);
        await page.waitForURL(/#\/me/);
        const exams = (await apiGet(page, `/officers/${me.officer_id}/exams`)).body;
        const apps = (await apiGet(page, `/officers/${me.officer_id}/applications`)).body;
        expect(exams.total > 0, 'the demo officer sat an exam');
        await page.getByRole('heading', { name: '我的资格考试' }).waitFor();
        const rows = page.locator('.my-exams-table tbody tr');
        eq(await rows.count(), exams.total, 'one row per exam');
        for (let i = 0; i < exams.items.length; i++) {
          const e = exams.items[i];
          const text = await rows.nth(i).innerText();
          const score = Number.isInteger(e.score) ? String(e.score) : e.score.toFixed(1);
          expect(text.includes(e.name) && text.includes(zhDate(e.held_on)) && text.includes(`${score} 分`), `exam row ${i}: ${text}`);
          eq(await rows.nth(i).locator('[data-passed]').innerText(), e.passed ? '合格' : '不合格', `exam row ${i} result`);
          if (e.counts_until) expect(text.includes(zhDate(e.counts_until)), `有效至 on row ${i}: ${text}`);
        }
        await page.getByRole('heading', { name: '我的证件申领' }).waitFor();
        const cards = page.locator('.my-apps .app-card');
        eq(await cards.count(), apps.total, 'one card per application');
        eq(await cards.evaluateAll((cs) => cs.map((c) => +c.dataset.app)), apps.items.map((a) => a.id), 'newest first');
        if (apps.items.length) {
          const a = apps.items[0];
          const card = cards.first();
          const text = await card.innerText();
          expect(text.includes(a.kind_name) && text.includes(a.state_name) && text.includes(`${zhDate(a.submitted_on)}提交`), 'kind, state, date: ' + text);
          await card.locator('.app-checks summary').evaluate((s) => { s.parentElement.open = true; });
          await expectChecks(card, a.checks, 'my application');
          eq(await card.locator('button').count(), 0, 'read-only for the officer');
        }
        if (tag === 'phone') await noSideScroll(page, '我的学时 on a phone');
        await page.locator('.my-qual').scrollIntoViewIfNeeded();
        await shot(page, `my-qualification-${tag}`);
      });
    }
  });
}
