#include "ReceivedRequestLog.h"

#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace hookline {

namespace {

HttpHeaders headersFromJson(const QString &json)
{
    HttpHeaders out;
    const QJsonArray pairs = QJsonDocument::fromJson(json.toUtf8()).array();
    out.reserve(pairs.size());
    for (const QJsonValue &pair : pairs) {
        const QJsonArray nameValue = pair.toArray();
        if (nameValue.size() != 2)
            continue;
        // Names were written as Latin-1 (they are tokens); values as UTF-8.
        out.append({nameValue.at(0).toString().toLatin1(), nameValue.at(1).toString().toUtf8()});
    }
    return out;
}

// "127.0.0.1:50123" or "[::1]:50123", as ReceivedRequest::remote() writes it.
void parseRemote(const QString &text, ReceivedRequest &r)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    r.remoteAddress = QHostAddress(host);
    r.remotePort = quint16(text.mid(colon + 1).toUInt());
}

} // namespace

std::optional<Verdict::Outcome> ReceivedRequestLog::outcomeFromName(const QString &name)
{
    for (const Verdict::Outcome o :
         {Verdict::Outcome::Verified, Verdict::Outcome::HeaderMissing,
          Verdict::Outcome::HeaderMalformed, Verdict::Outcome::TimestampOutOfTolerance,
          Verdict::Outcome::SignatureMismatch, Verdict::Outcome::BodyReencoded,
          Verdict::Outcome::NoSecrets, Verdict::Outcome::NotChecked})
        if (Verdict::outcomeName(o) == name)
            return o;
    return std::nullopt;
}

Verdict ReceivedRequestLog::verdictFromDetail(const QString &detailJson,
                                              std::optional<SignatureScheme> *scheme)
{
    const QJsonObject o = QJsonDocument::fromJson(detailJson.toUtf8()).object();
    Verdict v;
    v.outcome = outcomeFromName(o.value(QStringLiteral("outcome")).toString())
                    .value_or(Verdict::Outcome::NotChecked);
    v.secretLabel = o.value(QStringLiteral("secret")).toString();
    v.header = o.value(QStringLiteral("header")).toString();
    v.message = o.value(QStringLiteral("message")).toString();
    if (o.contains(QStringLiteral("skew_seconds")))
        v.skewSeconds = o.value(QStringLiteral("skew_seconds")).toInteger();
    v.expected = o.value(QStringLiteral("expected")).toString().toLatin1();
    if (scheme) {
        const QString name = o.value(QStringLiteral("scheme")).toString();
        *scheme = name.isEmpty() ? std::nullopt : schemeFromName(name);
    }
    return v;
}

Result<QList<ReceivedRequest>> ReceivedRequestLog::latest(const Database &database,
                                                          const QString &receiverId, int limit)
{
    // The receiver's spans newest first (received_spans' key), and in each its rows by rowid,
    // newest first: no index on received_requests needed (see migration 5 in Database.cpp).
    QList<ReceivedRequest> out;
    QSqlQuery spans(database.connection());
    spans.setForwardOnly(true);
    if (!spans.prepare(QStringLiteral("SELECT first_id, last_id FROM received_spans WHERE "
                                      "receiver_id = ? ORDER BY last_id DESC")))
        return Database::queryError(spans, QStringLiteral("received requests"));
    spans.addBindValue(receiverId);
    if (!spans.exec())
        return Database::queryError(spans, QStringLiteral("received requests"));
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral(
            "SELECT received_at, method, path, query, headers_json, body, remote_address, "
            "verdict_detail, response_status FROM received_requests WHERE id BETWEEN ? AND ? "
            "AND receiver_id = ? ORDER BY id DESC LIMIT ?")))
        return Database::queryError(q, QStringLiteral("received requests"));
    while (out.size() < limit && spans.next()) {
        q.addBindValue(spans.value(0).toLongLong());
        q.addBindValue(spans.value(1).toLongLong());
        q.addBindValue(receiverId);
        q.addBindValue(limit - out.size());
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("received requests"));
        while (q.next()) {
            ReceivedRequest r;
            r.receiverId = receiverId;
            r.receivedAtMs = q.value(0).toLongLong();
            r.method = q.value(1).toString().toLatin1();
            r.path = q.value(2).toString().toUtf8();
            r.query = q.value(3).toString().toUtf8();
            r.hasQuery = !r.query.isEmpty();
            r.headers = headersFromJson(q.value(4).toString());
            r.body = q.value(5).toByteArray();
            parseRemote(q.value(6).toString(), r);
            r.verdict = verdictFromDetail(q.value(7).toString(), &r.scheme);
            r.responseStatus = q.value(8).isNull() ? 0 : q.value(8).toInt();
            r.wireSize = r.body.size();
            r.recorded = true;
            out.append(std::move(r));
        }
        q.finish();
    }
    return out;
}

Result<QList<RecordedReceiver>> ReceivedRequestLog::receivers(const Database &database, int limit)
{
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral(
            "SELECT receiver_id, SUM(rows), MAX(last_at) FROM received_spans WHERE rows > 0 "
            "GROUP BY receiver_id ORDER BY 3 DESC LIMIT ?")))
        return Database::queryError(q, QStringLiteral("receivers"));
    q.addBindValue(std::max(limit, 0));
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("receivers"));
    QList<RecordedReceiver> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    return out;
}

} // namespace hookline
