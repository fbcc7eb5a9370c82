// External training claims and exemptions (docs/domain.md): claims in every state, each with a
// small generated evidence file (a PNG or a PDF), filed and decided through the use cases an
// officer's unit and the bureau use (lib/app); and a few exemptions for leave. Those of the hr
// login's units come first, so that its 学时认定 queue is not empty; the demo officer has one
// waiting and one rejected. Officers with a planned certificate case (the exit review's) are
// left alone, so the figures those cases were drawn for stay as they are.
#include <algorithm>

#include "app/claims.hpp"
#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

// An 8×8 blue PNG and a one-page PDF: enough for the web page to show and open.
constexpr unsigned char kPngBytes[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x02, 0x00, 0x00,
    0x00, 0x4B, 0x6D, 0x29, 0xDC, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44, 0x41, 0x54, 0x78,
    0xDA, 0x63, 0x90, 0x8F, 0xDF, 0x8F, 0x15, 0x31, 0x0C, 0x2D, 0x09, 0x00, 0xCF, 0x8A,
    0x4F, 0x41, 0xFA, 0x1F, 0x67, 0x5C, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82,
};
const std::string kPng(reinterpret_cast<const char*>(kPngBytes), sizeof kPngBytes);
const std::string kPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

const char* const kTitles[] = {"行政处罚法专题研修班",   "行政复议法解读网络课程", "全区综合行政执法骨干培训",
                               "执法全过程记录实务",     "行政诉讼应诉能力提升班", "行政执法证据收集与审查"};
const char* const kProviders[] = {"广西壮族自治区司法厅", "司法部网络学院（线上）", "钦州市委党校",
                                  "自治区综合行政执法局", "广西民族大学法学院"};

bool in_hr_units(const World& w, const Officer& o) { return w.tree->contains(w.hr_unit->id, o.unit_id); }

}  // namespace

