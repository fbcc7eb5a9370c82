#include "app/rotation_sheet.hpp"

#include <algorithm>
#include <array>

#include "app/csv_writer.hpp"
#include "app/xlsx_writer.hpp"
#include "domain/unit_tree.hpp"
#include "store/campaigns.hpp"

namespace certhours::app {

namespace {

// The columns of the pending list, in order; the CSV header and the XLSX header row.
constexpr std::array<const char*, 7> kColumns = {"人员编号", "单位代码", "单位", "姓名",
                                                 "身份证号", "人员类别", "任职起始日期"};

// One pending officer as text cells (kColumns order); the officer id is the only number.
std::array<std::string, kColumns.size()> pending_cells(store::Store& store, const UnitTree& tree,
                                                        const store::RotationRow& r) {
  const Unit* unit = tree.find(r.unit_id);
  auto officer = store.officers.find(r.officer_id);
  return {std::to_string(r.officer_id), unit ? unit->code : "", unit ? unit->name : "", r.name,
          officer ? mask_id_number(officer->id_number) : "", kOfficerKinds.label(r.kind),
          format_date(r.post.start)};
}

std::int64_t write_csv(store::Store& store, const RotationSheetRequest& req, const UnitTree& tree,
                       const std::string& path) {
  CsvWriter csv(path);
  for (const char* h : kColumns) csv.text(h);
  csv.end_row();
  std::int64_t rows = 0;
  for (const store::RotationRow& r : store.campaigns.rotation_rows(req.unit_id, req.campaign, req.as_of)) {
    if (r.rotated) continue;
    auto cells = pending_cells(store, tree, r);
    csv.number(cells[0]);
    for (std::size_t i = 1; i < cells.size(); ++i) csv.text(cells[i]);
    csv.end_row();
    ++rows;
  }
  csv.close();
  return rows;
}

std::int64_t write_xlsx(store::Store& store, const RotationSheetRequest& req, const UnitTree& tree,
                        const Unit& root, const std::string& path) {
  const Campaign& c = req.campaign;
  std::string title = c.name + "未轮训人员名单 — " + root.name + "（轮训期间：" + format_date(c.window_start) +
                      " 至 " + format_date(c.deadline) + "，截止日期：" + format_date(c.deadline) + "）";
  XlsxWriter x(path, title, req.generated_by);
  const int sheet = x.add_sheet("未轮训人员");
  const int summary = x.add_sheet("按单位汇总");
  std::string byline = sheet_byline(req.generated_by, req.generated_at, req.as_of);

  TableSheet table(x, sheet, title, byline, {kColumns.begin(), kColumns.end()});

  ChildUnits children(tree, req.unit_id);
  std::vector<RotationTally> per_child(children.units.size());
  RotationTally total;
  int row = TableSheet::kFirstRow;
  for (const store::RotationRow& r : store.campaigns.rotation_rows(req.unit_id, c, req.as_of)) {
    total.add(r.rotated);
    if (auto i = children.of(r.unit_id)) per_child[*i].add(r.rotated);
    if (r.rotated) continue;
    auto cells = pending_cells(store, tree, r);
    table.number(row, 0, static_cast<double>(r.officer_id));
    for (std::size_t i = 1; i < cells.size(); ++i) table.text(row, static_cast<int>(i), cells[i]);
    ++row;
  }
  table.finish(row - 1, 40.0);

  // 按单位汇总: every direct child unit, then the whole subtree.
  UnitSummarySheet sum(x, summary, title + "（按单位汇总）", byline,
                       {"单位代码", "单位", "应轮训", "已轮训", "未轮训", "轮训率", "状态"});
  auto tally_row = [&](int r, const RotationTally& t, bool is_total) {
    auto style = is_total ? XlsxWriter::total : XlsxWriter::plain;
    x.number(summary, r, 2, static_cast<double>(t.required), style);
    x.number(summary, r, 3, static_cast<double>(t.rotated), style);
    x.number(summary, r, 4, static_cast<double>(t.pending()), style);
    if (t.required > 0)
      x.number(summary, r, 5, static_cast<double>(t.rotated) / static_cast<double>(t.required), XlsxWriter::percent);
    x.text(summary, r, 6, kRotationStatuses.label(rotation_status(c, req.as_of, t.pending())), style);
  };
  for (std::size_t i = 0; i < children.units.size(); ++i)
    tally_row(sum.unit_row(children.units[i]->code, children.units[i]->name), per_child[i], false);
  tally_row(sum.total_row(), total, true);
  sum.finish();

  x.close();
  return row - TableSheet::kFirstRow;
}

}  // namespace

SheetResult write_rotation_sheet(store::Store& store, const RotationSheetRequest& req, ExportFormat format,
                                 const std::string& path) {
  auto tree = store.units.tree();
  const Unit* root = tree->find(req.unit_id);
  if (!root) throw std::logic_error("write_rotation_sheet: no unit " + std::to_string(req.unit_id));
  SheetResult out{0, root->code, root->name};
  out.rows = format == ExportFormat::csv ? write_csv(store, req, *tree, path) : write_xlsx(store, req, *tree, *root, path);
  return out;
}

std::string rotation_file_name(std::string_view unit_code, Id campaign_id, Date on, ExportFormat f) {
  return "rotation-pending-" + file_name_code(unit_code) + "-" + std::to_string(campaign_id) + "-" + compact_date(on) +
         "." + export_format_key(f);
}

}  // namespace certhours::app
