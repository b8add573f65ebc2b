#pragma once

#include "Result.h"
#include "delivery/DeliveryStore.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>

namespace hookline {

// What a delivery's last attempt got back, by HTTP status class. NetworkError: an attempt was
// made and no response came back (timeout, refused connection, TLS failure, not sent).
enum class StatusClass {
    Informational1xx,
    Success2xx,
    Redirect3xx,
    ClientError4xx,
    ServerError5xx,
    NetworkError
};
// "1xx", "2xx", "3xx", "4xx", "5xx", "network".
QString statusClassName(StatusClass statusClass);
// Also accepts "network_error", "network-error" and "none"; case-insensitive.
std::optional<StatusClass> statusClassFromName(const QString &name);
QStringList statusClassNames();

// The sort key of one delivery in history order (newest first: created_at DESC, id DESC). Its
// encoded form is the opaque cursor callers pass back to continue a listing.
struct DeliveryCursor {
    qint64 createdAtMs = 0;
    QString id;

    // base64url of "1:<created_at>:<id>"; callers must not rely on the contents.
    QString encode() const;
    static std::optional<DeliveryCursor> decode(const QString &cursor);

    bool operator==(const DeliveryCursor &) const = default;
    // History order: a < b when a sorts after b in a newest-first list (a is older).
    bool olderThan(const DeliveryCursor &other) const;
};

// Which deliveries a history view shows. Empty members do not filter.
struct DeliveryFilter {
    QString webhookId; // full id
    QString eventType;
    std::optional<DeliveryStatus> status; // the delivery's outcome so far
    std::optional<StatusClass> statusClass;
    std::optional<qint64> sinceMs; // created at or after (inclusive)
    std::optional<qint64> untilMs; // created before (exclusive)
    // Free text over the event id, its resource ids and its payload. Words must all occur (each
    // as a phrase: "cus_8f3k2" matches the payload text cus_8f3k2). Input that looks like a UUID
    // also matches a delivery id, an event id or replay_of exactly.
    QString search;
    // Treat the last word of `search` as a prefix ("results as the user types").
    bool searchPrefix = false;

    bool isEmpty() const;
};

// Parses a time bound as the CLI and the GUI accept it: RFC 3339 / ISO 8601 ("2026-04-27T17:42Z",
// "2026-04-27T17:42:18.001+02:00", "2026-04-27" as midnight UTC), epoch milliseconds
// ("1777311738001"), or a duration before `nowMs`: "90s", "30m", "1h", "7d", "2w" (also
// combined: "1h30m"). `field` names the option in the error message.
Result<qint64> parseTimeBound(const QString &text, qint64 nowMs, const QString &field);

// A WHERE clause over `deliveries d` built from a filter and key bounds, with its bind values in
// order. The SQL is SQLite's (row values, the status-class expression index, the FTS5 search
// behind EventSearch); a PostgreSQL port keeps the shape and swaps EventSearch.
struct DeliverySql {
    QString where; // "1" when nothing filters
    QVariantList binds;
};

class DeliveryQuery {
public:
    // The SQL expression the status-class index (migration 2) is built on; filters must use the
    // same text so SQLite matches the index.
    static QString statusClassExpression(const QString &alias);

    struct Bounds {
        // Only keys strictly older than this (history order), e.g. the last row of a page.
        std::optional<DeliveryCursor> olderThan;
        // Only keys strictly newer than this.
        std::optional<DeliveryCursor> newerThan;
        // Only keys at or older than this (a bulk operation's snapshot).
        std::optional<DeliveryCursor> atOrOlderThan;
        // How many rows the caller reads (its LIMIT), and in which direction it walks: used to
        // choose the plan of a text search.
        int rows = 51;
        bool oldestFirst = false;
    };

    // What the clause is for: rows in history order (LIMIT n), or a count of every match.
    enum class Purpose { Rows, Count };

    // Validates the filter (since <= until) and builds the clause. A text search needs the
    // connection to choose its plan, the cheapest by an estimate from the number of matching
    // events and their density among the events near where the listing starts:
    //  - driven: the matches are looked up in the search index and their deliveries sorted
    //    (cost grows with the matches; the other filters are kept off their indexes so SQLite
    //    does not walk, say, every failed delivery probing for a handful of matches);
    //  - set walk: the matches are gathered into a set and the time index is walked newest
    //    first, testing each delivery (cost: the matches plus the rows walked);
    //  - probe: the time index is walked and the search index probed for each delivery (cost
    //    grows with how rare the text is near the start; best for very common words).
    // Counts always use the first.
    static Result<DeliverySql> build(const QSqlDatabase &db, const DeliveryFilter &filter,
                                     const Bounds &bounds, Purpose purpose = Purpose::Rows);
    static Result<DeliverySql> build(const QSqlDatabase &db, const DeliveryFilter &filter);

    // Texts matching fewer events than this always use the driven plan (see build()).
    static constexpr int CommonSearchMatches = 5'000;
};

} // namespace hookline
