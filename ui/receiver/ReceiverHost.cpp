#include "ReceiverHost.h"

#include "ReceivedRequestsModel.h"
#include "Session.h"
#include "receiver/ReceiverCertificate.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QPointer>
#include <QThread>

#include <utility>

namespace hookline {

namespace {

struct StartOutcome {
    ReceiverStarted started;
    QString certificateDescription;
};

Result<StartOutcome> startOn(Receiver &receiver, const ReceiverLaunch &launch,
                             const std::shared_ptr<Session> &session)
{
    ReceiverConfig config;
    config.id = launch.id;
    config.host = launch.host;
    config.record = launch.record;
    switch (launch.certificate) {
    case ReceiverLaunch::Certificate::None:
        break;
    case ReceiverLaunch::Certificate::Generated: {
        auto certificate = ReceiverCertificate::loadOrGenerate(*session->database, *session->vault,
                                                               session->registry->clock());
        if (!certificate)
            return certificate.error();
        config.tls = certificate.value();
        break;
    }
    case ReceiverLaunch::Certificate::Files: {
        auto certificate =
            ReceiverCertificate::fromPemFiles(launch.certificatePath, launch.keyPath);
        if (!certificate)
            return certificate.error();
        config.tls = certificate.value();
        break;
    }
    }
    const int attempts = launch.port == 0 ? 1 : std::max(launch.portAttempts, 1);
    std::optional<Error> error;
    for (int i = 0; i < attempts && launch.port + i <= 65535; ++i) {
        config.port = quint16(launch.port + i);
        auto started = receiver.start(config);
        if (started)
            return StartOutcome{started.value(), config.tls ? config.tls->description : QString()};
        error = started.error();
        // Only a port in use is worth another try.
        if (error->code != ErrorCode::Conflict || error->field != QLatin1String("port"))
            break;
    }
    return *error;
}

} // namespace

ReceiverHost::ReceiverHost(std::shared_ptr<Session> session, Placement placement, QObject *parent)
    : QObject(parent)
    , m_session(std::move(session))
    , m_requests(new ReceivedRequestsModel(this))
{
    Receiver::Options options;
    options.database = m_session->database;
    options.registry = m_session->registry;
    options.clock = &m_session->registry->clock();
    if (placement == Placement::OwnThread) {
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("hookline-receiver"));
        m_thread->start();
        // Made on its thread: the server's listening socket is not a child that moveToThread()
        // would take along.
        auto *starter = new QObject;
        starter->moveToThread(m_thread);
        QMetaObject::invokeMethod(
            starter,
            [this, &options, starter] {
                m_receiver = new Receiver(options);
                starter->deleteLater();
            },
            Qt::BlockingQueuedConnection);
    } else {
        m_receiver = new Receiver(options);
    }
    // Queued across threads: the feed emits on the receiver's thread.
    connect(m_receiver->feed(), &ReceiverFeed::requestsArrived, this,
            &ReceiverHost::onRequestsArrived);
    connect(m_receiver->feed(), &ReceiverFeed::requestsRejected, this,
            [this](const QList<RejectedRequest> &rejected) {
                m_counts.rejected += rejected.size();
                emit countsChanged();
                emit requestsRejected(rejected);
            });
}

