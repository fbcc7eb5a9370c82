// The RFC 4180 reader: quotes, doubled quotes, line breaks inside fields, CRLF/LF/CR, BOM,
// the line where each record starts, header matching, the streaming reader's bounds, and the
// formula guard that exports apply and imports take off.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

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
  REQUIRE(csv::width_error(p.table, p.table.records[1]));
  CHECK(csv::width_error(p.table, p.table.records[1])->text(Lang::en).find("3 fields") != std::string::npos);
  CHECK(csv::width_error(p.table, p.table.records[1])->rule == "csv_field_count");
}

TEST_CASE("csv import reader: refusals name the line") {
  CHECK(csv::parse("").errors.at(0).reasons.at(0).rule == "file_empty");
  CHECK(csv::parse("\xEF\xBB\xBF\r\n").errors.at(0).line == 0);
  CHECK(csv::parse("a,b\r\n").errors.at(0).reasons.at(0).rule == "file_no_records");
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

TEST_CASE("csv import reader: a column may be headed by its Chinese alias; the name and alias together is twice") {
  std::vector<csv::ColumnSpec> spec{{"training_id", true, "培训编号"}, {"id_number", true, "身份证号"},
                                    {"legal", false, "公共法律知识"}};
  auto m = csv::map_columns({"序号", " 身份证号 ", "签名", "培训编号", "公共法律知识"}, spec);
  REQUIRE(m);
  CHECK(m->index[0] == 3u);
  CHECK(m->index[1] == 1u);
  CHECK(m->index[2] == 4u);
  auto mixed = csv::map_columns({"培训编号", "id_number"}, spec);  // an English and a Chinese header
  REQUIRE(mixed);
  CHECK(mixed->index[1] == 1u);
  auto twice = csv::map_columns({"training_id", "培训编号", "身份证号"}, spec);
  REQUIRE(!twice);
  CHECK(twice.status().rule() == "csv_duplicate_columns");
  auto missing = csv::map_columns({"姓名", "身份证号"}, spec);
  REQUIRE(!missing);
  CHECK(missing.status().rule() == "csv_missing_columns");
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
  CHECK(csv::unguarded("'＝1+1") == "＝1+1");
  CHECK(csv::unguarded("' =1") == " =1");
  CHECK(csv::unguarded("'\xE3\x80\x80＠x") == "\xE3\x80\x80＠x");
  // Only the guard itself is taken off: other quotes stay.
  CHECK(csv::unguarded("'") == "'");
  CHECK(csv::unguarded("'abc") == "'abc");
  CHECK(csv::unguarded("''abc") == "''abc");
  CHECK(csv::unguarded("=x") == "=x");
  // A ' before a formula was itself guarded on export ("'=x" is written "''=x"): one ' goes.
  CHECK(csv::unguarded("''=x") == "'=x");
  auto m = csv::map_columns({"name"}, {{"name", true}});
  REQUIRE(m);
  CHECK(m->cell(csv::Record{2, {"'-王"}}, 0) == "-王");
}

TEST_CASE("formula guard: = + - @, their full-width forms, and any of them after leading white space") {
  for (std::string_view s : {"=1+1", "+86", "-1", "@SUM(A1)", "\tx", "\rx", "\t", "＝1+1", "＋86", "－1", "＠x", "＝",
                             " =1+1", "  +1", "\n=1", "\xC2\xA0=1", "\xE3\x80\x80＝1+1", " \xE3\x80\x80 ＠x", "\t\t-"}) {
    CAPTURE(s);
    CHECK(csv::looks_like_formula(s));
    CHECK(csv::needs_guard(s));
    CHECK(csv::guarded(s) == "'" + std::string(s));
  }
  // Plain text; and other full-width signs or look-alikes: ＃ U+FF03, ﹣ U+FE63, − U+2212.
  for (std::string_view s : {"", " ", "\xE3\x80\x80", "王建国", "a=1", "1-2", "'=x", "(=)", "＃1", "﹣1", "−1"}) {
    CAPTURE(s);
    CHECK(!csv::looks_like_formula(s));
  }
  // A ' before a formula sign is guarded too, so that the import gives it back as it was.
  CHECK(!csv::needs_guard("'abc"));
  CHECK(csv::needs_guard("'=x"));
  CHECK(csv::needs_guard("'' ＋x"));
  CHECK(csv::guarded("王建国") == "王建国");
  CHECK(csv::guarded("'abc") == "'abc");
  CHECK(csv::guarded("'=x") == "''=x");
}

TEST_CASE("formula guard: the import reads every exported cell back exactly") {
  for (std::string_view s : {"", "'", "''", "'''", "=", "'=", "''=", "王建国", "=HYPERLINK(\"x\")", "'=x", "''=x",
                             "' =x", "＝1+1", "'＝1+1", "\xE3\x80\x80＠x", "'\xE3\x80\x80＠x", "-", "'-", "abc'", "\t",
                             "'\t", "\r\n", " ", "'abc", "'' abc", "＋", "'＋", "\xC2\xA0-", "＠"}) {
    CAPTURE(s);
    std::string out = csv::guarded(s);
    CHECK(csv::unguarded(out) == s);
    CHECK(!csv::looks_like_formula(out));  // what an export writes never reads as a formula
  }
}

TEST_CASE("csv streaming reader: one record at a time, buffers reused, blank lines skipped") {
  csv::Reader reader("\xEF\xBB\xBF" "a,b\r\n\r\n1,\"x\r\ny\"\n ,\t\n\"\",\"\"\n3,4");
  csv::Record r;
  std::optional<Message> error;
  REQUIRE(reader.next(r, error));
  CHECK(!error);
  CHECK(r.line == 1);
  CHECK(r.fields == std::vector<std::string>{"a", "b"});
  REQUIRE(reader.next(r, error));
  CHECK(r.line == 3);
  CHECK(r.fields == std::vector<std::string>{"1", "x\ny"});
  REQUIRE(reader.next(r, error));  // " ,\t" and "\"\",\"\"" are blank: skipped
  CHECK(r.line == 7);
  CHECK(r.fields == std::vector<std::string>{"3", "4"});
  CHECK(!reader.next(r, error));
  CHECK(!reader.next(r, error));
}

TEST_CASE("csv streaming reader: a bad record is refused on its own line, and reading goes on") {
  csv::Reader reader("a,b\n\"x\"y,2\n3,4\n5,\"open\n6,7\n");
  csv::Record r;
  std::optional<Message> error;
  REQUIRE(reader.next(r, error));
  REQUIRE(reader.next(r, error));
  CHECK(r.line == 2);
  REQUIRE(error);
  CHECK(error->rule == "csv_text_after_quote");
  CHECK(error->text(Lang::en).find("text after the closing quote") != std::string::npos);
  REQUIRE(reader.next(r, error));
  CHECK(!error);
  CHECK(r.fields == std::vector<std::string>{"3", "4"});
  REQUIRE(reader.next(r, error));
  CHECK(r.line == 4);
  REQUIRE(error);
  CHECK(error->rule == "csv_unclosed_quote");
  CHECK(error->text(Lang::en).find("starting on line 4 is never closed") != std::string::npos);
  CHECK(error->text(Lang::zh) == "第 4 行开始的引号没有闭合（缺少一个 \"）");
  CHECK(!reader.next(r, error));  // the open quote took the rest of the text
}

TEST_CASE("csv streaming reader: at most max_fields fields a record; blank ones past it are dropped") {
  std::string wide = "a" + std::string(5000, ',') + "\n";  // 5,001 fields, all but one blank
  std::string too_wide = std::string(2000, ',') + "x\n";    // the 2,001st field is not blank
  std::string text = wide + too_wide + "1,2\n";  // the reader reads it where it lies
  csv::Reader reader(text, 1000);
  csv::Record r;
  std::optional<Message> error;
  REQUIRE(reader.next(r, error));
  CHECK(!error);
  CHECK(r.fields.size() == 1000u);
  CHECK(r.fields[0] == "a");
  REQUIRE(reader.next(r, error));
  CHECK(r.line == 2);
  REQUIRE(error);
  CHECK(error->text(Lang::en).find("more than 1000 fields") != std::string::npos);
  CHECK(r.fields.size() <= 1000u);
  REQUIRE(reader.next(r, error));
  CHECK(!error);
  CHECK(r.fields == std::vector<std::string>{"1", "2"});
  // The default bound.
  auto p = csv::parse("a\n" + std::string(csv::kMaxFields, ',') + "1\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 2);
}
