#include "DeliveryQuery.h"

#include "history/EventSearch.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace hookline {

namespace {

struct ClassEntry {
    StatusClass statusClass;
    const char *name;
    int code; // what DeliveryQuery::statusClassExpression yields
};
constexpr ClassEntry kClasses[] = {
    {StatusClass::Informational1xx, "1xx", 1}, {StatusClass::Success2xx, "2xx", 2},
    {StatusClass::Redirect3xx, "3xx", 3},      {StatusClass::ClientError4xx, "4xx", 4},
    {StatusClass::ServerError5xx, "5xx", 5},   {StatusClass::NetworkError, "network", 0},
};

// Which of two bounds cuts more: the smaller upper key, the larger lower key; on a tie, the
// exclusive one.
struct KeyBound {
    DeliveryCursor key;
    bool inclusive = false;
};

std::optional<KeyBound> tighterUpper(std::optional<KeyBound> a, std::optional<KeyBound> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    if (a->key == b->key)
        return a->inclusive ? b : a;
    return a->key.olderThan(b->key) ? a : b;
}

std::optional<KeyBound> tighterLower(std::optional<KeyBound> a, std::optional<KeyBound> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    if (a->key == b->key)
        return a->inclusive ? b : a;
    return a->key.olderThan(b->key) ? b : a;
}

// How a text search runs (see DeliveryQuery::build).
enum class SearchPlan {
    Driven,  // matches looked up first, their deliveries sorted
    SetWalk, // matches gathered into a set, the time index walked testing membership
    Probe,   // the time index walked, the search index probed for each delivery
};

// Plan costs, measured on the bench database (1M deliveries, 770k events): sorting costs about
// 3 us per matching event (key, event and delivery lookups); gathering the set about 1.5 us per
// match and walking about 1.5 us per delivery; a probe 50-400 us per delivery walked, more for
// more words.
constexpr int kMatchCountCap = 100'000;
constexpr double kDrivenUsPerMatch = 3.0;
constexpr double kSetUsPerMatch = 1.5;
constexpr double kWalkUsPerRow = 1.5;
constexpr double kProbeUsPerRowAndWord = 100.0;
constexpr qint64 kDensitySample = 20'000; // events

// The cheapest plan for `matches` (counted up to kMatchCountCap) matching events, estimated
// with the density of matches among the events next to where the walk starts (the newest ones,
// or those of the cursor's delivery): a text common overall but rare lately must not be walked.
Result<SearchPlan> choosePlan(const QSqlDatabase &db, const QString &match, int matches,
                              const DeliveryQuery::Bounds &bounds)
{
    const std::optional<DeliveryCursor> &start =
        bounds.oldestFirst ? bounds.newerThan : bounds.olderThan;
    std::optional<qint64> anchor;
    if (start && !start->id.isEmpty()) {
        auto key = EventSearch::keyOfDelivery(db, start->id);
        if (!key)
            return key.error();
        anchor = key.value();
    }
    auto newest = EventSearch::newestKey(db);
    if (!newest)
        return newest.error();
    qint64 from = 0;
    qint64 to = 0;
    if (bounds.oldestFirst) {
        from = anchor ? *anchor - 1 : 0;
        to = from + kDensitySample;
    } else {
        to = anchor.value_or(newest.value());
        from = std::max<qint64>(0, to - kDensitySample);
    }
    auto near = EventSearch::countInKeyRange(db, match, from, to);
    if (!near)
        return near.error();
    if (near.value() == 0)
        return SearchPlan::Driven; // walking would find nothing nearby
    const double density = double(near.value()) / double(std::max<qint64>(1, to - from));
    double total = matches;
    if (matches >= kMatchCountCap)
        total = std::max(total, density * double(newest.value()));
    const int words = std::max(1, int(match.count(QLatin1Char('"')) / 2));
    const double walked = double(std::max(1, bounds.rows)) / density;
    const double driven = total * kDrivenUsPerMatch;
    const double setWalk = total * kSetUsPerMatch + walked * kWalkUsPerRow;
    const double probe = walked * kProbeUsPerRowAndWord * words;
    if (probe < setWalk && probe < driven)
        return SearchPlan::Probe;
    return setWalk < driven ? SearchPlan::SetWalk : SearchPlan::Driven;
}

} // namespace

QString statusClassName(StatusClass statusClass)
{
    for (const auto &e : kClasses)
        if (e.statusClass == statusClass)
            return QString::fromLatin1(e.name);
    return {};
}

std::optional<StatusClass> statusClassFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("network_error") || n == QLatin1String("network-error") ||
        n == QLatin1String("none"))
        return StatusClass::NetworkError;
    for (const auto &e : kClasses)
        if (n == QLatin1String(e.name))
            return e.statusClass;
    return std::nullopt;
}

QStringList statusClassNames()
{
    QStringList names;
    for (const auto &e : kClasses)
        names << QString::fromLatin1(e.name);
    return names;
}

