#include "DeliveryHistory.h"

#include "history/HeaderRedaction.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace hookline {

namespace {

// The row columns, in the order readRow() reads them. delivered_at is the end of the delivered
// attempt; only looked up for delivered rows.
const QString kRowColumns = QStringLiteral(
    "d.id, d.created_at, d.event_id, d.event_type, d.webhook_id, d.webhook_name, d.status, "
    "d.attempts, d.last_response_status, d.last_latency_ms, d.last_error, d.replay_of, "
    "d.next_attempt_at, d.is_test, "
    "CASE WHEN d.status = 'delivered' THEN (SELECT a.started_at + COALESCE(a.duration_ms, 0) "
    "FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.outcome = 'delivered' "
    "ORDER BY a.attempt_no DESC LIMIT 1) END");
constexpr int kRowColumnCount = 15;

// Statements with many ids bind at most this many at once.
constexpr int kIdChunk = 500;

// Attempts counted for a window belong to deliveries created at most this long before it (a
// retry can come hours after its delivery was created); the bound keeps the scan on the
// webhook's index.
constexpr qint64 kStatsRetrySlackMs = 2LL * 86'400'000;

std::optional<int> optInt(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toInt();
}

std::optional<qint64> optLong(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

DeliveryRow readRow(const QSqlQuery &q, int at = 0)
{
    DeliveryRow r;
    r.id = q.value(at + 0).toString();
    r.createdAtMs = q.value(at + 1).toLongLong();
    r.eventId = q.value(at + 2).toString();
    r.eventType = q.value(at + 3).toString();
    r.webhookId = q.value(at + 4).toString();
    r.webhookName = q.value(at + 5).toString();
    r.status = deliveryStatusFromName(q.value(at + 6).toString()).value_or(DeliveryStatus::Pending);
    r.attempts = q.value(at + 7).toInt();
    r.lastResponseStatus = optInt(q.value(at + 8));
    r.lastLatencyMs = optLong(q.value(at + 9));
    r.lastError = q.value(at + 10).toString();
    r.replayOf = q.value(at + 11).toString();
    r.nextAttemptAtMs = optLong(q.value(at + 12));
    r.isTest = q.value(at + 13).toInt() != 0;
    r.deliveredAtMs = optLong(q.value(at + 14));
    return r;
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
}

QString placeholders(qsizetype n)
{
    QString s;
    s.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        s += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return s;
}

HeaderPairs parseHeaders(const QString &json)
{
    HeaderPairs out;
    const QJsonArray arr = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : arr) {
        const QJsonArray pair = v.toArray();
        if (pair.size() == 2)
            out.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return out;
}

Error invalidCursor()
{
    return Error{ErrorCode::InvalidArgument, QStringLiteral("cursor"),
                 QStringLiteral("The cursor is not one Hookline issued (or it was cut); start "
                                "again without --cursor.")};
}

int clampLimit(int limit)
{
    return std::clamp(limit <= 0 ? DeliveryHistory::DefaultPageSize : limit, 1,
                      DeliveryHistory::MaxPageSize);
}

std::optional<qint64> percentile(QList<qint64> &sorted, double p)
{
    if (sorted.isEmpty())
        return std::nullopt;
    // Nearest rank.
    const qsizetype rank = qsizetype(std::ceil(p * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

struct AttemptSample {
    qint64 startedAtMs;
    std::optional<qint64> durationMs;
    bool delivered;
    bool responded;
};

LatencyWindow window(const QList<AttemptSample> &samples, qint64 from, qint64 to)
{
    LatencyWindow w;
    w.fromMs = from;
    w.toMs = to;
    QList<qint64> latencies;
    for (const AttemptSample &s : samples) {
        if (s.startedAtMs < from || s.startedAtMs >= to)
            continue;
        ++w.attempts;
        if (s.delivered)
            ++w.delivered;
        else
            ++w.failed;
        if (s.responded && s.durationMs)
            latencies << *s.durationMs;
    }
    if (w.attempts > 0)
        w.successRate = double(w.delivered) / double(w.attempts);
    std::sort(latencies.begin(), latencies.end());
    w.p50Ms = percentile(latencies, 0.50);
    w.p95Ms = percentile(latencies, 0.95);
    return w;
}

// Re-indents JSON text without reordering keys or rewriting numbers (QJsonDocument would sort
// the keys of the envelope). `text` must be valid JSON.
QString indentJson(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newline = [&out](int level) {
        out.append('\n');
        out.append(QByteArray(level * 2, ' '));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            out.append(c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        case '"':
            inString = true;
            out.append(c);
            break;
        case '{':
        case '[': {
            out.append(c);
            qsizetype j = i + 1;
            while (j < text.size() && QByteArrayView(" \t\r\n").contains(text.at(j)))
                ++j;
            if (j < text.size() && (text.at(j) == '}' || text.at(j) == ']')) {
                out.append(text.at(j));
                i = j;
            } else {
                newline(++depth);
            }
            break;
        }
        case '}':
        case ']':
            newline(--depth);
            out.append(c);
            break;
        case ',':
            out.append(c);
            newline(depth);
            break;
        case ':':
            out.append(": ");
            break;
        default:
            out.append(c);
        }
    }
    return QString::fromUtf8(out);
}

std::optional<QPair<QByteArray, QByteArray>> authHeader(const OutboundAuth &auth)
{
    switch (auth.type) {
    case AuthType::None:
        return std::nullopt;
    case AuthType::Bearer:
        return QPair<QByteArray, QByteArray>{QByteArrayLiteral("Authorization"),
                                             QByteArrayLiteral("Bearer ") + auth.token.toUtf8()};
    case AuthType::Basic: {
        QByteArray credentials = auth.username.toUtf8();
        credentials.append(':').append(auth.password.toUtf8());
        return QPair<QByteArray, QByteArray>{QByteArrayLiteral("Authorization"),
                                             QByteArrayLiteral("Basic ") + credentials.toBase64()};
    }
    case AuthType::ApiKey:
    case AuthType::CustomHeader:
        return QPair<QByteArray, QByteArray>{auth.headerName.toLatin1(), auth.headerValue.toUtf8()};
    }
    return std::nullopt;
}

} // namespace

QString DeliveryDetail::prettyBody() const
{
    return prettyText(body);
}

QString DeliveryDetail::prettyText(const QByteArray &bytes)
{
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return QString::fromUtf8(bytes);
    return indentJson(bytes);
}

DeliveryHistory::DeliveryHistory(std::shared_ptr<Database> db, const Clock *clock)
    : m_db(std::move(db))
    , m_clock(clock ? clock : SystemClock::instance())
{}

Result<DeliveryPage> DeliveryHistory::page(const DeliveryFilter &filter, const QString &cursor,
                                           int limit) const
{
    limit = clampLimit(limit);
    DeliveryQuery::Bounds bounds;
    bounds.rows = limit + 1;
    if (!cursor.trimmed().isEmpty()) {
        bounds.olderThan = DeliveryCursor::decode(cursor);
        if (!bounds.olderThan)
            return invalidCursor();
    }
    QSqlDatabase c = m_db->connection();
    auto sql = DeliveryQuery::build(c, filter, bounds);
    if (!sql)
        return sql.error();
    QSqlQuery q(c);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kRowColumns +
              QStringLiteral(" FROM deliveries d WHERE ") + sql->where +
              QStringLiteral(" ORDER BY d.created_at DESC, d.id DESC LIMIT ?"));
    bindAll(q, sql->binds);
    q.addBindValue(limit + 1);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("history page"));
    DeliveryPage page;
    page.rows.reserve(limit);
    bool more = false;
    while (q.next()) {
        if (page.rows.size() == limit) {
            more = true;
            break;
        }
        page.rows << readRow(q);
    }
    q.finish(); // ends the read transaction now, not when the query object goes
    if (more)
        page.nextCursor = page.rows.constLast().cursor().encode();
    return page;
}

Result<QList<DeliveryRow>> DeliveryHistory::newer(const DeliveryFilter &filter,
                                                  const DeliveryCursor &cursor, int limit) const
{
    limit = clampLimit(limit);
    DeliveryQuery::Bounds bounds;
    bounds.newerThan = cursor;
    bounds.rows = limit;
    bounds.oldestFirst = true;
    QSqlDatabase c = m_db->connection();
    auto sql = DeliveryQuery::build(c, filter, bounds);
    if (!sql)
        return sql.error();
    QSqlQuery q(c);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kRowColumns +
              QStringLiteral(" FROM deliveries d WHERE ") + sql->where +
              QStringLiteral(" ORDER BY d.created_at, d.id LIMIT ?"));
    bindAll(q, sql->binds);
    q.addBindValue(limit);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("history refresh"));
    QList<DeliveryRow> rows;
    while (q.next())
        rows.prepend(readRow(q));
    q.finish();
    return rows;
}

