#include "BackgroundDispatcher.h"

#include <QThread>

namespace hookline {

BackgroundDispatcher::BackgroundDispatcher(QObject *parent)
    : QObject(parent)
{}

BackgroundDispatcher::~BackgroundDispatcher()
{
    stop();
}

void BackgroundDispatcher::start(Dispatcher::Options options)
{
    if (m_dispatcher)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("hookline-dispatcher"));
    auto *dispatcher = new Dispatcher(std::move(options));
    dispatcher->moveToThread(m_thread);
    m_dispatcher = dispatcher;
    // Deleted on its own thread once the thread's loop has ended (its database connection and
    // network managers belong to that thread).
    connect(m_thread, &QThread::finished, dispatcher, &QObject::deleteLater);

    connect(dispatcher, &Dispatcher::attemptsRecorded, this,
            &BackgroundDispatcher::attemptsRecorded);
    connect(dispatcher, &Dispatcher::webhookStatusChanged, this,
            &BackgroundDispatcher::webhookStatusChanged);
    connect(dispatcher, &Dispatcher::statsChanged, this, [this](const QueueStats &stats) {
        m_stats = stats;
        emit statsChanged(stats);
    });
    connect(dispatcher, &Dispatcher::error, this, &BackgroundDispatcher::error);

    m_thread->start();
    QMetaObject::invokeMethod(dispatcher, &Dispatcher::start, Qt::QueuedConnection);
    if (m_paused)
        QMetaObject::invokeMethod(dispatcher, &Dispatcher::pause, Qt::QueuedConnection);
}

void BackgroundDispatcher::stop()
{
    if (!m_thread)
        return;
    if (m_dispatcher) {
        // Aborts what is in flight, writes what was recorded and gives the leases back, so the
        // CLI (or the next start) can send those deliveries at once.
        QMetaObject::invokeMethod(m_dispatcher, &Dispatcher::stop, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_dispatcher = nullptr;
}

void BackgroundDispatcher::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (m_dispatcher)
        QMetaObject::invokeMethod(m_dispatcher, paused ? &Dispatcher::pause : &Dispatcher::resume,
                                  Qt::QueuedConnection);
    emit pausedChanged(paused);
}

void BackgroundDispatcher::setAutoPauseAfterFailures(int failures)
{
    if (m_dispatcher)
        QMetaObject::invokeMethod(
            m_dispatcher, [d = m_dispatcher, failures] { d->setAutoPauseAfterFailures(failures); },
            Qt::QueuedConnection);
}

void BackgroundDispatcher::wake()
{
    if (m_dispatcher)
        m_dispatcher->wake(); // thread-safe: it queues the look to the dispatcher's thread
}

} // namespace hookline
