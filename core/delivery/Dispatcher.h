#pragma once

#include "Clock.h"
#include "delivery/DeliveryStore.h"
#include "delivery/RetrySchedule.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;
class QThread;
class QTimer;

namespace hookline {

class Database;
class WebhookRegistry;

// One attempt as the dispatcher reports it to its front end (a line of `hookline-cli dispatch`,
// a row in the GUI's activity list). Carries no header values: nothing secret leaves the log.
struct AttemptSummary {
    QString deliveryId;
    QString eventId;
    QString eventType;
    QString webhookId;
    QString webhookName;
    int attemptNo = 0;
    std::optional<int> responseStatus;
    QString error;
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
    AttemptOutcome outcome = AttemptOutcome::Failed;
    std::optional<qint64> nextAttemptAtMs; // RetryScheduled only
    bool isTest = false;
};

// Sends due deliveries. Lives on a thread of its own (or on the main thread of a console
// program): every request is asynchronous, so one thread keeps up to maxInFlight requests going.
//
// Each cycle claims due deliveries under a lease (DeliveryStore::claimDue), loads each claimed
// delivery's webhook and signing keys once per claim batch, signs the stored body and POSTs it.
// Results are written back in batches (every flushIntervalMs or flushBatchSize records). When
// nothing is due the dispatcher sleeps until the next delivery is due, but never longer than
// maxPollMs, so events enqueued by another process are noticed.
//
// Requests: redirects are not followed (a 3xx is a failure); TLS is verified, except that a
// webhook marked for local testing with a pinned certificate accepts exactly the errors of a
// peer certificate whose SHA-256 digest equals the pin; the webhook's timeout is a deadline for
// the whole attempt. The response body is kept up to 64 KiB.
//
// Outcomes: 2xx is delivered; 410 gives up (the store disables the webhook); anything else is a
// failure retried on RetrySchedule, honouring Retry-After on 429 and 503. A test event is tried
// once: a failure pauses the webhook (DeliveryStore::recordAttempts) and is not retried.
//
// Threads: create the Dispatcher, move it to its thread, then invoke start() (and pause(),
// resume(), stop()) through queued connections. wake() may be called directly from any thread.
// Every time read goes through the injected Clock, except the wall-time spent waiting (the
// request deadline, the poll interval) and the measured latency of each attempt.
class Dispatcher final : public QObject {
    Q_OBJECT

public:
    struct Options {
        std::shared_ptr<Database> database;
        std::shared_ptr<WebhookRegistry> registry;
        const Clock *clock = nullptr; // default: the system clock
        int maxInFlight = 64;
        // A lease lasts the webhook's timeout plus this margin (DeliveryStore::claimDue).
        qint64 leaseMarginMs = 30'000;
        // Consecutive failed attempts that pause a webhook; 0 never pauses.
        int autoPauseAfterFailures = 5;
        RetrySchedule::Options retry;
        // Longest sleep between two looks at the queue.
        int maxPollMs = 1000;
        int flushIntervalMs = 50;
        int flushBatchSize = 256;
        int statsIntervalMs = 1000;
        // Multiplies every webhook's timeout. Tests only: 1.0 everywhere else.
        double timeoutScale = 1.0;
        // QNetworkAccessManager opens at most six connections per host; each further manager
        // adds six more. Requests beyond the open slots wait in the dispatcher (not inside the
        // manager), so a webhook's deadline only runs once its request is really under way.
        int networkManagers = 2;
        // Empty: "<host>:<pid>:<random>".
        QString ownerId;
    };

    explicit Dispatcher(Options options, QObject *parent = nullptr);
    ~Dispatcher() override;

    // Who holds this dispatcher's leases in the database.
    QString ownerId() const { return m_owner; }
    static QString makeOwnerId();

    // Thread-safe snapshots for front ends on other threads.
    bool isRunning() const;
    bool isPaused() const;

