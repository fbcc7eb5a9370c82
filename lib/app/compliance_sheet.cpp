#include "app/compliance_sheet.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <unordered_map>
#include <vector>

#include "app/csv_writer.hpp"
#include "app/xlsx_writer.hpp"
#include "domain/certificate.hpp"
#include "domain/requirement.hpp"

namespace certhours::app {

namespace {

// The columns of the officer table, in order; the CSV header and the XLSX header row.
constexpr std::array<const char*, 16> kColumns = {
    "人员编号", "单位代码", "单位", "姓名", "身份证号", "人员类别", "执法证号", "执法证状态",
    "公共法律知识学时", "公共法律知识应修", "公共法律知识差额", "业务知识学时", "业务知识应修", "业务知识差额",
    "政治理论学时", "达标状态"};
enum Col { c_id, c_code, c_unit, c_name, c_idno, c_kind, c_cert, c_cert_state, c_legal, c_legal_req, c_legal_short,
           c_bus, c_bus_req, c_bus_short, c_pol, c_status };

// One cell of a row, before it is written: text, or hours (a number).
struct Cell {
  std::string text;
  std::optional<Hours> hours;
  bool highlight = false;  // a shortfall above zero
};

// The certificate shown for an officer: one valid today if any, else suspended, else the
// most recently issued; its state today in Chinese.
struct CertShown {
  std::string number, state;
  int rank = -1;
  Date issued_on;
};

int rank_of(const std::optional<CertState>& s) {
  if (!s) return 1;  // issued for a later date
  switch (*s) {
    case CertState::valid: return 4;
    case CertState::suspended: return 3;
    default: return 0;
  }
}

std::unordered_map<Id, CertShown> certificates_shown(store::Store& store, Id unit_id, Date today) {
  std::unordered_map<Id, CertShown> out;
  for (const Certificate& c : store.certificates.in_unit(unit_id)) {
    auto state = state_on(c, today);
    int rank = rank_of(state);
    CertShown& shown = out[c.officer_id];
    if (rank < shown.rank || (rank == shown.rank && c.issued_on < shown.issued_on)) continue;
    shown = {c.number, state ? cert_state_name(*state) : "待生效", rank, c.issued_on};
  }
  return out;
}

using Counts = ComplianceTally;

// Walks the officers of the sheet, calling on_row(cells, status) for each, and counts them
// per unit of the subtree (in path order).
template <class OnRow>
void walk(store::Store& store, const SheetRequest& req, const UnitTree& tree,
          std::vector<std::pair<const Unit*, Counts>>& per_unit, OnRow&& on_row) {
  std::unordered_map<Id, std::size_t> unit_index;
  for (const Unit* u : tree.subtree(req.unit_id)) {
    unit_index[u->id] = per_unit.size();
    per_unit.push_back({u, Counts{}});
  }
  auto certs = certificates_shown(store, req.unit_id, req.as_of);
  auto policy = store.policies.get(req.year);
  std::vector<Cell> cells(kColumns.size());
  store.credits.each_compliance_row(req.unit_id, req.year, req.as_of, [&](const store::ComplianceRow& r) {
    YearStatus s = evaluate_year(policy, r.post, req.year, req.as_of, r.earned, exempt_days(r.exemptions));
    const Unit* unit = tree.find(r.unit_id);
    if (auto it = unit_index.find(r.unit_id); it != unit_index.end()) per_unit[it->second].second.add(s.status);
    if (!req.only.allows(s.status)) return;
    for (Cell& c : cells) c = Cell{};
    cells[c_id].text = std::to_string(r.officer_id);
    cells[c_code].text = unit ? unit->code : "";
    cells[c_unit].text = unit ? unit->name : "";
    cells[c_name].text = r.name;
    cells[c_idno].text = mask_id_number(r.id_number);
    cells[c_kind].text = kOfficerKinds.label(r.kind);
    if (r.kind == OfficerKind::police) {
      cells[c_cert_state].text = "不适用";  // governed by the People's Police Law
    } else if (auto it = certs.find(r.officer_id); it != certs.end()) {
      cells[c_cert].text = it->second.number;
      cells[c_cert_state].text = it->second.state;
    } else {
      cells[c_cert_state].text = "无";
    }
    cells[c_legal].hours = s.legal.earned;
    cells[c_legal_req].hours = s.legal.required;
    cells[c_legal_short] = {"", s.legal.shortfall, s.legal.shortfall > Hours()};
    cells[c_bus].hours = s.business.earned;
    cells[c_bus_req].hours = s.business.required;
    cells[c_bus_short] = {"", s.business.shortfall, s.business.shortfall > Hours()};
    cells[c_pol].hours = s.political;
    cells[c_status].text = kComplianceStatuses.label(s.status);
    on_row(cells, s.status);
  });
}

std::int64_t write_csv(store::Store& store, const SheetRequest& req, const UnitTree& tree,
                       const std::string& path) {
  CsvWriter csv(path);
  for (const char* h : kColumns) csv.text(h);
  csv.end_row();
  std::int64_t rows = 0;
  std::vector<std::pair<const Unit*, Counts>> per_unit;
  walk(store, req, tree, per_unit, [&](const std::vector<Cell>& cells, ComplianceStatus) {
    for (const Cell& c : cells) {
      if (c.hours) csv.number(c.hours->to_string());
      else csv.text(c.text);
    }
    csv.end_row();
    ++rows;
  });
  csv.close();
  return rows;
}

std::int64_t write_xlsx(store::Store& store, const SheetRequest& req, const UnitTree& tree,
                        const Unit& root, const std::string& path) {
  std::string year = std::to_string(req.year);
  // The exported unit's own name: the sheet of 钦南区 is 钦南区's, whatever the region is called.
  std::string title = root.name + year + "年度行政执法人员培训学时统计表";
  if (!req.only.empty()) {  // a filtered list says so: "（仅列：进行中、未达标）"
    std::string listed;
    for (ComplianceStatus c :
         {ComplianceStatus::met, ComplianceStatus::in_progress, ComplianceStatus::not_met, ComplianceStatus::exempt})
      if (req.only.allows(c)) listed += (listed.empty() ? "" : "、") + std::string(kComplianceStatuses.label(c));
    title += "（仅列：" + listed + "）";
  }
  XlsxWriter x(path, title, req.generated_by);
  const int sheet = x.add_sheet(year + "年度学时统计");
  const int summary = x.add_sheet("按单位汇总");
  std::string byline = sheet_byline(req.generated_by, req.generated_at, req.as_of);

  TableSheet table(x, sheet, title, byline, {kColumns.begin(), kColumns.end()}, 12.0);  // long headers wrap
  int row = TableSheet::kFirstRow;
  std::vector<std::pair<const Unit*, Counts>> per_unit;
  walk(store, req, tree, per_unit, [&](const std::vector<Cell>& cells, ComplianceStatus) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      if (c.hours)
        table.number(row, static_cast<int>(i), c.hours->as_double(),
                     c.highlight ? XlsxWriter::shortfall : XlsxWriter::hours);
      else
        table.text(row, static_cast<int>(i), c.text);
    }
    ++row;
  });
  table.finish(row - 1, 40.0);