Result<qint64> DeliveryHistory::count(const DeliveryFilter &filter) const
{
    QSqlDatabase c = m_db->connection();
    auto sql =
        DeliveryQuery::build(c, filter, DeliveryQuery::Bounds{}, DeliveryQuery::Purpose::Count);
    if (!sql)
        return sql.error();
    QSqlQuery q(c);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries d WHERE ") + sql->where);
    bindAll(q, sql->binds);
    if (!q.exec() || !q.next())
        return Database::queryError(q, QStringLiteral("history count"));
    const qint64 n = q.value(0).toLongLong();
    q.finish();
    return n;
}

Result<QString> DeliveryHistory::resolveId(const QString &idOrPrefix) const
{
    const QString prefix = idOrPrefix.trimmed().toLower();
    if (prefix.size() < 6)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("id"),
                     QStringLiteral("Delivery id \"%1\" is too short; give the full id or at "
                                    "least its first 6 characters.")
                         .arg(idOrPrefix.trimmed())};
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    // A range on the primary key index rather than LIKE, which SQLite would not use it for.
    q.prepare(QStringLiteral("SELECT id FROM deliveries WHERE id >= ? AND id < ? ORDER BY id "
                             "LIMIT 2"));
    q.addBindValue(prefix);
    q.addBindValue(QString(prefix + QChar(0xFFFF)));
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("delivery lookup"));
    QStringList found;
    while (q.next())
        found << q.value(0).toString();
    q.finish();
    if (found.contains(prefix))
        return prefix;
    if (found.isEmpty())
        return Error{ErrorCode::NotFound, QStringLiteral("id"),
                     QStringLiteral("No delivery %1; 'hookline-cli deliveries list' shows the "
                                    "ids.")
                         .arg(idOrPrefix.trimmed())};
    if (found.size() > 1)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("id"),
                     QStringLiteral("\"%1\" matches more than one delivery; give more "
                                    "characters.")
                         .arg(idOrPrefix.trimmed())};
    return found.constFirst();
}

