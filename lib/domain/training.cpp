#include "domain/training.hpp"

#include "domain/messages.hpp"

namespace certhours {

Status check_training(const TrainingSpec& t) {
  if (t.end_date < t.start_date)
    return Status::invalid("end_date", rules::training_dates_reversed,
                           {{"end", format_date(t.end_date)}, {"start", format_date(t.start_date)}});
  if (t.hours.total() == Hours())
    return Status::invalid("hours", rules::training_without_hours);
  long days = days_inclusive(t.start_date, t.end_date);
  Hours limit = Hours::from_halves(kMaxHoursPerDay.halves() * days);
  if (t.hours.total() > limit)
    return Status::invalid("hours", rules::training_hours_per_day,
                           {{"total", t.hours.total().to_string()}, {"days", std::to_string(days)}, {"limit", limit.to_string()}});
  return Status::ok();
}

Result<CategoryHours> credit_for(const CategoryHours& session, const PartialCredit& partial) {
  CategoryHours out = session;
  const std::optional<Hours>* given[] = {&partial.legal, &partial.business, &partial.political};
  int i = 0;
  for (Category c : kCategories) {
    const std::optional<Hours>& h = *given[i++];
    if (!h) continue;
    if (*h > session[c])
      return Status::invalid(std::string("hours.") + category_key(c), rules::credit_exceeds_session,
                             {{"category", category_key(c)}, {"credited", h->to_string()}, {"session", session[c].to_string()}});
    out[c] = *h;
  }
  return out;
}

Status check_holds_credits(const CategoryHours& session, const CategoryHours& largest) {
  for (Category c : kCategories)
    if (largest[c] > session[c])
      return Status::conflict(
          rules::credit_exceeds_session,
          {{"category", category_key(c)}, {"credited", largest[c].to_string()}, {"session", session[c].to_string()}},
          std::string("hours.") + category_key(c));
  return Status::ok();
}

Result<CategoryHours> corrected_credit(const CategoryHours& session, const CategoryHours& recorded,
                                       const PartialCredit& change) {
  PartialCredit whole{change.legal.value_or(recorded.legal), change.business.value_or(recorded.business),
                      change.political.value_or(recorded.political)};
  return credit_for(session, whole);
}

}  // namespace certhours
