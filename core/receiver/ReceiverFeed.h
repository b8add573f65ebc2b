#pragma once

#include "receiver/ReceivedRequest.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QTimer>

namespace hookline {

// A request refused before it reached the receiver's handler (malformed, too large, too slow).
struct RejectedRequest {
    qint64 atMs = 0;
    QHostAddress remoteAddress;
    int statusCode = 0;
    QString reason;
};

// Received requests for a live list, coalesced: however fast requests arrive, requestsArrived
// is emitted at most once per interval with everything since the last emission, so a view
// inserts rows in a few large steps and stays responsive at thousands of requests per second.
// A lone request is passed on at once (on the next turn of the feed's event loop).
//
// post() may be called from any thread; the signals come from the feed's own thread, so a model
// on the GUI thread can own a feed that a receiver on another thread posts to. When the
// consumer falls behind by more than maxPending requests, the oldest pending ones are skipped
// (they are still recorded) and the next emission says how many.
class ReceiverFeed final : public QObject {
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 75;
    static constexpr int DefaultMaxPending = 50'000;

    explicit ReceiverFeed(QObject *parent = nullptr);
    ~ReceiverFeed() override;

    void setIntervalMs(int ms);
    int intervalMs() const;
    void setMaxPending(int count);

    // Any thread.
    void post(const ReceivedRequest &request);
    // Several at once, in order (one lock for the lot).
    void post(const QList<ReceivedRequest> &requests);
    void postRejected(const RejectedRequest &rejected);
    // Emits what is pending now (on the feed's thread; e.g. before shutting down).
    void flush();

    // Emissions so far (for tests and diagnostics).
    int emissions() const;

signals:
    // `skipped`: requests dropped from this batch because the consumer fell behind.
    void requestsArrived(const QList<hookline::ReceivedRequest> &requests, qint64 skipped);
    void requestsRejected(const QList<hookline::RejectedRequest> &rejected);

private:
    void schedule();

    mutable QMutex m_mutex;
    QList<ReceivedRequest> m_pending;
    QList<RejectedRequest> m_pendingRejected;
    qint64 m_skipped = 0;
    bool m_scheduled = false;
    int m_intervalMs = DefaultIntervalMs;
    int m_maxPending = DefaultMaxPending;
    int m_emissions = 0;
    QElapsedTimer m_sinceEmit; // feed thread only
    QTimer *m_timer;           // a child, so it moves with the feed to another thread
};

} // namespace hookline

Q_DECLARE_METATYPE(hookline::RejectedRequest)