void claim_and_exempt(World& w, Rng& rng) {
  app::RateLimiter lookups(app::kIdLookupMissesPerDay, std::chrono::hours(24));
  app::App a{w.store, lookups};
  User admin;
  admin.username = kActor.username;
  admin.role = Role::admin;
  auto on = [&](int days_ago) { return app::Caller{admin, plus_days(w.today, -days_ago), kActor}; };

  // Who claims: enforcement officers on post whose certificate is plain (none, valid, renewed),
  // those of the hr login's units first; leave goes to those without a certificate, so that no
  // exemption takes anyone off the exit review.
  std::vector<const Officer*> people, uncertified;
  for (std::size_t i = 0; i < w.officers.size(); ++i) {
    const Officer& o = w.officers[i].o;
    auto c = w.cases.find(i);
    Case plan = c == w.cases.end() ? Case::none : c->second;
    if (i == w.demo_officer || o.status != OfficerStatus::active || o.kind != OfficerKind::enforcement ||
        o.post_start > plus_days(w.today, -200))
      continue;
    if (plan == Case::none) uncertified.push_back(&o);
    else if (plan == Case::normal || plan == Case::renewed) people.push_back(&o);
  }
  rng.shuffle(people);
  rng.shuffle(uncertified);
  for (auto* list : {&people, &uncertified})
    std::stable_partition(list->begin(), list->end(), [&](const Officer* o) { return in_hr_units(w, *o); });

  // A course of 1–2 days that ended `days_ago` days ago, in this year when today allows it.
  std::size_t filed = 0, decided = 0;
  auto claim = [&](const Officer& o, int days_ago, bool pdf) -> std::optional<Id> {
    int days = rng.between(1, 2);
    Date end = std::max(plus_days(w.today, -days_ago), first_day(w.current_year));
    if (end > w.today) return std::nullopt;
    Date start = std::max(plus_days(end, -(days - 1)), first_day(year_of(end)));
    CategoryHours h{Hours::whole(rng.between(2, 5)), Hours::whole(rng.between(0, 4)), Hours::whole(rng.between(0, 1))};
    ClaimSpec spec{kTitles[rng.below(static_cast<int>(std::size(kTitles)))],
                   kProviders[rng.below(static_cast<int>(std::size(kProviders)))], start, end, h};
    auto c = app::create_claim(a, on(days_ago - 1 > 0 ? days_ago - 1 : 0), o.id, spec);
    if (!c) return std::nullopt;
    ++filed;
    if (pdf) app::attach_evidence(a, on(0), c->claim.id, kPdf);
    else app::attach_evidence(a, on(0), c->claim.id, kPng);
    return c->claim.id;
  };
  auto decide = [&](Id id, ClaimAction action, store::ClaimDecision d) {
    if (app::decide_claim(a, on(0), id, action, d)) ++decided;
  };

  // Every state: six waiting in the queue, approvals (one for fewer hours), a rejection, a
  // withdrawal, one still without its file, one approved then revoked.
  enum class Then { wait, approve, approve_less, reject, withdraw, no_file, revoke };
  const Then plan[] = {Then::wait,    Then::approve, Then::wait,     Then::approve_less, Then::wait,
                       Then::reject,  Then::wait,    Then::withdraw, Then::approve,      Then::no_file,
                       Then::wait,    Then::revoke,  Then::wait,     Then::approve};
  std::size_t next = 0;
  for (const Officer* o : people) {
    if (next == std::size(plan)) break;
    Then then = plan[next++];
    auto id = claim(*o, rng.between(8, 150), next % 3 == 0);
    if (!id) continue;
    switch (then) {
      case Then::wait: break;
      case Then::approve: decide(*id, ClaimAction::approve, {}); break;
      case Then::approve_less:
        decide(*id, ClaimAction::approve, {{Hours::whole(1), std::nullopt, Hours()}, ""});
        break;
      case Then::reject: decide(*id, ClaimAction::reject, {{}, "证明材料不清晰，无法核实学时：请重新上传结业证书"}); break;
      case Then::withdraw: app::withdraw_claim(a, on(0), *id); break;
      case Then::no_file:
        app::withdraw_claim(a, on(0), *id);  // replaced by a claim still waiting for its file, below
        if (auto c = app::create_claim(a, on(2), o->id,
                                       {"全国行政执法人员网络培训", "司法部网络学院（线上）", plus_days(w.today, -3),
                                        plus_days(w.today, -3), {Hours::whole(2), Hours::whole(2), Hours()}}))
          ++filed;
        break;
      case Then::revoke:
        decide(*id, ClaimAction::approve, {});
        app::revoke_claim(a, on(0), *id, "经核查，该培训与本单位已登记的培训重复");
        break;
    }
  }
  // The demo officer: one rejected, one waiting.
  const Officer& me = w.officers[w.demo_officer].o;
  if (auto id = claim(me, 60, true)) decide(*id, ClaimAction::reject, {{}, "证书未盖章：请上传加盖公章的结业证书"});
  claim(me, 12, false);

  // Exemptions: leave of this year and last.
  std::size_t exempt = 0;
  const std::pair<ExemptionReason, const char*> leave[] = {{ExemptionReason::maternity, ""},
                                                           {ExemptionReason::secondment, ""},
                                                           {ExemptionReason::illness, ""},
                                                           {ExemptionReason::study, ""},
                                                           {ExemptionReason::other, "抗洪抢险借调"}};
  for (std::size_t i = 0; i < std::size(leave) && i < uncertified.size(); ++i) {
    int year = i % 2 == 0 ? w.current_year : w.current_year - 1;
    Date from = plus_days(first_day(year), rng.between(10, 120));
    Date to = std::min(plus_days(from, rng.between(30, 150)), last_day(year));
    if (from > w.today) continue;
    if (app::create_exemption(a, on(0), uncertified[i]->id, {{from, to}, leave[i].first, leave[i].second})) ++exempt;
  }
  w.log << "claims: " << filed << " (" << decided << " decided), exemptions: " << exempt << "\n";
}

}  // namespace certhours::demo
