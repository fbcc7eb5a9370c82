// The reminders a user sees on login (GET /me/reminders), computed from the data on every
// request: nothing is stored, so a reminder goes away the moment its cause does.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/enum_names.hpp"

namespace certhours::app {

// How soon something needs attention: within 30 days (urgent), 60 (warning), else info.
enum class Severity { urgent, warning, info };
inline constexpr auto kSeverities = names_of<Severity>(
    {{Severity::urgent, "urgent", "紧急"}, {Severity::warning, "warning", "注意"}, {Severity::info, "info", "提示"}});

enum class ReminderKind {
  certificate_expiring,   // one certificate in force today that ends within 90 days
  certificates_expiring,  // hr/admin: how many more than those listed one by one
  behind_pace,            // an officer's own pace, or how many of an hr user's officers are behind
};
inline constexpr auto kReminderKinds =
    names_of<ReminderKind>({{ReminderKind::certificate_expiring, "certificate_expiring", "执法证即将到期"},
                            {ReminderKind::certificates_expiring, "certificates_expiring", "更多执法证即将到期"},
                            {ReminderKind::behind_pace, "behind_pace", "学时进度落后"}});

struct Reminder {
  ReminderKind kind;
  Severity severity;
  std::string title, detail;  // Chinese, for people
  std::string link;           // where the web app shows it: "#/officers/12", "#/unit?status=in_progress"
  std::optional<Date> due_on;
};

// Certificates listed one by one, soonest first; the rest are counted in one more reminder.
inline constexpr std::size_t kListedCertificates = 20;
// The window of an expiring certificate, in days.
inline constexpr int kExpiryWindowDays = 90;

// For an officer: their own certificate ending within 90 days, their own pace this year.
// For hr and admins: the certificates of their units ending within 90 days, and how many of
// their officers are behind pace this year. Most urgent first.
std::vector<Reminder> reminders(App& app, const Caller& caller);

}  // namespace certhours::app
