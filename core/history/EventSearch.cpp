#include "EventSearch.h"

#include "storage/Database.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace hookline {

QString EventSearch::matchExpression(const QString &text, bool prefixLast)
{
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    QStringList phrases;
    const QStringList words = text.split(spaces, Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        // The tokenizer keeps letters and digits only; a word without any would be an empty
        // phrase, which FTS5 rejects.
        const bool searchable =
            std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); });
        if (!searchable)
            continue;
        QString phrase = QLatin1Char('"') +
                         QString(word).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                         QLatin1Char('"');
        if (prefixLast && i == words.size() - 1)
            phrase += QLatin1Char('*');
        phrases << phrase;
    }
    return phrases.join(QLatin1Char(' '));
}

QString EventSearch::eventIdsSql()
{
    return QStringLiteral("SELECT k.event_id FROM event_search_keys k WHERE k.rowid IN "
                          "(SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
}

QString EventSearch::eventMatchesSql(const QString &eventIdColumn)
{
    return QStringLiteral("EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND rowid = "
                          "(SELECT k.rowid FROM event_search_keys k WHERE k.event_id = %1))")
        .arg(eventIdColumn);
}

Result<int> EventSearch::countUpTo(const QSqlDatabase &db, const QString &matchExpression,
                                   int limit)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM events_fts WHERE events_fts "
                             "MATCH ? LIMIT ?)"));
    q.addBindValue(matchExpression);
    q.addBindValue(limit);
    if (!q.exec() || !q.next())
        return Database::queryError(q, QStringLiteral("text search"));
    return q.value(0).toInt();
}

Result<qint64> EventSearch::newestKey(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(rowid), 0) FROM event_search_keys")) ||
        !q.next())
        return Database::queryError(q, QStringLiteral("search key lookup"));
    return q.value(0).toLongLong();
}

Result<std::optional<qint64>> EventSearch::keyOfDelivery(const QSqlDatabase &db,
                                                         const QString &deliveryId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT k.rowid FROM deliveries d JOIN event_search_keys k ON "
                             "k.event_id = d.event_id WHERE d.id = ?"));
    q.addBindValue(deliveryId);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("search key lookup"));
    if (!q.next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

Result<int> EventSearch::countInKeyRange(const QSqlDatabase &db, const QString &matchExpression,
                                         qint64 from, qint64 to)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH ? AND "
                             "rowid > ? AND rowid <= ?"));
    q.addBindValue(matchExpression);
    q.addBindValue(from);
    q.addBindValue(to);
    if (!q.exec() || !q.next())
        return Database::queryError(q, QStringLiteral("text search"));
    return q.value(0).toInt();
}

bool EventSearch::looksLikeUuid(const QString &text)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?$"));
    return uuid.match(text.trimmed()).hasMatch();
}

QString EventSearch::normalizedUuid(const QString &text)
{
    return QUuid::fromString(text.trimmed()).toString(QUuid::WithoutBraces);
}

} // namespace hookline