QString DeliveryCursor::encode() const
{
    const QByteArray raw =
        QByteArrayLiteral("1:") + QByteArray::number(createdAtMs) + ':' + id.toUtf8();
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<DeliveryCursor> DeliveryCursor::decode(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.trimmed().toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &raw = *decoded;
    if (!raw.startsWith("1:"))
        return std::nullopt;
    const qsizetype colon = raw.indexOf(':', 2);
    if (colon < 0)
        return std::nullopt;
    bool ok = false;
    DeliveryCursor c;
    c.createdAtMs = raw.mid(2, colon - 2).toLongLong(&ok);
    c.id = QString::fromUtf8(raw.mid(colon + 1));
    if (!ok || c.id.isEmpty())
        return std::nullopt;
    return c;
}

bool DeliveryCursor::olderThan(const DeliveryCursor &other) const
{
    if (createdAtMs != other.createdAtMs)
        return createdAtMs < other.createdAtMs;
    return id < other.id;
}

bool DeliveryFilter::isEmpty() const
{
    return webhookId.isEmpty() && eventType.isEmpty() && !status && !statusClass && !sinceMs &&
           !untilMs && search.trimmed().isEmpty();
}

Result<qint64> parseTimeBound(const QString &text, qint64 nowMs, const QString &field)
{
    const QString t = text.trimmed();
    const auto invalid = [&] {
        return Error{ErrorCode::InvalidArgument, field,
                     QStringLiteral("--%1 \"%2\" is not a time; give RFC 3339 "
                                    "(2026-04-27T17:42:00Z), a date (2026-04-27), epoch "
                                    "milliseconds, or a duration ago such as 30m, 1h, 7d.")
                         .arg(field, t)};
    };
    if (t.isEmpty())
        return invalid();

    // A duration ago: one or more <number><unit>.
    static const QRegularExpression duration(QStringLiteral("^(?:\\d+(?:ms|s|m|h|d|w))+$"));
    if (duration.match(t).hasMatch()) {
        static const QRegularExpression part(QStringLiteral("(\\d+)(ms|s|m|h|d|w)"));
        qint64 total = 0;
        auto it = part.globalMatch(t);
        while (it.hasNext()) {
            const auto m = it.next();
            bool ok = false;
            const qint64 n = m.captured(1).toLongLong(&ok);
            const QString unit = m.captured(2);
            qint64 scale = 1;
            if (unit == QLatin1String("s"))
                scale = 1000;
            else if (unit == QLatin1String("m"))
                scale = 60'000;
            else if (unit == QLatin1String("h"))
                scale = 3'600'000;
            else if (unit == QLatin1String("d"))
                scale = 86'400'000;
            else if (unit == QLatin1String("w"))
                scale = 7 * 86'400'000LL;
            if (!ok || n > (qint64(1) << 40))
                return invalid();
            total += n * scale;
        }
        return nowMs - total;
    }

    // Epoch milliseconds.
    static const QRegularExpression digits(QStringLiteral("^\\d{10,}$"));
    if (digits.match(t).hasMatch()) {
        bool ok = false;
        const qint64 ms = t.toLongLong(&ok);
        if (ok)
            return ms;
        return invalid();
    }

    // A date alone: midnight UTC.
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (dateOnly.match(t).hasMatch()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            return invalid();
        return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    }

    // RFC 3339: needs a zone (Z or an offset); a space may separate date and time.
    QString iso = t;
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' '))
        iso[10] = QLatin1Char('T');
    static const QRegularExpression dateTime(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}"));
    if (!dateTime.match(iso).hasMatch())
        return invalid();
    static const QRegularExpression zoned(QStringLiteral("(Z|z|[+-]\\d{2}:?\\d{2})$"));
    if (!zoned.match(iso).hasMatch())
        return Error{ErrorCode::InvalidArgument, field,
                     QStringLiteral("--%1 \"%2\" has no time zone; end it with Z for UTC (e.g. "
                                    "2026-04-27T17:42:00Z) or an offset such as +02:00.")
                         .arg(field, t)};
    if (iso.endsWith(QLatin1Char('z')))
        iso[iso.size() - 1] = QLatin1Char('Z');
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid())
        return invalid();
    return dt.toMSecsSinceEpoch();
}

QString DeliveryQuery::statusClassExpression(const QString &alias)
{
    const QString p = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return QStringLiteral("(CASE WHEN %1last_response_status IS NOT NULL THEN "
                          "%1last_response_status / 100 WHEN %1last_error IS NOT NULL THEN 0 END)")
        .arg(p);
}

Result<DeliverySql> DeliveryQuery::build(const QSqlDatabase &db, const DeliveryFilter &filter)
{
    return build(db, filter, Bounds{});
}

