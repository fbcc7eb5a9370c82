#include "app/exports.hpp"

#include "app/clock.hpp"
#include "app/import_sheets.hpp"
#include "app/review_sheets.hpp"
#include "app/rotation.hpp"
#include "app/rotation_sheet.hpp"
#include "domain/messages.hpp"
#include "store/audit.hpp"

namespace certhours::app {

namespace {
std::string year_part(std::optional<int> year) { return year ? "-" + std::to_string(*year) + "年" : std::string(); }

// The roster or the sign-ins in the imports' columns.
void write_import_columns(App& app, ExportedFile& f, const Caller& caller, const std::string& path) {
  bool attendance = f.kind == ExportKind::attendance;
  f.rows = attendance ? write_attendance_csv(app.store, f.unit_id, f.year, path) : write_roster_csv(app.store, f.unit_id, path);
  f.file_name = attendance ? attendance_file_name(f.unit_code, f.year, caller.today) : roster_file_name(f.unit_code, caller.today);
  f.local_name = f.unit_name + year_part(f.year) + (attendance ? "-培训签到记录-" : "-人员名册-") +
                 compact_date(caller.today) + ".csv";
}

Status write_rotation(App& app, ExportedFile& f, const Caller& caller, const ExportRequest& req,
                      const std::string& path) {
  Date as_of = req.as_of.value_or(caller.today);
  auto chosen = chosen_campaign(app, req.campaign_id, as_of);
  if (!chosen) return chosen.status();
  if (!*chosen) return Status::not_found(rules::no_campaign);
  const Campaign& campaign = **chosen;
  auto sheet = write_rotation_sheet(app.store, {f.unit_id, campaign, as_of, caller.user.username, shanghai_time_text()},
                                    f.format, path);
  f.rows = sheet.rows;
  f.campaign_id = campaign.id;
  f.year = year_of(campaign.deadline);  // a rotation export's year is its campaign's deadline year
  f.file_name = rotation_file_name(f.unit_code, campaign.id, caller.today, f.format);
  f.local_name = f.unit_name + "-" + campaign.name + "-未轮训人员-" + compact_date(caller.today) + "." +
                 export_format_key(f.format);
  return Status::ok();
}

// The exit review (admin) and the progress report, as their GETs compute them.
Status write_report(App& app, ExportedFile& f, const Caller& caller, const ExportRequest& req,
                    const std::string& path) {
  ReportSheetMeta meta{f.unit_name, caller.user.username, shanghai_time_text()};
  std::string what;
  if (f.kind == ExportKind::exit_review) {
    auto review = exit_review(app, caller, f.unit_id, req.year);
    if (!review) return review.status();
    f.rows = write_exit_review_sheet(*review, meta, f.format, path);
    f.year = review->year;
    what = "exit-review-" + std::to_string(review->year);
    f.local_name = f.unit_name + "-" + std::to_string(review->year) + "年度退出审查名单";
  } else {
    auto report = progress_report(app, caller, {f.unit_id, req.campaign_id, req.as_of});
    if (!report) return report.status();
    f.rows = write_progress_sheet(*report, meta, f.format, path);
    f.year = report->year;
    if (report->campaign) f.campaign_id = report->campaign->id;
    what = "progress-" + compact_date(report->as_of);
    f.local_name = f.unit_name + "-进度报告（截至" + format_date(report->as_of) + "）";
  }
  f.file_name =
      what + "-" + file_name_code(f.unit_code) + "-" + compact_date(caller.today) + "." + export_format_key(f.format);
  f.local_name += "-" + compact_date(caller.today) + "." + export_format_key(f.format);
  return Status::ok();
}
}  // namespace

Result<ExportedFile> write_export(App& app, const Caller& caller, const ExportRequest& req, const std::string& path) {
  bool import_columns = req.kind == ExportKind::officers || req.kind == ExportKind::attendance;
  if (import_columns && req.format != ExportFormat::csv)
    return Status::invalid("format", rules::export_csv_only, {{"value", export_format_key(req.format)}});
  auto unit_id = report_unit(app, caller, req.unit_id);
  if (!unit_id) return unit_id.status();
  if (*unit_id == 0) return Status::not_found(rules::no_units);
  auto tree = app.store.units.tree();
  const Unit* unit = tree->find(*unit_id);
  ExportedFile f{req.kind, req.format, *unit_id, unit->code, unit->name, req.year};
  switch (req.kind) {
    case ExportKind::compliance: {
      int year = req.year.value_or(year_of(caller.today));
      auto sheet = write_compliance_sheet(
          app.store, {f.unit_id, year, caller.today, caller.user.username, shanghai_time_text(), req.only}, f.format,
          path);
      f.rows = sheet.rows;
      f.year = year;
      f.file_name = export_file_name(f.unit_code, year, caller.today, f.format);
      f.local_name = f.unit_name + "-" + std::to_string(year) + "年度培训学时统计-" + compact_date(caller.today) + "." +
                     export_format_key(f.format);
      break;
    }
    case ExportKind::rotation:
      if (Status s = write_rotation(app, f, caller, req, path); !s) return s;
      break;
    case ExportKind::officers:
    case ExportKind::attendance: write_import_columns(app, f, caller, path); break;
    case ExportKind::exit_review:
    case ExportKind::progress:
      if (Status s = write_report(app, f, caller, req, path); !s) return s;
      break;
  }
  return f;
}

void record_export(App& app, const Caller& caller, const ExportedFile& f, const std::string& file_name) {
  app.store.audit.export_written({export_kind_key(f.kind), f.unit_id, f.unit_code, f.year, f.campaign_id,
                                  export_format_key(f.format), f.rows, file_name},
                                 caller.actor);
}

}  // namespace certhours::app
