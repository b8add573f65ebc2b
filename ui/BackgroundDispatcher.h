#pragma once

#include "delivery/Dispatcher.h"

#include <QObject>

class QThread;

namespace hookline {

// The GUI's dispatcher: a Dispatcher on a thread of its own, so the GUI thread never waits on a
// request or on the attempt log. Its signals arrive on the GUI thread (queued).
class BackgroundDispatcher final : public QObject {
    Q_OBJECT

public:
    explicit BackgroundDispatcher(QObject *parent = nullptr);
    // Stops the dispatcher and waits for its thread.
    ~BackgroundDispatcher() override;

    // Creates the dispatcher on a new thread and starts it; does nothing while one runs.
    void start(Dispatcher::Options options);
    // Gives the dispatcher's leases back and ends its thread. Blocks until it has.
    void stop();

    bool isRunning() const { return m_dispatcher != nullptr; }
    // As asked for on the GUI thread (the dispatcher follows within one event loop turn).
    bool isPaused() const { return m_paused; }
    // The dispatcher's thread, null when stopped (tests check it is not the GUI thread).
    QThread *workerThread() const { return m_thread; }
    // The latest figures the dispatcher reported.
    const QueueStats &stats() const { return m_stats; }

public slots:
    void setPaused(bool paused);
    // Look for due work now (an event was just queued).
    void wake();
    // The auto-pause threshold, applied by the running dispatcher without a restart.
    void setAutoPauseAfterFailures(int failures);

signals:
    void pausedChanged(bool paused);
    void attemptsRecorded(const QList<hookline::AttemptSummary> &attempts);
    void webhookStatusChanged(const QString &webhookId, hookline::WebhookStatus status,
                              const QString &reason);
    void statsChanged(const hookline::QueueStats &stats);
    void error(const QString &message);

private:
    QThread *m_thread = nullptr;
    // Lives on m_thread; deleted there when the thread ends (only stop() ends it).
    Dispatcher *m_dispatcher = nullptr;
    QueueStats m_stats;
    bool m_paused = false;
};

} // namespace hookline
