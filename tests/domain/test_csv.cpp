// The RFC 4180 reader: quotes, doubled quotes, line breaks inside fields, CRLF/LF/CR, BOM,
// the line where each record starts, and header matching.
#include <doctest/doctest.h>

#include "domain/csv.hpp"

using namespace certhours;

TEST_CASE("csv import reader: quoted fields, line breaks inside them, and the line each record starts on") {
  auto p = csv::parse("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"1\r\n2\"\r\nlast,,\n\n,,\r\nz,\"\",q");
  REQUIRE(p.errors.empty());
  CHECK(p.table.header == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(p.table.records.size() == 3);
  CHECK(p.table.records[0].line == 2);
  CHECK(p.table.records[0].fields == std::vector<std::string>{"x, y", "say \"hi\"", "1\n2"});
  CHECK(p.table.records[1].line == 4);
  CHECK(p.table.records[1].fields == std::vector<std::string>{"last", "", ""});
  CHECK(p.table.records[2].line == 7);  // the blank line 5 and the ",," line 6 are skipped
  CHECK(p.table.records[2].fields == std::vector<std::string>{"z", "", "q"});
}

TEST_CASE("csv import reader: a lone CR ends a line; widths are checked against the header") {
  auto p = csv::parse("a,b\rx,y\r1,2,3\r");
  REQUIRE(p.errors.empty());
  REQUIRE(p.table.records.size() == 2);
  CHECK(p.table.records[1].line == 3);
  CHECK(!csv::width_error(p.table, p.table.records[0]));
  CHECK(csv::width_error(p.table, p.table.records[1]).value_or("").find("3 fields") != std::string::npos);
}

TEST_CASE("csv import reader: refusals name the line") {
  CHECK(csv::parse("").errors.at(0).message.find("empty") != std::string::npos);
  CHECK(csv::parse("\xEF\xBB\xBF\r\n").errors.at(0).line == 0);
  CHECK(csv::parse("a,b\r\n").errors.at(0).message.find("no records") != std::string::npos);
  auto open = csv::parse("a,b\n1,2\n3,\"never closed\n4,5\n");
  REQUIRE(open.errors.size() == 1);
  CHECK(open.errors[0].line == 3);
  auto after = csv::parse("a,b\n\"x\"y,2\n");
  REQUIRE(after.errors.size() == 1);
  CHECK(after.errors[0].line == 2);
}

TEST_CASE("csv import reader: header names match case-insensitively, trimmed; missing columns are all named") {
  std::vector<csv::ColumnSpec> spec{{"training_id", true}, {"id_number", true}, {"legal", false}};
  auto m = csv::map_columns({" ID_Number ", "备注", "Training_ID"}, spec);
  REQUIRE(m);
  CHECK(m->index[0] == 2u);
  CHECK(m->index[1] == 0u);
  CHECK(!m->index[2]);
  csv::Record r{2, {"450", "note", "7"}};
  CHECK(m->cell(r, 0) == "7");
  CHECK(m->cell(r, 2) == "");
  auto missing = csv::map_columns({"legal"}, spec);
  REQUIRE(!missing);
  CHECK(missing.status().message().find("training_id, id_number") != std::string::npos);
  CHECK(!csv::map_columns({"training_id", "id_number", "ID_NUMBER"}, spec));
}

TEST_CASE("csv import reader: UTF-8 validation") {
  CHECK(csv::valid_utf8("abc 钦州 \xF0\x9F\x98\x80"));
  CHECK(!csv::valid_utf8("caf\xE9,"));
  CHECK(!csv::valid_utf8("\xC0\xAF"));          // overlong
  CHECK(!csv::valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK(!csv::valid_utf8("\xE9\x92"));          // truncated
}

TEST_CASE("csv import reader: a cell an export neutralised reads as it was") {
  CHECK(csv::unguarded("'=SUM(A1)") == "=SUM(A1)");
  CHECK(csv::unguarded("'+86") == "+86");
  CHECK(csv::unguarded("'-李") == "-李");
  CHECK(csv::unguarded("'@x") == "@x");
  CHECK(csv::unguarded("'\tx") == "\tx");
  // Only the guard itself is taken off: other quotes stay.
  CHECK(csv::unguarded("'") == "'");
  CHECK(csv::unguarded("'abc") == "'abc");
  CHECK(csv::unguarded("''=x") == "''=x");
  CHECK(csv::unguarded("=x") == "=x");
  auto m = csv::map_columns({"name"}, {{"name", true}});
  REQUIRE(m);
  CHECK(m->cell(csv::Record{2, {"'-王"}}, 0) == "-王");
}