    // What the attempt log stores for the auth header's value: "Bearer [redacted]",
    // "Basic [redacted]", or "[redacted]" (api_key, custom_header).
    static QByteArray redactedAuthValue(AuthType type);

public slots:
    void start();
    // Stops claiming; requests already sent finish and are recorded. Deliveries claimed but not
    // sent yet go back to the queue.
    void pause();
    void resume();
    // Aborts requests in flight, writes what has been recorded and gives back every lease this
    // dispatcher holds, so another dispatcher can send those deliveries at once.
    void stop();
    // Look for due work now (a new event was enqueued, a clock moved). Any thread.
    void wake();
    // Consecutive failed attempts that pause a webhook from now on; 0 never pauses.
    void setAutoPauseAfterFailures(int failures);

signals:
    void started();
    void stopped();
    void attemptsRecorded(const QList<hookline::AttemptSummary> &attempts);
    void webhookStatusChanged(const QString &webhookId, hookline::WebhookStatus status,
                              const QString &reason);
    void statsChanged(const hookline::QueueStats &stats);
    // Nothing is due now, nothing of this dispatcher is in flight and every result is written.
    // Emitted after each look at the queue that finds it so (at most about once per maxPollMs
    // while nothing happens).
    void idle();
    void error(const QString &message);

private:
    struct InFlight;
    struct WebhookContext;
    // A claimed delivery waiting for a free connection slot to its host.
    struct Waiting {
        ClaimedDelivery claim;
        std::shared_ptr<WebhookContext> webhook;
    };
    // What the store thread answers to a claim.
    struct ClaimResult {
        QList<Waiting> claimed;
        // Set when fewer than asked were due: when the next one is (none: nothing queued).
        std::optional<qint64> nextDueAtMs;
        qint64 lookedAtMs = 0;
        QString error;
    };

    void pump();
    void schedulePump(int delayMs);
    int busy() const;
    int claimBatch() const;
    void onStoreThread(std::function<void()> work);
    void requestClaim(int room);
    void onClaimed(int room, const ClaimResult &result);
    std::shared_ptr<WebhookContext>
    loadWebhook(const QString &webhookId,
                QHash<QString, std::shared_ptr<WebhookContext>> &cache) const;
    void sendWaiting();
    void send(const Waiting &waiting, int manager);
    void finishUnsent(const Waiting &waiting);
    void releaseSlot(const QString &hostKey, int manager);
    void applyRetryPolicy(AttemptRecord &record, const ClaimedDelivery &claim, int retryAttempts,
                          const QByteArray &retryAfter);
    static void readBody(InFlight &flight, QNetworkReply *reply);
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors);
    void onTimeout(QNetworkReply *reply);
    void finishAttempt(AttemptRecord record, const InFlight &flight);
    void flush();
    void onRecorded(const QList<AttemptRecord> &records, const QList<AttemptSummary> &summaries,
                    const Result<QList<WebhookStatusChange>> &changes);
    void emitStats();
    // Returns claimed deliveries that will not be sent now to the queue, due at once.
    void giveBack(const QList<Waiting> &claimed);
    // Records the waiting deliveries of a webhook that was deleted or disabled as cancelled.
    void cancelWaiting(const QString &webhookId, const QString &reason);
    void checkIdle();

    Options m_options;
    const Clock *m_clock;
    QString m_owner;
    DeliveryStore m_store;
    RetrySchedule m_retry;

    QList<QNetworkAccessManager *> m_managers;
    QTimer *m_pumpTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_statsTimer = nullptr;
    // Claims, attempt records and statistics run here, in order, on the store's own connection.
    QThread *m_storeThread = nullptr;
    QObject *m_storeContext = nullptr;
    QHash<QNetworkReply *, InFlight *> m_inFlight;
    // Claimed, waiting for a connection slot to their host.
    QList<Waiting> m_waiting;
    // Requests under way per "host:port", per manager (at most six each).
    QHash<QString, QList<int>> m_slots;
    QList<AttemptRecord> m_records;
    QList<AttemptSummary> m_summaries;

    // Written on the dispatcher's thread, read by isRunning()/isPaused() from any thread.
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_paused{false};
    bool m_stopping = false;
    // Slots asked for by a claim the store thread has not answered yet.
    int m_claimPending = 0;
    // Record batches handed to the store thread and not yet written.
    int m_writesPending = 0;
    bool m_statsPending = false;
    // The last claim filled every free slot: more may be due.
    bool m_moreDue = false;
    // The last claim found fewer due than it asked for.
    bool m_drained = false;
};

} // namespace hookline

Q_DECLARE_METATYPE(hookline::AttemptSummary)
Q_DECLARE_METATYPE(hookline::QueueStats)
