// The columns of the imports (docs/api.md "Imports"), each with the Chinese header a
// sign-in sheet or roster may use instead: one home for the store's readers, the templates
// and the exports written in the imports' own columns.
#pragma once
#include <vector>

#include "domain/csv.hpp"

namespace certhours::csv {

// The roster: POST /imports/officers.
inline const std::vector<ColumnSpec>& officer_columns() {
  static const std::vector<ColumnSpec> k{{"name", true, "姓名"},           {"id_number", true, "身份证号"},
                                         {"unit_code", true, "单位代码"},  {"kind", true, "人员类别"},
                                         {"post_start", true, "到岗日期"}, {"post_end", false, "离岗日期"}};
  return k;
}

// The sign-in sheet: POST /imports/attendance.
inline const std::vector<ColumnSpec>& attendance_columns() {
  static const std::vector<ColumnSpec> k{{"training_id", true, "培训编号"},
                                         {"id_number", true, "身份证号"},
                                         {"legal", false, "公共法律知识"},
                                         {"business", false, "业务知识"},
                                         {"political", false, "政治理论"}};
  return k;
}

// The score sheet: POST /imports/exam-results.
inline const std::vector<ColumnSpec>& exam_result_columns() {
  static const std::vector<ColumnSpec> k{
      {"exam_id", true, "考试编号"}, {"id_number", true, "身份证号"}, {"score", true, "成绩"}};
  return k;
}

}  // namespace certhours::csv
