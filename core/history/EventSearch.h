#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace hookline {

// Free-text search over events (event id, resource ids and payload). The only place that knows
// the index is SQLite FTS5 (tables event_search_keys and events_fts, kept in step with `events`
// by the triggers of migration 2); a PostgreSQL port replaces this class (tsvector or trigram
// index) and keeps its interface.
//
// events_fts is contentless and keyed by event_search_keys.rowid (an INTEGER PRIMARY KEY, so
// VACUUM never renumbers it), not by the implicit rowid of `events`.
class EventSearch {
public:
    // A safe FTS5 query for what a person typed: each whitespace-separated word becomes a quoted
    // phrase (quotes doubled), all words must match, and with `prefixLast` the last word also
    // matches as a prefix. Operators and column filters typed by the user are just text. Empty
    // when the input holds nothing searchable (only punctuation).
    static QString matchExpression(const QString &text, bool prefixLast);

    // SQL selecting the ids of events matching one bound parameter (a matchExpression()).
    static QString eventIdsSql();

    // A condition true when the event `eventIdColumn` names matches one bound parameter (a
    // matchExpression()): one search-index probe per row, for walking deliveries in time order.
    static QString eventMatchesSql(const QString &eventIdColumn);

    // How many events match, counting no further than `limit` (to choose a query plan).
    static Result<int> countUpTo(const QSqlDatabase &db, const QString &matchExpression, int limit);

    // The key (events_fts rowid) of the newest event, and of the event of a delivery. Keys grow
    // with insertion, so a key range is roughly a time range: it lets a query plan be chosen
    // from how often a text occurs near where a listing starts.
    static Result<qint64> newestKey(const QSqlDatabase &db);
    static Result<std::optional<qint64>> keyOfDelivery(const QSqlDatabase &db,
                                                       const QString &deliveryId);
    // Matching events with keys in (from, to].
    static Result<int> countInKeyRange(const QSqlDatabase &db, const QString &matchExpression,
                                       qint64 from, qint64 to);

    // Text that is a UUID (8-4-4-4-12 hex, braces allowed): an id to match exactly as well.
    static bool looksLikeUuid(const QString &text);
    // The canonical lower-case form of a UUID-looking input.
    static QString normalizedUuid(const QString &text);
};

} // namespace hookline