Result<DeliveryRow> DeliveryHistory::row(const QString &deliveryId) const
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kRowColumns +
              QStringLiteral(" FROM deliveries d WHERE d.id = ?"));
    q.addBindValue(deliveryId);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("delivery lookup"));
    if (!q.next())
        return Error{ErrorCode::NotFound, QStringLiteral("id"),
                     QStringLiteral("No delivery %1.").arg(deliveryId)};
    DeliveryRow r = readRow(q);
    q.finish();
    return r;
}

Result<DeliveryDetail> DeliveryHistory::detail(const QString &deliveryId,
                                               const DetailOptions &options) const
{
    auto all = details({deliveryId}, options);
    if (!all)
        return all.error();
    if (all->isEmpty())
        return Error{ErrorCode::NotFound, QStringLiteral("id"),
                     QStringLiteral("No delivery %1; 'hookline-cli deliveries list' shows the "
                                    "ids.")
                         .arg(deliveryId)};
    return all->constFirst();
}

Result<QList<DeliveryDetail>> DeliveryHistory::details(const QStringList &deliveryIds,
                                                       const DetailOptions &options) const
{
    QList<DeliveryDetail> out;
    QSqlDatabase c = m_db->connection();
    for (qsizetype from = 0; from < deliveryIds.size(); from += kIdChunk) {
        const QStringList ids = deliveryIds.mid(from, kIdChunk);
        const QString in = placeholders(ids.size());
        QHash<QString, DeliveryDetail> byId;

        QSqlQuery q(c);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + kRowColumns +
                  QStringLiteral(", e.system_id, e.created_at, e.resource_ids_json, e.uri, "
                                 "e.body, w.url, w.name FROM deliveries d "
                                 "JOIN events e ON e.id = d.event_id "
                                 "LEFT JOIN webhooks w ON w.id = d.webhook_id "
                                 "WHERE d.id IN (") +
                  in + QLatin1Char(')'));
        for (const QString &id : ids)
            q.addBindValue(id);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("delivery detail"));
        while (q.next()) {
            DeliveryDetail d;
            d.row = readRow(q);
            int at = kRowColumnCount;
            d.systemId = q.value(at++).toString();
            d.eventCreatedAtMs = q.value(at++).toLongLong();
            for (const QJsonValue &v :
                 QJsonDocument::fromJson(q.value(at++).toString().toUtf8()).array())
                d.resourceIds << v.toString();
            d.uri = q.value(at++).toString();
            d.body = q.value(at++).toByteArray();
            d.webhookUrl = q.value(at++).toString();
            d.currentWebhookName = q.value(at++).toString();
            byId.insert(d.row.id, d);
        }
        q.finish();
        if (byId.isEmpty())
            continue;

        QSqlQuery a(c);
        a.setForwardOnly(true);
        a.prepare(QStringLiteral("SELECT delivery_id, attempt_no, started_at, duration_ms, "
                                 "request_headers_json, response_status, response_headers_json, "
                                 "response_body, response_truncated, error, outcome "
                                 "FROM delivery_attempts WHERE delivery_id IN (") +
                  in + QStringLiteral(") ORDER BY delivery_id, attempt_no"));
        for (const QString &id : ids)
            a.addBindValue(id);
        if (!a.exec())
            return Database::queryError(a, QStringLiteral("attempt lookup"));
        while (a.next()) {
            auto it = byId.find(a.value(0).toString());
            if (it == byId.end())
                continue;
            AttemptDetail t;
            t.attemptNo = a.value(1).toInt();
            t.startedAtMs = a.value(2).toLongLong();
            t.durationMs = optLong(a.value(3));
            t.requestHeaders = HeaderRedaction::redact(parseHeaders(a.value(4).toString()),
                                                       options.revealSignatures);
            t.responseStatus = optInt(a.value(5));
            t.responseHeaders = parseHeaders(a.value(6).toString());
            t.responseBody = a.value(7).toByteArray();
            t.responseTruncated = a.value(8).toInt() != 0;
            t.error = a.value(9).toString();
            t.outcome = a.value(10).toString();
            it->attempts << t;
        }
        a.finish();

        QSqlQuery r(c);
        r.setForwardOnly(true);
        r.prepare(QStringLiteral("SELECT id, replay_of FROM deliveries WHERE replay_of IN (") + in +
                  QStringLiteral(") ORDER BY created_at DESC, id DESC"));
        for (const QString &id : ids)
            r.addBindValue(id);
        if (!r.exec())
            return Database::queryError(r, QStringLiteral("replay lookup"));
        while (r.next()) {
            auto it = byId.find(r.value(1).toString());
            if (it != byId.end())
                it->replays << r.value(0).toString();
        }
        r.finish();

        for (const QString &id : ids)
            if (auto it = byId.constFind(id); it != byId.constEnd())
                out << it.value();
    }
    return out;
}

