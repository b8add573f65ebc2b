#pragma once

#include "Result.h"
#include "delivery/OutgoingEvent.h"
#include "model/Webhook.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>
#include <optional>

namespace hookline {

class Database;

enum class DeliveryStatus { Pending, InFlight, RetryScheduled, Delivered, Failed, Cancelled };
QString deliveryStatusName(DeliveryStatus status);
std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name);

// What one attempt ended as (the attempt log's "outcome").
enum class AttemptOutcome { Delivered, Failed, RetryScheduled, GaveUp, Cancelled };
QString attemptOutcomeName(AttemptOutcome outcome);
// What a delivery's status becomes once an attempt ends this way.
DeliveryStatus deliveryStatusAfter(AttemptOutcome outcome);

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

// A delivery this dispatcher holds the lease on: everything needed to send one attempt.
struct ClaimedDelivery {
    QString deliveryId;
    QString eventId;
    QString eventType;
    QString webhookId;
    int attemptNo = 0;   // 1-based number of the attempt about to be made
    QByteArray body;     // the event's stored bytes
    bool isTest = false; // a webhook's test event: a failure pauses the webhook
    qint64 leaseUntilMs = 0;
};

// The result of one attempt, written back by the dispatcher.
struct AttemptRecord {
    QString deliveryId;
    QString webhookId;
    int attemptNo = 0;
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
    // As sent, with the auth header's value already redacted (never stored in plaintext).
    HeaderPairs requestHeaders;
    std::optional<int> responseStatus;
    HeaderPairs responseHeaders;
    QByteArray responseBody; // at most 64 KiB
    bool responseTruncated = false;
    QString error; // timeout, TLS, connection, redirect...
    AttemptOutcome outcome = AttemptOutcome::Failed;
    // For RetryScheduled: when to try again.
    std::optional<qint64> nextAttemptAtMs;
    bool isTest = false;
};

struct EnqueueOptions {
    bool isTest = false;
    QString replayOf; // original delivery id, for replays
};

struct EnqueuedEvent {
    OutgoingEvent event;
    QStringList deliveryIds;
    QStringList webhookIds;
};

struct QueueStats {
    int queued = 0; // pending or waiting for a retry
    int inFlight = 0;
    int deliveredLastMinute = 0;
    int failedLastMinute = 0; // attempts that failed in the last minute
};

// What happened to a webhook as a result of recorded attempts (for notifications).
struct WebhookStatusChange {
    QString webhookId;
    WebhookStatus status = WebhookStatus::Active;
    QString reason;
};

// The SQL behind delivery: events and their deliveries are committed before any request is made;
// dispatchers claim due deliveries under a lease inside a write transaction, so two processes on
// one database never send the same attempt; results are written back in batches.
class DeliveryStore {
public:
    struct Options {
        int autoPauseAfterFailures = 5; // consecutive failed attempts; 0 disables auto-pause
        // When a claim takes over a delivery whose lease ran out, log the attempt the dead
        // dispatcher made (it may have reached the receiver) as failed with "interrupted", so
        // attempt numbers in the log stay sequential. It does not count towards auto-pause.
        bool logInterruptedAttempts = false;
    };

    explicit DeliveryStore(std::shared_ptr<Database> db);
    DeliveryStore(std::shared_ptr<Database> db, Options options);

    // Stores the event and one pending delivery per target, in one transaction; due at once.
    Result<EnqueuedEvent> enqueue(const OutgoingEvent &event, const QList<Webhook> &targets,
                                  qint64 nowMs, const EnqueueOptions &options = {});

    // Leases up to `limit` due deliveries to `owner` and counts the attempt. A lease lasts the
    // webhook's timeout plus `leaseMarginMs`, so it cannot run out while the request may still
    // be answered.
    // Due: pending or retry_scheduled with next_attempt_at <= now whose webhook is active, or
    // in_flight whose lease has expired (the process holding it died).
    Result<QList<ClaimedDelivery>> claimDue(const QString &owner, qint64 nowMs, int limit,
                                            qint64 leaseMarginMs);

    // Writes attempts and the deliveries' new state in one transaction. A record whose lease was
    // lost (owner differs: another dispatcher reclaimed it) is dropped, not applied. Updates the
    // webhooks' last delivery time/status and consecutive failures; pauses a webhook that reached
    // the auto-pause threshold or failed its test event; disables one that answered 410 Gone.
    Result<QList<WebhookStatusChange>>
    recordAttempts(const QString &owner, const QList<AttemptRecord> &records, qint64 nowMs);

    // Gives back leases this owner still holds (clean shutdown): they become due again now.
    Status releaseLeases(const QString &owner, qint64 nowMs);
    // Gives back these deliveries only, if this owner still holds them (claimed, then held
    // back by a pause before they were sent).
    Status releaseLeases(const QString &owner, qint64 nowMs, const QStringList &deliveryIds);

    // The earliest time a delivery becomes due (for the dispatcher's sleep), if any.
    Result<std::optional<qint64>> nextDueAtMs(qint64 nowMs);
    Result<QueueStats> stats(qint64 nowMs);

    // Applies to attempts recorded from now on.
    void setAutoPauseAfterFailures(int failures) { m_options.autoPauseAfterFailures = failures; }

private:
    std::shared_ptr<Database> m_db;
    Options m_options;
};

} // namespace hookline
