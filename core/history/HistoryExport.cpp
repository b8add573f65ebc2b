#include "HistoryExport.h"

#include "history/HeaderRedaction.h"
#include "http/HttpResponse.h"
#include "model/WebhookJson.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QUrl>
#include <QUrlQuery>

namespace hookline {

namespace {

QJsonValue optional(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue optional(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalTime(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(isoTime(*ms)) : QJsonValue(QJsonValue::Null);
}

QJsonValue nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Text when the bytes are valid UTF-8, else nullopt (the caller writes base64).
std::optional<QString> utf8Text(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QJsonArray headerPairsJson(const HeaderPairs &headers)
{
    QJsonArray arr;
    for (const auto &[name, value] : headers)
        arr.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    return arr;
}

QJsonArray harHeaders(const HeaderPairs &headers)
{
    QJsonArray arr;
    for (const auto &[name, value] : headers)
        arr.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                               {QStringLiteral("value"), QString::fromUtf8(value)}});
    return arr;
}

QByteArray headerValue(const HeaderPairs &headers, const char *name)
{
    for (const auto &[n, v] : headers)
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QString reasonPhrase(int status)
{
    return QString::fromLatin1(HttpResponse::standardReasonPhrase(status));
}

QJsonObject attemptJson(const AttemptDetail &a)
{
    QJsonObject o;
    o.insert(QStringLiteral("attempt"), a.attemptNo);
    o.insert(QStringLiteral("started_at"), isoTime(a.startedAtMs));
    o.insert(QStringLiteral("duration_ms"), optional(a.durationMs));
    o.insert(QStringLiteral("outcome"), a.outcome);
    o.insert(QStringLiteral("request_headers"), headerPairsJson(a.requestHeaders));
    o.insert(QStringLiteral("response_status"), optional(a.responseStatus));
    o.insert(QStringLiteral("response_headers"),
             a.responseStatus ? QJsonValue(headerPairsJson(a.responseHeaders))
                              : QJsonValue(QJsonValue::Null));
    if (!a.responseStatus) {
        o.insert(QStringLiteral("response_body"), QJsonValue(QJsonValue::Null));
    } else if (const auto text = utf8Text(a.responseBody)) {
        o.insert(QStringLiteral("response_body"), *text);
    } else {
        o.insert(QStringLiteral("response_body"), QString::fromLatin1(a.responseBody.toBase64()));
        o.insert(QStringLiteral("response_body_encoding"), QStringLiteral("base64"));
    }
    o.insert(QStringLiteral("response_truncated"), a.responseTruncated);
    o.insert(QStringLiteral("error"), nullIfEmpty(a.error));
    return o;
}

} // namespace

QString exportFormatName(ExportFormat format)
{
    return format == ExportFormat::Har ? QStringLiteral("har") : QStringLiteral("jsonl");
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("jsonl") || n == QLatin1String("ndjson") ||
        n == QLatin1String("json-lines"))
        return ExportFormat::JsonLines;
    if (n == QLatin1String("har"))
        return ExportFormat::Har;
    return std::nullopt;
}

HistoryExport::HistoryExport(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{}

QJsonObject HistoryExport::rowJson(const DeliveryRow &row)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), row.id);
    o.insert(QStringLiteral("event"), row.eventType);
    o.insert(QStringLiteral("status"), deliveryStatusName(row.status));
    o.insert(QStringLiteral("response_status"), optional(row.lastResponseStatus));
    o.insert(QStringLiteral("latency_ms"), optional(row.lastLatencyMs));
    o.insert(QStringLiteral("attempt"), row.attempts);
    o.insert(QStringLiteral("delivered_at"), optionalTime(row.deliveredAtMs));
    o.insert(QStringLiteral("created_at"), isoTime(row.createdAtMs));
    o.insert(QStringLiteral("event_id"), row.eventId);
    o.insert(QStringLiteral("webhook_id"), row.webhookId);
    o.insert(QStringLiteral("webhook_name"), row.webhookName);
    o.insert(QStringLiteral("replay_of"), nullIfEmpty(row.replayOf));
    o.insert(QStringLiteral("next_attempt_at"), optionalTime(row.nextAttemptAtMs));
    o.insert(QStringLiteral("error"), nullIfEmpty(row.lastError));
    o.insert(QStringLiteral("test"), row.isTest);
    return o;
}