Result<WebhookStats> DeliveryHistory::webhookStats(const QString &webhookId) const
{
    WebhookStats stats;
    stats.webhookId = webhookId;
    stats.nowMs = m_clock->nowMs();
    const qint64 now = stats.nowMs;
    constexpr qint64 hour = 3'600'000;
    constexpr qint64 day = 24 * hour;
    const qint64 from = now - 7 * day;

    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT a.started_at, a.duration_ms, a.outcome, a.response_status "
        "FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id "
        "WHERE d.webhook_id = ? AND d.created_at >= ? AND a.started_at >= ? AND a.started_at < ?"));
    q.addBindValue(webhookId);
    q.addBindValue(from - kStatsRetrySlackMs);
    q.addBindValue(from);
    q.addBindValue(now + 1);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook statistics"));
    QList<AttemptSample> samples;
    while (q.next())
        samples << AttemptSample{q.value(0).toLongLong(), optLong(q.value(1)),
                                 q.value(2).toString() == QLatin1String("delivered"),
                                 !q.value(3).isNull()};
    q.finish();

    stats.last24h = window(samples, now + 1 - day, now + 1);
    stats.last7d = window(samples, now + 1 - 7 * day, now + 1);
    for (int i = 23; i >= 0; --i)
        stats.hourly << window(samples, now + 1 - (i + 1) * hour, now + 1 - i * hour);
    for (int i = 6; i >= 0; --i)
        stats.daily << window(samples, now + 1 - (i + 1) * day, now + 1 - i * day);
    return stats;
}