Result<DeliverySql> DeliveryQuery::build(const QSqlDatabase &db, const DeliveryFilter &filter,
                                         const Bounds &bounds, Purpose purpose)
{
    if (filter.sinceMs && filter.untilMs && *filter.sinceMs > *filter.untilMs)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("since"),
                     QStringLiteral("--since is later than --until; swap them or widen the "
                                    "range.")};

    // How the text search runs decides how the other conditions are written.
    enum class Search { None, Ids, Driven, SetWalk, Probe } search = Search::None;
    const QString text = filter.search.trimmed();
    const QString match =
        text.isEmpty() ? QString() : EventSearch::matchExpression(text, filter.searchPrefix);
    if (!text.isEmpty()) {
        if (EventSearch::looksLikeUuid(text)) {
            search = Search::Ids;
        } else if (!match.isEmpty()) {
            auto matches = EventSearch::countUpTo(db, match, kMatchCountCap);
            if (!matches)
                return matches.error();
            search = Search::Driven;
            if (matches.value() >= CommonSearchMatches && purpose == Purpose::Rows) {
                auto plan = choosePlan(db, match, matches.value(), bounds);
                if (!plan)
                    return plan.error();
                if (plan.value() == SearchPlan::SetWalk)
                    search = Search::SetWalk;
                else if (plan.value() == SearchPlan::Probe)
                    search = Search::Probe;
            }
        }
    }
    // "+" keeps a column off its indexes: when the search drives, SQLite must not prefer, say,
    // the status index and walk every failed delivery probing for a handful of matches.
    const bool searchDrives = search == Search::Ids || search == Search::Driven;
    const QString plus = searchDrives ? QStringLiteral("+") : QString();

    QStringList where;
    DeliverySql out;
    if (!text.isEmpty() && search == Search::None) {
        where << QStringLiteral("0"); // nothing searchable matches nothing
    } else if (search == Search::Ids) {
        const QString id = EventSearch::normalizedUuid(text);
        QString clause = QStringLiteral("(d.id = ? OR d.event_id = ? OR d.replay_of = ?");
        out.binds << id << id << id;
        if (!match.isEmpty()) {
            // A resource id in a payload may be a UUID too.
            clause += QStringLiteral(" OR d.event_id IN (") + EventSearch::eventIdsSql() +
                      QLatin1Char(')');
            out.binds << match;
        }
        where << clause + QLatin1Char(')');
    } else if (search == Search::Probe) {
        where << EventSearch::eventMatchesSql(QStringLiteral("d.event_id"));
        out.binds << match;
    } else if (search == Search::SetWalk) {
        // "+": the set is tested per row, not used to look deliveries up.
        where << QStringLiteral("+d.event_id IN (") + EventSearch::eventIdsSql() + QLatin1Char(')');
        out.binds << match;
    } else if (search == Search::Driven) {
        where << QStringLiteral("d.event_id IN (") + EventSearch::eventIdsSql() + QLatin1Char(')');
        out.binds << match;
    }

    if (!filter.webhookId.isEmpty()) {
        where << plus + QStringLiteral("d.webhook_id = ?");
        out.binds << filter.webhookId;
    }
    if (!filter.eventType.isEmpty()) {
        where << plus + QStringLiteral("d.event_type = ?");
        out.binds << filter.eventType;
    }
    if (filter.status) {
        where << plus + QStringLiteral("d.status = ?");
        out.binds << deliveryStatusName(*filter.status);
    }
    if (filter.statusClass) {
        int code = 0;
        for (const auto &e : kClasses)
            if (e.statusClass == *filter.statusClass)
                code = e.code;
        where << plus + statusClassExpression(QStringLiteral("d")) + QStringLiteral(" = ?");
        out.binds << code;
    }

    // Every key bound folds into at most one upper and one lower row-value bound, so SQLite
    // ranges over one index instead of scanning from the loosest bound and filtering.
    std::optional<KeyBound> upper;
    std::optional<KeyBound> lower;
    if (filter.untilMs)
        upper = tighterUpper(upper, KeyBound{DeliveryCursor{*filter.untilMs, QString()}, false});
    if (bounds.olderThan)
        upper = tighterUpper(upper, KeyBound{*bounds.olderThan, false});
    if (bounds.atOrOlderThan)
        upper = tighterUpper(upper, KeyBound{*bounds.atOrOlderThan, true});
    if (filter.sinceMs)
        lower = tighterLower(lower, KeyBound{DeliveryCursor{*filter.sinceMs, QString()}, true});
    if (bounds.newerThan)
        lower = tighterLower(lower, KeyBound{*bounds.newerThan, false});
    // A time bound is the key (time, ""): "" sorts before every id. A null QString would bind
    // as NULL, which no comparison satisfies.
    const auto idValue = [](const QString &id) {
        return id.isEmpty() ? QVariant(QStringLiteral("")) : QVariant(id);
    };
    const QString key = QStringLiteral("(%1d.created_at, d.id)").arg(plus);
    if (upper) {
        where << key + (upper->inclusive ? QStringLiteral(" <= (?, ?)")
                                         : QStringLiteral(" < (?, ?)"));
        out.binds << upper->key.createdAtMs << idValue(upper->key.id);
    }
    if (lower) {
        where << key + (lower->inclusive ? QStringLiteral(" >= (?, ?)")
                                         : QStringLiteral(" > (?, ?)"));
        out.binds << lower->key.createdAtMs << idValue(lower->key.id);
    }

    out.where = where.isEmpty() ? QStringLiteral("1") : where.join(QStringLiteral(" AND "));
    return out;
}

} // namespace hookline