QJsonObject HistoryExport::deliveryJson(const DeliveryDetail &d)
{
    QJsonObject o = rowJson(d.row);
    o.insert(QStringLiteral("system_id"), d.systemId);
    o.insert(QStringLiteral("event_created_at"), isoTime(d.eventCreatedAtMs));
    o.insert(QStringLiteral("resource_ids"), QJsonArray::fromStringList(d.resourceIds));
    o.insert(QStringLiteral("uri"), nullIfEmpty(d.uri));
    o.insert(QStringLiteral("webhook_url"), nullIfEmpty(d.webhookUrl));
    QJsonParseError error;
    const QJsonDocument payload = QJsonDocument::fromJson(d.body, &error);
    if (error.error == QJsonParseError::NoError && payload.isObject())
        o.insert(QStringLiteral("payload"), payload.object());
    else
        o.insert(QStringLiteral("payload"), QString::fromUtf8(d.body));
    QJsonArray attempts;
    for (const AttemptDetail &a : d.attempts)
        attempts.append(attemptJson(a));
    o.insert(QStringLiteral("attempts"), attempts);
    o.insert(QStringLiteral("replays"), QJsonArray::fromStringList(d.replays));
    return o;
}

QList<QJsonObject> HistoryExport::harEntries(const DeliveryDetail &d)
{
    QList<QJsonObject> entries;
    // A deleted webhook's URL is unknown; a reserved name keeps the entry valid.
    const QString url = d.webhookUrl.isEmpty()
                            ? QStringLiteral("https://deleted-webhook.invalid/") + d.row.webhookId
                            : d.webhookUrl;
    QJsonArray queryString;
    for (const auto &[name, value] : QUrlQuery(QUrl(url)).queryItems(QUrl::FullyDecoded))
        queryString.append(
            QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    for (const AttemptDetail &a : d.attempts) {
        const qint64 duration = a.durationMs.value_or(0);
        QJsonObject postData{
            {QStringLiteral("mimeType"),
             QString::fromLatin1(headerValue(a.requestHeaders, "Content-Type").isEmpty()
                                     ? QByteArrayLiteral("application/json")
                                     : headerValue(a.requestHeaders, "Content-Type"))},
            {QStringLiteral("text"), QString::fromUtf8(d.body)},
        };
        QJsonObject request{
            {QStringLiteral("method"), QStringLiteral("POST")},
            {QStringLiteral("url"), url},
            {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), harHeaders(a.requestHeaders)},
            {QStringLiteral("queryString"), queryString},
            {QStringLiteral("postData"), postData},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), qint64(d.body.size())},
        };

        QJsonObject content{
            {QStringLiteral("size"), qint64(a.responseBody.size())},
            {QStringLiteral("mimeType"),
             headerValue(a.responseHeaders, "Content-Type").isEmpty()
                 ? QStringLiteral("x-unknown")
                 : QString::fromLatin1(headerValue(a.responseHeaders, "Content-Type"))},
        };
        if (!a.responseBody.isEmpty()) {
            if (const auto text = utf8Text(a.responseBody)) {
                content.insert(QStringLiteral("text"), *text);
            } else {
                content.insert(QStringLiteral("text"),
                               QString::fromLatin1(a.responseBody.toBase64()));
                content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
            }
        }
        if (a.responseTruncated)
            content.insert(QStringLiteral("comment"),
                           QStringLiteral("Body cut at 64 KiB by Hookline."));
        const int status = a.responseStatus.value_or(0);
        QJsonObject response{
            {QStringLiteral("status"), status},
            {QStringLiteral("statusText"), reasonPhrase(status)},
            {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), harHeaders(a.responseHeaders)},
            {QStringLiteral("content"), content},
            {QStringLiteral("redirectURL"),
             QString::fromUtf8(headerValue(a.responseHeaders, "Location"))},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"),
             a.responseStatus ? qint64(a.responseBody.size()) : qint64(-1)},
        };
        if (!a.error.isEmpty())
            response.insert(QStringLiteral("_error"), a.error);

        // Hookline measures one span per attempt; it is reported as waiting for the server.
        QJsonObject timings{
            {QStringLiteral("blocked"), -1}, {QStringLiteral("dns"), -1},
            {QStringLiteral("connect"), -1}, {QStringLiteral("ssl"), -1},
            {QStringLiteral("send"), 0},     {QStringLiteral("wait"), duration},
            {QStringLiteral("receive"), 0},
        };
        QJsonObject entry{
            {QStringLiteral("startedDateTime"), isoTime(a.startedAtMs)},
            {QStringLiteral("time"), duration},
            {QStringLiteral("request"), request},
            {QStringLiteral("response"), response},
            {QStringLiteral("cache"), QJsonObject()},
            {QStringLiteral("timings"), timings},
            {QStringLiteral("comment"), QStringLiteral("%1 to %2, attempt %3: %4")
                                            .arg(d.row.eventType, d.row.webhookName)
                                            .arg(a.attemptNo)
                                            .arg(a.outcome)},
            {QStringLiteral("_hookline"),
             QJsonObject{{QStringLiteral("delivery_id"), d.row.id},
                         {QStringLiteral("attempt"), a.attemptNo},
                         {QStringLiteral("event_id"), d.row.eventId},
                         {QStringLiteral("event"), d.row.eventType},
                         {QStringLiteral("webhook_id"), d.row.webhookId},
                         {QStringLiteral("outcome"), a.outcome},
                         {QStringLiteral("replay_of"), nullIfEmpty(d.row.replayOf)}}},
        };
        entries << entry;
    }
    return entries;
}

