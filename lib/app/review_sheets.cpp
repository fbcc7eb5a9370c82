#include "app/review_sheets.hpp"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

#include "app/csv_writer.hpp"
#include "app/xlsx_writer.hpp"
#include "domain/certificate.hpp"

namespace certhours::app {

namespace {

// A table written as CSV (header row, then rows) or as a one-sheet XLSX (title, byline,
// frozen header, rows), cell by cell: numbers stay numbers, rates are fractions (a percent
// format in XLSX), text is guarded by the writers.
class Table {
 public:
  struct Cell {
    enum Kind { text, number, rate, none } kind = none;
    std::string s;
    double v = 0;
  };
  static Cell t(std::string s) { return {Cell::text, std::move(s), 0}; }
  static Cell n(double v) { return {Cell::number, {}, v}; }
  static Cell r(std::int64_t num, std::int64_t den) {
    return den > 0 ? Cell{Cell::rate, {}, static_cast<double>(num) / static_cast<double>(den)} : Cell{};
  }

  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<bool> total;  // per row: the 合计 row, in bold

  void write(ExportFormat format, const std::string& path, const std::string& title, const std::string& sheet_name,
             const std::string& byline, const std::string& author) const {
    if (format == ExportFormat::csv) {
      CsvWriter csv(path);
      for (const auto& h : header) csv.text(h);
      csv.end_row();
      for (const auto& row : rows) {
        for (const Cell& c : row) {
          if (c.kind == Cell::text)
            csv.text(c.s);
          else if (c.kind == Cell::none)
            csv.text("");
          else
            csv.number(number_text(c.v, c.kind == Cell::rate));
        }
        csv.end_row();
      }
      csv.close();
      return;
    }
    XlsxWriter x(path, title, author);
    int sheet = x.add_sheet(sheet_name);
    TableSheet table(x, sheet, title, byline, {header.begin(), header.end()});
    for (std::size_t r = 0; r < rows.size(); ++r) {
      bool bold = r < total.size() && total[r];
      for (std::size_t i = 0; i < rows[r].size(); ++i) {
        const Cell& c = rows[r][i];
        int row = static_cast<int>(r) + TableSheet::kFirstRow, col = static_cast<int>(i);
        if (c.kind == Cell::text)
          table.text(row, col, c.s, bold ? XlsxWriter::total : XlsxWriter::plain);
        else if (c.kind == Cell::number)
          table.number(row, col, c.v, bold ? XlsxWriter::total : XlsxWriter::plain);
        else if (c.kind == Cell::rate)
          table.number(row, col, c.v, XlsxWriter::percent);
      }
    }
    table.finish(static_cast<int>(rows.size()) + TableSheet::kFirstRow - 1, 60.0);
    x.close();
  }

 private:
  // "12", "40.5", or a rate to four places ("0.7632").
  static std::string number_text(double v, bool rate) {
    std::ostringstream out;
    if (rate) {
      out.precision(4);
      out << std::fixed << v;
    } else {
      out << v;
    }
    return out.str();
  }
};

// "2025-03-01T01:02:03Z" (as the store writes times) in Beijing time, "2025-03-01 09:02:03".
std::string beijing_time(const std::string& rfc3339) {
  std::istringstream in(rfc3339);
  date::sys_seconds t;
  in >> date::parse("%FT%TZ", t);
  return in.fail() ? rfc3339 : shanghai_time_text(t);
}

std::string progress_text(const CategoryProgress& p) { return p.earned.to_string() + "/" + p.required.to_string(); }

}  // namespace

std::int64_t write_exit_review_sheet(const ExitReview& review, const ReportSheetMeta& meta, ExportFormat format,
                                     const std::string& path) {
  Table table;
  table.header = {"人员编号", "单位",     "姓名",     "执法证号", "证件状态", "年度学时", "公共法律知识",
                  "业务知识", "年度考核", "列入原因", "处理结果", "处理说明", "处理人",   "处理时间"};
  for (const ExitCandidate& c : review.items) {
    std::string reasons;
    for (ExitReason why : c.reasons)
      reasons += (reasons.empty() ? "" : "；") + exit_reason_message(why, review.year, c.status).text(Lang::zh);
    bool short_year = c.status.status == ComplianceStatus::not_met;
    table.rows.push_back({Table::n(static_cast<double>(c.officer_id)), Table::t(c.unit_name), Table::t(c.name),
                          Table::t(c.certificate_number), Table::t(kCertStateNames.label(c.certificate_state)),
                          Table::t(kComplianceStatuses.label(c.status.status)),
                          Table::t(short_year ? progress_text(c.status.legal) : ""),
                          Table::t(short_year ? progress_text(c.status.business) : ""),
                          Table::t(c.grade ? grade_name(*c.grade) : ""), Table::t(reasons),
                          Table::t(c.mark ? kExitDecisions.label(c.mark->decision) : "待处理"),
                          Table::t(c.mark ? c.mark->note : ""), Table::t(c.mark ? c.mark->marked_by : ""),
                          Table::t(c.mark ? beijing_time(c.mark->marked_at) : "")});
  }
  std::string title = std::to_string(review.year) + "年度行政执法资格退出审查名单 — " + meta.unit_name;
  table.write(format, path, title, "退出审查", sheet_byline(meta.generated_by, meta.generated_at, review.as_of),
              meta.generated_by);
  return static_cast<std::int64_t>(review.items.size());
}

std::int64_t write_progress_sheet(const ProgressReport& report, const ReportSheetMeta& meta, ExportFormat format,
                                  const std::string& path) {
  Table table;
  const std::string prev = std::to_string(report.year - 1) + "年", cur = std::to_string(report.year) + "年";
  table.header = {"单位",           "在岗人数",        "轮训应训",        "轮训已训",
                  "轮训完成率",     prev + "考核人数", prev + "达标人数", prev + "达标率",
                  cur + "考核人数", cur + "达标人数",  cur + "达标率",    "证件有效",
                  "证件暂扣",       "证件收回",        "证件注销",        "证件过期"};
  auto row = [&](const std::string& name, const ProgressFigures& f) {
    std::vector<Table::Cell> cells = {Table::t(name),
                                      Table::n(static_cast<double>(f.officers)),
                                      Table::n(static_cast<double>(f.rotation.required)),
                                      Table::n(static_cast<double>(f.rotation.rotated)),
                                      Table::r(f.rotation.rotated, f.rotation.required),
                                      Table::n(static_cast<double>(f.previous_year.officers)),
                                      Table::n(static_cast<double>(f.previous_year.met)),
                                      Table::r(f.previous_year.met, f.previous_year.officers),
                                      Table::n(static_cast<double>(f.current_year.officers)),
                                      Table::n(static_cast<double>(f.current_year.met)),
                                      Table::r(f.current_year.met, f.current_year.officers)};
    for (CertState s : kCertStates)
      cells.push_back(Table::n(static_cast<double>(f.certificates[static_cast<std::size_t>(s)])));
    table.rows.push_back(std::move(cells));
  };
  for (const auto& child : report.children) {
    row(child.unit_name, child.figures);
    table.total.push_back(false);
  }
  row("合计（" + report.unit_name + "）", report.total);
  table.total.push_back(true);
  std::string title = "培训学时与执法证管理进度报告 — " + report.unit_name + "（统计截至 " + format_date(report.as_of) +
                      (report.campaign ? "，轮训批次：" + report.campaign->name : "") + "）";
  table.write(format, path, title, "进度报告", sheet_byline(meta.generated_by, meta.generated_at, report.as_of),
              meta.generated_by);
  return static_cast<std::int64_t>(report.children.size());
}

}  // namespace certhours::app
