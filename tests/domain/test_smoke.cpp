#include <doctest/doctest.h>

#include "domain/requirement.hpp"

using namespace certhours;

TEST_CASE("the worked example: joined 2024-03-20 owes 17 legal and 33.5 business hours") {
  PostPeriod p{*parse_date("2024-03-20"), std::nullopt};
  auto r = required_for(Policy{}, p, 2024);
  CHECK(r.legal == Hours::whole(17));
  CHECK(r.business == Hours::from_halves(67));
}