Result<ExportResult> HistoryExport::write(const DeliveryFilter &filter, QIODevice *device,
                                          const ExportOptions &options) const
{
    if (!device || !device->isWritable())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("output"),
                     QStringLiteral("The export output is not open for writing.")};
    const auto put = [device](const QByteArray &bytes) -> Status {
        if (device->write(bytes) != bytes.size())
            return Error{ErrorCode::StorageError, QStringLiteral("output"),
                         QStringLiteral("Cannot write the export: %1").arg(device->errorString())};
        return {};
    };
    const bool har = options.format == ExportFormat::Har;
    ExportResult result;
    DeliveryHistory history(m_db);
    DetailOptions detailOptions;
    detailOptions.revealSignatures = options.includeSignatures;

    if (har) {
        const QByteArray head =
            QByteArrayLiteral("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Hookline\","
                              "\"version\":\"" HOOKLINE_VERSION "\"},\"pages\":[],\"entries\":[");
        if (Status s = put(head); !s)
            return s.error();
    }

    const auto writeDetails = [&](const QList<DeliveryDetail> &details) -> Status {
        for (const DeliveryDetail &d : details) {
            ++result.deliveries;
            if (har) {
                for (const QJsonObject &entry : harEntries(d)) {
                    QByteArray bytes = result.entries == 0 ? QByteArray("\n") : QByteArray(",\n");
                    bytes += QJsonDocument(entry).toJson(QJsonDocument::Compact);
                    if (Status s = put(bytes); !s)
                        return s;
                    ++result.entries;
                }
            } else {
                QByteArray line = QJsonDocument(deliveryJson(d)).toJson(QJsonDocument::Compact);
                line += '\n';
                if (Status s = put(line); !s)
                    return s;
                ++result.entries;
            }
        }
        if (options.progress)
            options.progress(result.deliveries);
        return {};
    };
    const int pageSize = std::clamp(options.pageSize, 1, DeliveryHistory::MaxPageSize);

    if (!options.deliveryIds.isEmpty()) {
        for (qsizetype from = 0; from < options.deliveryIds.size(); from += pageSize) {
            if (options.cancel && options.cancel->load()) {
                result.cancelled = true;
                return result;
            }
            auto details = history.details(options.deliveryIds.mid(from, pageSize), detailOptions);
            if (!details)
                return details.error();
            if (Status s = writeDetails(details.value()); !s)
                return s.error();
        }
    } else {
        QString cursor;
        do {
            if (options.cancel && options.cancel->load()) {
                result.cancelled = true;
                return result;
            }
            auto page = history.page(filter, cursor, pageSize);
            if (!page)
                return page.error();
            QStringList ids;
            ids.reserve(page->rows.size());
            for (const DeliveryRow &r : page->rows)
                ids << r.id;
            auto details = history.details(ids, detailOptions);
            if (!details)
                return details.error();
            if (Status s = writeDetails(details.value()); !s)
                return s.error();
            cursor = page->nextCursor;
        } while (!cursor.isEmpty());
    }

    if (har) {
        if (Status s = put(QByteArrayLiteral("\n]}}\n")); !s)
            return s.error();
    }
    return result;
}

} // namespace hookline