ReceiverHost::~ReceiverHost()
{
    stopAndWait();
    // What the final flush emitted is in the database; nobody is left to show it.
    disconnect(m_receiver->feed(), nullptr, this, nullptr);
    if (m_thread) {
        QMetaObject::invokeMethod(
            m_receiver, [receiver = m_receiver] { delete receiver; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    } else {
        delete m_receiver;
    }
}

QThread *ReceiverHost::receiverThread() const
{
    return m_receiver->thread();
}

template <typename R>
void ReceiverHost::onReceiverThread(std::function<R()> work, QObject *context,
                                    std::function<void(R)> done)
{
    // The answer is posted to this host: events posted to one object from one thread arrive in
    // order, so callbacks run in the order the calls were made, after any feed batch emitted
    // before them. Posted events die with the host; the receiver's thread outlives neither.
    QMetaObject::invokeMethod(
        m_receiver,
        [this, work = std::move(work), guard = QPointer<QObject>(context),
         done = std::move(done)]() mutable {
            R result = work();
            QMetaObject::invokeMethod(
                this,
                [guard, done = std::move(done), result = std::move(result)]() mutable {
                    if (guard)
                        done(std::move(result));
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ReceiverHost::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void ReceiverHost::start(const ReceiverLaunch &launch, QObject *context,
                         Callback<ReceiverStarted> done)
{
    if (m_state != State::Stopped) {
        done(Error{ErrorCode::Conflict, QStringLiteral("receiver"),
                   tr("This receiver is already running; stop it before starting it again.")});
        return;
    }
    m_launch = launch;
    if (!launch.id.isEmpty())
        m_id = launch.id;
    setState(State::Starting);
    QPointer<QObject> guard(context);
    const int generation = ++m_generation;
    onReceiverThread<Result<StartOutcome>>(
        [receiver = m_receiver, launch, session = m_session] {
            return startOn(*receiver, launch, session);
        },
        this,
        [this, guard, generation, done = std::move(done)](Result<StartOutcome> outcome) {
            if (generation != m_generation) // stopAndWait() came in between
                return;
            if (!outcome) {
                setState(State::Stopped);
                if (guard)
                    done(outcome.error());
                return;
            }
            m_started = outcome->started;
            m_certificateDescription = outcome->certificateDescription;
            m_id = m_started.id;
            m_launch.port = quint16(m_started.url.port());
            m_launch.id = m_id;
            setState(State::Listening);
            if (guard)
                done(m_started);
        });
}

void ReceiverHost::stop()
{
    if (m_state != State::Listening)
        return;
    setState(State::Stopping);
    onReceiverThread<bool>(
        [receiver = m_receiver] {
            receiver->stop();
            return true;
        },
        this, [this](bool) { setState(State::Stopped); });
}

void ReceiverHost::stopAndWait()
{
    ++m_generation;
    const auto stopReceiver = [receiver = m_receiver] { receiver->stop(); };
    if (m_receiver->thread() == QThread::currentThread())
        stopReceiver();
    else
        // Receiver::stop() never waits on the GUI thread (its feed lives on its own thread), so
        // this cannot deadlock.
        QMetaObject::invokeMethod(m_receiver, stopReceiver, Qt::BlockingQueuedConnection);
    setState(State::Stopped);
}

void ReceiverHost::onRequestsArrived(const QList<ReceivedRequest> &requests, qint64 skipped)
{
    m_counts.received += requests.size() + skipped;
    m_counts.notShown += skipped;
    for (const ReceivedRequest &r : requests) {
        if (r.verdict.verified())
            ++m_counts.verified;
        else if (r.verdict.outcome != Verdict::Outcome::NotChecked &&
                 r.verdict.outcome != Verdict::Outcome::NoSecrets)
            ++m_counts.failed;
    }
    m_requests->addLive(requests);
    emit countsChanged();
}

Status ReceiverHost::addSecret(SignatureScheme scheme, const QString &secret, const QString &label)
{
    // The receiver guards its secrets with a mutex: this call does not wait on its thread.
    Status status = m_receiver->addSecret(scheme, secret, label);
    if (status)
        emit verificationChanged();
    return status;
}

bool ReceiverHost::removeSecret(qsizetype index)
{
    const bool removed = m_receiver->removeSecret(index);
    if (removed)
        emit verificationChanged();
    return removed;
}

QList<AttachedSecretView> ReceiverHost::secrets() const
{
    QList<AttachedSecretView> out;
    for (const ReceiverSecret &s : m_receiver->secrets())
        out.append({s.scheme, s.secret.label, s.secret.secret.size()});
    return out;
}

void ReceiverHost::attachWebhook(const QString &webhookId, QObject *context,
                                 Callback<AttachedWebhook> done)
{
    QPointer<QObject> guard(context);
    onReceiverThread<Result<AttachedWebhook>>(
        [receiver = m_receiver, webhookId] { return receiver->attachWebhook(webhookId); }, this,
        [this, guard, done = std::move(done)](Result<AttachedWebhook> result) {
            if (result)
                emit verificationChanged();
            if (guard)
                done(std::move(result));
        });
}

bool ReceiverHost::detachWebhook(const QString &webhookId)
{
    const bool detached = m_receiver->detachWebhook(webhookId);
    if (detached)
        emit verificationChanged();
    return detached;
}

QList<AttachedWebhook> ReceiverHost::webhooks() const
{
    return m_receiver->webhooks();
}

QList<SignatureScheme> ReceiverHost::schemes() const
{
    QList<SignatureScheme> out;
    for (const ReceiverSecret &s : m_receiver->secrets())
        if (!out.contains(s.scheme))
            out << s.scheme;
    for (const AttachedWebhook &w : m_receiver->webhooks())
        if (!out.contains(w.scheme))
            out << w.scheme;
    return out;
}

Status ReceiverHost::setResponseRules(const QList<ResponseRule> &rules,
                                      const ResponseRule &fallback)
{
    for (qsizetype i = 0; i < rules.size(); ++i)
        if (Status s = rules.at(i).check(); !s)
            return Error{s.error().code,
                         QStringLiteral("rule %1 %2").arg(i + 1).arg(s.error().field),
                         s.error().message};
    ResponseRule any = fallback;
    any.path = QStringLiteral("*");
    if (Status s = any.check(); !s)
        return Error{s.error().code, QStringLiteral("default %1").arg(s.error().field),
                     s.error().message};
    m_rules = rules;
    m_fallback = any;
    // The plan belongs to the receiver's thread; nothing there can fail after the checks above.
    onReceiverThread<bool>(
        [receiver = m_receiver, rules, any] {
            Status s = receiver->setResponseRules(rules, any);
            if (!s)
                qWarning("hookline: response rules refused: %s", qPrintable(s.error().toString()));
            return bool(s);
        },
        this,
        [this](bool applied) {
            if (applied)
                emit responseRulesApplied();
        });
    return {};
}

void ReceiverHost::verify(const ReceivedRequest &request, bool revealExpected, QObject *context,
                          std::function<void(Verdict)> done)
{
    onReceiverThread<Verdict>(
        [receiver = m_receiver, request, revealExpected] {
            return receiver->verify(request, revealExpected);
        },
        context, std::move(done));
}

void ReceiverHost::createTestWebhook(SignatureScheme scheme, QObject *context,
                                     Callback<TestWebhook> done)
{
    QPointer<QObject> guard(context);
    onReceiverThread<Result<TestWebhook>>(
        [receiver = m_receiver, scheme] {
            TestWebhookOptions options;
            options.scheme = scheme;
            return createTestWebhookFor(*receiver, options);
        },
        this,
        [this, guard, done = std::move(done)](Result<TestWebhook> result) {
            if (result)
                emit verificationChanged();
            if (guard)
                done(std::move(result));
        });
}

} // namespace hookline