  // 按单位汇总: each unit of the subtree with officers on the sheet, then the whole subtree.
  UnitSummarySheet sum(x, summary, title + "（按单位汇总）", byline,
                       {"单位代码", "单位", "人数", "已达标", "进行中", "未达标", "免于考核", "达标率"});
  Counts total;
  auto counts_row = [&](int r, const Counts& c, bool is_total) {
    auto style = is_total ? XlsxWriter::total : XlsxWriter::plain;
    x.number(summary, r, 2, static_cast<double>(c.officers), style);
    x.number(summary, r, 3, static_cast<double>(c.of(ComplianceStatus::met)), style);
    x.number(summary, r, 4, static_cast<double>(c.of(ComplianceStatus::in_progress)), style);
    x.number(summary, r, 5, static_cast<double>(c.of(ComplianceStatus::not_met)), style);
    x.number(summary, r, 6, static_cast<double>(c.of(ComplianceStatus::exempt)), style);
    if (auto rate = c.rate()) x.number(summary, r, 7, *rate, XlsxWriter::percent);
  };
  for (const auto& [unit, counts] : per_unit) {
    for (int k = 0; k < 4; ++k) total.by_status[k] += counts.by_status[k];
    total.officers += counts.officers;
    if (counts.officers == 0) continue;
    counts_row(sum.unit_row(unit->code, unit->name), counts, false);
  }
  counts_row(sum.total_row(), total, true);
  sum.finish();

  x.close();
  return row - TableSheet::kFirstRow;
}

}  // namespace

const char* export_content_type(ExportFormat f) {
  return f == ExportFormat::csv ? "text/csv; charset=utf-8"
                                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

SheetResult write_compliance_sheet(store::Store& store, const SheetRequest& req, ExportFormat format,
                                   const std::string& path) {
  auto tree = store.units.tree();
  const Unit* root = tree->find(req.unit_id);
  if (!root) throw std::logic_error("write_compliance_sheet: no unit " + std::to_string(req.unit_id));
  SheetResult out{0, root->code, root->name};
  out.rows = format == ExportFormat::csv ? write_csv(store, req, *tree, path) : write_xlsx(store, req, *tree, *root, path);
  return out;
}

std::string sheet_byline(const std::string& generated_by, const std::string& generated_at, Date as_of) {
  return "生成人：" + generated_by + "  生成时间：" + generated_at + "（北京时间）  统计截至：" + format_date(as_of);
}

std::string file_name_code(std::string_view unit_code) {
  std::string code;
  for (char c : unit_code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    code += ok ? c : '_';
  }
  return code;
}

std::string compact_date(Date d) {
  std::string day = format_date(d);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  return day;
}

std::string export_file_name(std::string_view unit_code, int year, Date on, ExportFormat f) {
  return "compliance-" + file_name_code(unit_code) + "-" + std::to_string(year) + "-" + compact_date(on) + "." +
         export_format_key(f);
}

std::string shanghai_time_text(std::chrono::system_clock::time_point t) {
  auto at = std::chrono::floor<std::chrono::seconds>(t);
  try {
    return date::format("%F %T", date::make_zoned("Asia/Shanghai", at));
  } catch (const std::exception&) {
    return date::format("%F %T", at + std::chrono::hours(8));  // no tz database: UTC+8, no DST since 1991
  }
}

}  // namespace certhours::app
