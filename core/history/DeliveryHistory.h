#pragma once

#include "Clock.h"
#include "Result.h"
#include "delivery/DeliveryStore.h"
#include "history/DeliveryQuery.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace hookline {

class Database;
class WebhookRegistry;

// One line of the history list.
struct DeliveryRow {
    QString id;
    qint64 createdAtMs = 0;
    QString eventId;
    QString eventType;
    QString webhookId;
    QString webhookName; // as it was when the delivery was enqueued
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0;
    std::optional<int> lastResponseStatus;
    std::optional<qint64> lastLatencyMs;
    QString lastError;
    QString replayOf;                      // the original delivery, for a replay
    std::optional<qint64> nextAttemptAtMs; // pending and retry_scheduled
    std::optional<qint64> deliveredAtMs;   // end of the successful attempt
    bool isTest = false;

    DeliveryCursor cursor() const { return {createdAtMs, id}; }
};

struct DeliveryPage {
    QList<DeliveryRow> rows;
    // Pass back to page() for the next (older) rows; empty at the end of the history.
    QString nextCursor;
};

struct AttemptDetail {
    int attemptNo = 0;
    qint64 startedAtMs = 0;
    std::optional<qint64> durationMs;
    HeaderPairs requestHeaders; // redacted as DetailOptions asks
    std::optional<int> responseStatus;
    HeaderPairs responseHeaders;
    QByteArray responseBody; // at most 64 KiB, as stored
    bool responseTruncated = false;
    QString error;
    QString outcome; // delivered, failed, retry_scheduled, gave_up, cancelled
};

struct DeliveryDetail {
    DeliveryRow row;
    QString systemId;
    qint64 eventCreatedAtMs = 0;
    QStringList resourceIds;
    QString uri;
    QByteArray body;               // the exact bytes sent (and signed)
    QList<AttemptDetail> attempts; // by attempt number
    QStringList replays;           // deliveries replaying this one, newest first
    // The webhook as it is now; empty when it was deleted.
    QString webhookUrl;
    QString currentWebhookName;

    // The payload indented for reading (the body itself when it is not JSON).
    QString prettyBody() const;
    // Any bytes indented the same way: JSON re-indented with its keys in their order, anything
    // else as UTF-8 text (a response body, say).
    static QString prettyText(const QByteArray &bytes);
};

struct DetailOptions {
    // Show signature header values (never credentials: those are stored redacted).
    bool revealSignatures = false;
};

// Success rate and latency of a webhook's attempts in one time window. Latency counts attempts
// that got an HTTP response; the success rate counts every attempt (delivered / all).
struct LatencyWindow {
    qint64 fromMs = 0;
    qint64 toMs = 0; // exclusive
    int attempts = 0;
    int delivered = 0;
    int failed = 0;                    // anything but delivered
    std::optional<double> successRate; // 0..1; empty without attempts
    std::optional<qint64> p50Ms;
    std::optional<qint64> p95Ms;
};

struct WebhookStats {
    QString webhookId;
    qint64 nowMs = 0;
    LatencyWindow last24h;
    LatencyWindow last7d;
    QList<LatencyWindow> hourly; // 24 buckets, oldest first, the last one ending now
    QList<LatencyWindow> daily;  // 7 buckets, oldest first, the last one ending now
};

struct CurlOptions {
    int attemptNo = 0; // 0: the last attempt
    // Put the webhook's real auth header value in the command (taken from the webhook's
    // current credentials through `registry`). Without it the stored redacted value is shown.
    bool includeSecrets = false;
    const WebhookRegistry *registry = nullptr;
    // End with --data-binary @- (the caller pipes the body) instead of a quoted literal.
    bool bodyFromStdin = false;
};

// Read side of delivery history, for a table model and the CLI: keyset pages in history order
// (newest first), counts, one delivery's detail, per-webhook statistics and "copy as cURL".
// Every call runs its own statements and finishes them before returning: no read transaction
// stays open between calls. Safe from any thread (each uses its own connection).
class DeliveryHistory {
public:
    explicit DeliveryHistory(std::shared_ptr<Database> db, const Clock *clock = nullptr);

    static constexpr int DefaultPageSize = 50;
    static constexpr int MaxPageSize = 1000;

    // The rows after `cursor` (empty: from the newest). Rows inserted meanwhile never shift a
    // page: keys older than the cursor are stable, so paging yields no duplicates or gaps.
    Result<DeliveryPage> page(const DeliveryFilter &filter, const QString &cursor = {},
                              int limit = DefaultPageSize) const;
    // Rows newer than `cursor` (e.g. the first row a view shows), newest first, at most `limit`
    // of them, the ones nearest the cursor: for a live view that prepends arrivals.
    Result<QList<DeliveryRow>> newer(const DeliveryFilter &filter, const DeliveryCursor &cursor,
                                     int limit = DefaultPageSize) const;
    Result<qint64> count(const DeliveryFilter &filter) const;

    // A full id, or a unique prefix of at least 6 characters.
    Result<QString> resolveId(const QString &idOrPrefix) const;
    Result<DeliveryRow> row(const QString &deliveryId) const;
    Result<DeliveryDetail> detail(const QString &deliveryId,
                                  const DetailOptions &options = {}) const;
    // Detail of several deliveries in few queries (export), in the order given; ids not found
    // are left out.
    Result<QList<DeliveryDetail>> details(const QStringList &deliveryIds,
                                          const DetailOptions &options = {}) const;

    Result<WebhookStats> webhookStats(const QString &webhookId) const;

    // A POSIX shell command that sends the attempt's exact request again: URL, POST, every
    // header as sent (signatures included, they are what a receiver verifies) and the stored
    // body byte for byte. Timestamped signatures (standard-webhooks, stripe) are rejected by a
    // receiver once outside its tolerance.
    Result<QString> curlCommand(const QString &deliveryId, const CurlOptions &options = {}) const;

    // Quoting for a POSIX shell: 'text' with ' written as '\''.
    static QString shellQuote(const QByteArray &text);

private:
    std::shared_ptr<Database> m_db;
    const Clock *m_clock;
};

} // namespace hookline
