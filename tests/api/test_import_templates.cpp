// The blank import sheets (docs/api.md GET /imports/{kind}/template): what a clerk downloads,
// fills in and imports — the CSV template with one row added imports as it is.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

TEST_CASE("import templates: the Chinese header row as CSV (imported as it is) and as XLSX with 填写说明") {
  Server s;
  Tree t = make_tree(s);
  std::string admin = s.admin_token();
  std::string hr = s.make_user("hr_tpl", "hr", t.qinnan, std::nullopt);

  auto roster = s.get("/api/v1/imports/officers/template", hr);
  REQUIRE_MESSAGE(roster.status == 200, roster.body);
  CHECK(roster.header("content-type") == "text/csv; charset=utf-8");
  CHECK(contains(roster.header("content-disposition"), "attachment; filename=\"officers-template.csv\""));
  CHECK(roster.body == "\xEF\xBB\xBF姓名,身份证号,单位代码,人员类别,到岗日期,离岗日期\r\n");
  auto sheet = s.get("/api/v1/imports/attendance/template?format=csv", hr);
  REQUIRE(sheet.status == 200);
  CHECK(sheet.body == "\xEF\xBB\xBF培训编号,身份证号,公共法律知识,业务知识,政治理论\r\n");

  // Filled in and imported: the template is the import's own format.
  auto units = s.get("/api/v1/units", admin).json().at("items").as_array();
  std::string code;
  for (const auto& u : units)
    if (u.at("id").as_int64() == t.jianshan) code = str(u.at("code"));
  REQUIRE_FALSE(code.empty());
  std::string filled = roster.body + "王五," + id_number(7301) + "," + code + ",行政执法人员,2024-03-01,\r\n";
  auto imported = s.request("POST", "/api/v1/imports/officers", filled, hr, "text/csv");
  REQUIRE_MESSAGE(imported.status == 200, imported.body);
  CHECK(imported.json().at("imported") == 1);

  auto xlsx = s.get("/api/v1/imports/officers/template?format=xlsx", hr);
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(xlsx.body.rfind("PK", 0) == 0);
  CHECK(contains(xlsx.header("content-disposition"), "filename*=UTF-8''"));

  CHECK(s.get("/api/v1/imports/exams/template", hr).status == 404);
  CHECK(s.get("/api/v1/imports/officers/template",
              s.make_user("o_tpl", "officer", std::nullopt, make_officer(s, "赵六", t.jianshan, "2016-01-01", 7302)))
            .status == 403);
  CHECK(s.get("/api/v1/imports/officers/template?format=pdf", hr).status == 422);
  CHECK(s.get("/api/v1/imports/officers/template").status == 401);
  // Nothing about anyone: not audited as an export.
  CHECK(list_total(s, "/api/v1/audit?entity=export", admin) == 0);
}