QString DeliveryHistory::shellQuote(const QByteArray &text)
{
    QByteArray quoted = text;
    quoted.replace('\'', QByteArrayLiteral("'\\''"));
    return QLatin1Char('\'') + QString::fromUtf8(quoted) + QLatin1Char('\'');
}

Result<QString> DeliveryHistory::curlCommand(const QString &deliveryId,
                                             const CurlOptions &options) const
{
    DetailOptions detailOptions;
    detailOptions.revealSignatures = true; // the receiver verifies them
    auto d = detail(deliveryId, detailOptions);
    if (!d)
        return d.error();
    if (d->attempts.isEmpty())
        return Error{ErrorCode::NotFound, QStringLiteral("attempt"),
                     QStringLiteral("Delivery %1 has not been attempted yet; there is no request "
                                    "to copy.")
                         .arg(deliveryId)};
    const AttemptDetail *attempt = &d->attempts.constLast();
    if (options.attemptNo > 0) {
        attempt = nullptr;
        for (const AttemptDetail &a : d->attempts)
            if (a.attemptNo == options.attemptNo)
                attempt = &a;
        if (!attempt)
            return Error{ErrorCode::NotFound, QStringLiteral("attempt"),
                         QStringLiteral("Delivery %1 has no attempt %2; it has %3.")
                             .arg(deliveryId)
                             .arg(options.attemptNo)
                             .arg(d->attempts.size())};
    }
    if (d->webhookUrl.isEmpty())
        return Error{ErrorCode::NotFound, QStringLiteral("webhook"),
                     QStringLiteral("The webhook %1 of this delivery was deleted; its URL is no "
                                    "longer known.")
                         .arg(d->row.webhookId)};

    HeaderPairs headers = attempt->requestHeaders;
    if (options.includeSecrets) {
        if (!options.registry)
            return Error{ErrorCode::InvalidArgument, QStringLiteral("include-secrets"),
                         QStringLiteral("Including secrets needs the webhook registry (to open "
                                        "the webhook's sealed credentials).")};
        auto webhook = options.registry->get(d->row.webhookId);
        if (!webhook)
            return webhook.error();
        if (const auto auth = authHeader(webhook->auth)) {
            for (auto &[name, value] : headers)
                if (name.compare(auth->first, Qt::CaseInsensitive) == 0)
                    value = auth->second;
        }
    }

    const QString next = QStringLiteral(" \\\n  ");
    QString cmd = QStringLiteral("curl -sS -X POST ") + shellQuote(d->webhookUrl.toUtf8());
    for (const auto &[name, value] : std::as_const(headers)) {
        // curl drops a header given as "Name:"; "Name;" sends it empty.
        QByteArray h = name;
        if (value.isEmpty())
            h.append(';');
        else
            h.append(": ").append(value);
        cmd += next + QStringLiteral("-H ") + shellQuote(h);
    }
    // curl would otherwise add "Expect: 100-continue" to a large body, which Hookline never
    // sends.
    cmd += next + QStringLiteral("-H 'Expect:'");
    cmd += next + QStringLiteral("--data-binary ") +
           (options.bodyFromStdin ? QStringLiteral("@-") : shellQuote(d->body));
    cmd += QLatin1Char('\n');
    return cmd;
}

} // namespace hookline
