#include "app/import_templates.hpp"

#include <array>
#include <vector>

#include "app/csv_writer.hpp"
#include "app/xlsx_writer.hpp"
#include "domain/import_columns.hpp"

namespace certhours::app {

namespace {
// What one column takes, for the 填写说明 sheet (its header is the ColumnSpec's alias).
struct ColumnHelp {
  const char* what;
  const char* example;
  bool text;  // typed as 文本 (digits that are not numbers, dates as written)
};

const std::vector<ColumnHelp>& help_of(ImportKind kind) {
  static const std::vector<ColumnHelp> officers = {
      {"人员姓名，最多 200 个字符", "张三", true},
      {"18 位居民身份证号码，最后一位可以是 X；请保持“文本”格式，否则表格软件会把它变成 4.5E+17 "
       "这样的数字，后几位就丢了",
       "（18 位号码）", true},
      {"所在单位的代码（“本单位”页面的单位名称旁可查），须是您管理范围内的单位", "QNQ", true},
      {"“行政执法人员”或“人民警察”（也可写 enforcement 或 police）", "行政执法人员", true},
      {"到岗日期，写成 年-月-日", "2024-03-01", true},
      {"离岗日期，写成 年-月-日；仍在岗的留空", "", true}};
  static const std::vector<ColumnHelp> attendance = {
      {"培训编号（“培训登记”列表中的编号）；在培训自己的页面上导入时可以不要这一列", "12", true},
      {"参训人员的 18 位居民身份证号码；请保持“文本”格式", "（18 位号码）", true},
      {"实际取得的公共法律知识学时，0.5 的倍数；留空表示按培训的学时全额计入", "", false},
      {"实际取得的业务知识和行政执法技能学时；留空表示全额计入", "4.5", false},
      {"实际取得的政治理论教育和党性教育学时；留空表示全额计入（不计入年度学时要求）", "", false}};
  return kind == ImportKind::officers ? officers : attendance;
}

constexpr std::array<const char*, 4> kNotes = {
    "第一行是列名，请不要修改或删除；从第二行起每行一人。列的先后顺序可以调整，多余的列会被忽略。",
    "填好后在 Excel / WPS 中“另存为” → “CSV UTF-8（逗号分隔）”，再在系统中导入这个 CSV 文件（也可用 GBK "
    "编码的 CSV）。文件最大 20 MiB。",
    "整份文件要么全部导入，要么一行也不导入：有一行出错时，系统会列出出错的行号和原因，改正后重新导入即可。",
    "已经登记过的记录会被跳过，不会重复登记。"};
}  // namespace

TemplateFile write_import_template(ImportKind kind, ExportFormat format, const std::string& path) {
  const auto& columns = kind == ImportKind::officers ? csv::officer_columns() : csv::attendance_columns();
  const auto& help = help_of(kind);
  const std::string stem = kind == ImportKind::officers ? "officers-template" : "attendance-template";
  const std::string local = kind == ImportKind::officers ? "人员名册导入模板" : "签到表导入模板";
  TemplateFile out{stem + "." + export_format_key(format), local + "." + export_format_key(format)};
  if (format == ExportFormat::csv) {
    CsvWriter csv(path);
    for (const auto& c : columns) csv.text(c.alias);
    csv.end_row();
    csv.close();
    return out;
  }
  XlsxWriter x(path, local, "certhours");
  const int sheet = x.add_sheet(kind == ImportKind::officers ? "人员名册" : "签到表");
  const int notes = x.add_sheet("填写说明");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const int col = static_cast<int>(i);
    x.width(sheet, col, help[i].text ? 22 : 14, help[i].text ? XlsxWriter::text_format : XlsxWriter::plain);
    x.text(sheet, 0, col, columns[i].alias, XlsxWriter::header);
  }
  x.freeze(sheet, 1);

  x.width(notes, 0, 16);
  x.width(notes, 1, 8);
  x.width(notes, 2, 90);
  x.width(notes, 3, 16);
  x.text(notes, 0, 0, local + "：填写说明", XlsxWriter::title);
  int row = 2;
  const std::array<const char*, 4> header = {"列名", "是否必填", "填写要求", "示例"};
  for (std::size_t i = 0; i < header.size(); ++i)
    x.text(notes, row, static_cast<int>(i), header[i], XlsxWriter::header);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    ++row;
    x.text(notes, row, 0, columns[i].alias);
    x.text(notes, row, 1, columns[i].required ? "必填" : "选填");
    x.text(notes, row, 2, help[i].what);
    if (*help[i].example) x.text(notes, row, 3, help[i].example);
  }
  row += 2;
  for (const char* note : kNotes) x.text(notes, row++, 0, note);
  x.close();
  return out;
}

}  // namespace certhours::app
