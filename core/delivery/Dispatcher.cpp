#include "Dispatcher.h"

#include "registry/WebhookRegistry.h"
#include "signing/WebhookSigner.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <climits>
#include <cmath>
#include <utility>

namespace hookline {
namespace {

constexpr qint64 kMaxResponseBody = 64 * 1024;
// QNetworkAccessManager's fixed number of HTTP/1.1 connections per host and manager.
constexpr int kConnectionsPerHost = 6;

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QString host = url.host().contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + url.host() + QLatin1Char(']')
                             : url.host();
    return host + QLatin1Char(':') + QString::number(port);
}

// "a1b2…" → "a1:b2:…", the way browsers and openssl print fingerprints.
QString colonHex(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':'));
}

QString secondsText(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

} // namespace

// The webhook as loaded for one claim batch, with what the dispatcher derives from it.
struct Dispatcher::WebhookContext {
    std::optional<Webhook> webhook;
    QList<SigningKey> keys;
    // Set when the claimed deliveries must not be sent: the webhook is gone or disabled.
    QString cancelReason;
    // Set when the webhook could not be loaded for another reason (storage, key): a failure.
    QString loadError;
    QUrl url;
    QString hostKey; // "host:port": requests are limited per host
};

struct Dispatcher::InFlight {
    ClaimedDelivery claim;
    std::shared_ptr<WebhookContext> webhook;
    int manager = 0;
    HeaderPairs requestHeaders; // as stored: auth redacted
    qint64 startedAtMs = 0;
    QElapsedTimer elapsed;
    qint64 timeoutMs = 0;
    QTimer *deadline = nullptr;
    QByteArray body;
    bool truncated = false;
    bool timedOut = false;
    QStringList tlsProblems;
};

QString Dispatcher::makeOwnerId()
{
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    return QStringLiteral("%1:%2:%3")
        .arg(host)
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

QByteArray Dispatcher::redactedAuthValue(AuthType type)
{
    switch (type) {
    case AuthType::Bearer:
        return QByteArrayLiteral("Bearer [redacted]");
    case AuthType::Basic:
        return QByteArrayLiteral("Basic [redacted]");
    case AuthType::None:
    case AuthType::ApiKey:
    case AuthType::CustomHeader:
        break;
    }
    return QByteArrayLiteral("[redacted]");
}

Dispatcher::Dispatcher(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : SystemClock::instance())
    , m_owner(m_options.ownerId.isEmpty() ? makeOwnerId() : m_options.ownerId)
    , m_store(m_options.database, DeliveryStore::Options{m_options.autoPauseAfterFailures, true})
    , m_retry(m_options.retry)
{
    qRegisterMetaType<hookline::AttemptSummary>();
    qRegisterMetaType<QList<hookline::AttemptSummary>>();
    qRegisterMetaType<hookline::QueueStats>();
    qRegisterMetaType<hookline::WebhookStatus>();
    m_options.maxInFlight = std::max(1, m_options.maxInFlight);
    m_options.networkManagers = std::max(1, m_options.networkManagers);
    m_options.maxPollMs = std::max(10, m_options.maxPollMs);
    m_options.flushBatchSize = std::max(1, m_options.flushBatchSize);
}

Dispatcher::~Dispatcher()
{
    // Without stop(), requests still running die with their managers and their leases run out
    // on their own.
    for (InFlight *flight : std::as_const(m_inFlight))
        delete flight;
    m_inFlight.clear();
    if (m_storeThread) {
        m_storeThread->quit();
        m_storeThread->wait();
        delete m_storeContext;
    }
}

bool Dispatcher::isRunning() const
{
    return m_running.load();
}

bool Dispatcher::isPaused() const
{
    return m_paused.load();
}

void Dispatcher::setAutoPauseAfterFailures(int failures)
{
    m_options.autoPauseAfterFailures = failures;
    // The store records attempts on its own thread; it takes the new threshold in turn there.
    if (m_storeContext)
        onStoreThread([this, failures] { m_store.setAutoPauseAfterFailures(failures); });
    else
        m_store.setAutoPauseAfterFailures(failures);
}

void Dispatcher::onStoreThread(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_storeContext, std::move(work), Qt::QueuedConnection);
}

void Dispatcher::start()
{
    if (m_running)
        return;
    if (!m_options.database || !m_options.registry) {
        emit error(QStringLiteral("The dispatcher needs a database and a registry."));
        return;
    }
    if (m_managers.isEmpty()) {
        for (int i = 0; i < m_options.networkManagers; ++i) {
            auto *manager = new QNetworkAccessManager(this);
            // Each request also turns off cookies and the cache: a delivery carries only the
            // headers the webhook configures.
            manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            manager->setAutoDeleteReplies(false);
            m_managers << manager;
        }
        m_pumpTimer = new QTimer(this);
        m_pumpTimer->setSingleShot(true);
        connect(m_pumpTimer, &QTimer::timeout, this, &Dispatcher::pump);
        m_flushTimer = new QTimer(this);
        m_flushTimer->setSingleShot(true);
        connect(m_flushTimer, &QTimer::timeout, this, &Dispatcher::flush);
        m_statsTimer = new QTimer(this);
        connect(m_statsTimer, &QTimer::timeout, this, &Dispatcher::emitStats);
        // The database work runs on a thread of its own, so a long write never holds up the
        // requests: replies keep being read and new requests sent while attempts are recorded.
        m_storeThread = new QThread(this);
        m_storeThread->setObjectName(QStringLiteral("hookline-store"));
        m_storeContext = new QObject;
        m_storeContext->moveToThread(m_storeThread);
        m_storeThread->start();
    }
    m_stopping = false;
    m_drained = false;
    m_running = true;
    m_statsTimer->start(std::max(50, m_options.statsIntervalMs));
    emit started();
    emitStats();
    schedulePump(0);
}

void Dispatcher::pause()
{
    m_paused = true;
    if (m_pumpTimer)
        m_pumpTimer->stop();
    // Claimed but not sent yet (waiting for a connection to a busy host): held too. A claim
    // still under way is given back when it answers (onClaimed).
    giveBack(std::exchange(m_waiting, {}));
}

void Dispatcher::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    schedulePump(0);
}

void Dispatcher::wake()
{
    // Any thread: the pump runs on the dispatcher's own.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_running && !m_paused)
                schedulePump(0);
        },
        Qt::QueuedConnection);
}

void Dispatcher::stop()
{
    if (!m_running)
        return;
    m_stopping = true;
    m_pumpTimer->stop();
    m_statsTimer->stop();
    // abort() finishes each reply at once; onFinished drops it (the lease goes back below).
    const QList<QNetworkReply *> replies = m_inFlight.keys();
    for (QNetworkReply *reply : replies)
        reply->abort();
    for (InFlight *flight : std::as_const(m_inFlight))
        delete flight;
    m_inFlight.clear();
    m_waiting.clear();
    m_slots.clear();
    flush();
    // Queued behind the last records and any claim under way, so it gives back every lease
    // this dispatcher still holds.
    Status released;
    std::optional<QueueStats> stats;
    QMetaObject::invokeMethod(
        m_storeContext,
        [this, &released, &stats] {
            released = m_store.releaseLeases(m_owner, m_clock->nowMs());
            if (auto s = m_store.stats(m_clock->nowMs()))
                stats = s.value();
        },
        Qt::BlockingQueuedConnection);
    // Report what the store wrote meanwhile before saying "stopped".
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    if (!released)
        emit error(QStringLiteral("Could not give back the dispatcher's leases (they expire on "
                                  "their own): %1")
                       .arg(released.error().message));
    m_running = false;
    m_stopping = false;
    m_claimPending = 0;
    if (stats)
        emit statsChanged(*stats);
    emit stopped();
}

void Dispatcher::schedulePump(int delayMs)
{
    if (!m_pumpTimer || !m_running)
        return;
    if (m_pumpTimer->isActive() && m_pumpTimer->remainingTime() <= delayMs)
        return;
    m_pumpTimer->start(delayMs);
}

int Dispatcher::claimBatch() const
{
    return std::max(1, m_options.maxInFlight / 2);
}

int Dispatcher::busy() const
{
    return int(m_inFlight.size() + m_waiting.size()) + m_claimPending;
}

void Dispatcher::pump()
{
    if (!m_running || m_stopping)
        return;
    // Nothing left to wait for: write the results now rather than at the next flush tick, so a
    // front end waiting for an outcome hears of it at once.
    if (m_inFlight.isEmpty() && !m_records.isEmpty())
        flush();
    if (m_paused || m_claimPending > 0)
        return; // resume() or the claim's answer pumps again

    const int room = m_options.maxInFlight - busy();
    // Claim in batches, one write transaction for half the slots rather than one per slot;
    // finishing requests pump again.
    if (room <= 0 || (room < claimBatch() && busy() > 0))
        return;
    requestClaim(room);
}

void Dispatcher::requestClaim(int room)
{
    m_claimPending = room;
    onStoreThread([this, room] {
        ClaimResult result;
        const qint64 now = m_clock->nowMs();
        auto claims = m_store.claimDue(m_owner, now, room, m_options.leaseMarginMs);
        if (!claims) {
            result.error = claims.error().message;
        } else {
            QHash<QString, std::shared_ptr<WebhookContext>> cache;
            for (const ClaimedDelivery &claim : claims.value())
                result.claimed.append(Waiting{claim, loadWebhook(claim.webhookId, cache)});
            if (result.claimed.size() < room) {
                // Everything due has been taken: when is the next one due?
                auto next = m_store.nextDueAtMs(now);
                if (next)
                    result.nextDueAtMs = next.value();
                else
                    result.error = next.error().message;
                result.lookedAtMs = now;
            }
        }
        QMetaObject::invokeMethod(
            this, [this, room, result = std::move(result)] { onClaimed(room, result); },
            Qt::QueuedConnection);
    });
}

void Dispatcher::onClaimed(int room, const ClaimResult &result)
{
    m_claimPending = 0;
    if (!m_running || m_stopping)
        return; // stop() gives these leases back
    if (m_paused) {
        // Asked for before pause(), answered after it: nothing is sent while paused.
        giveBack(result.claimed);
        return;
    }
    for (const Waiting &w : result.claimed)
        m_waiting.append(w);
    sendWaiting();
    m_moreDue = result.error.isEmpty() && result.claimed.size() == room;
    if (m_moreDue) {
        m_drained = false;
        schedulePump(0); // slots may have come free while the claim ran
        return;
    }
    if (!result.error.isEmpty()) {
        emit error(result.error);
        m_drained = false;
        schedulePump(m_options.maxPollMs);
        return;
    }
    // Sleep until the next delivery is due, but look again soon in case another process
    // enqueues something.
    int delay = m_options.maxPollMs;
    if (result.nextDueAtMs) {
        const qint64 wait = *result.nextDueAtMs - result.lookedAtMs;
        // Due but not claimable (another dispatcher just took it, or an expired lease belongs
        // to a paused webhook): look again later rather than spin.
        delay = int(std::clamp<qint64>(wait, wait <= 0 ? 200 : 1, m_options.maxPollMs));
    }
    schedulePump(delay);
    m_drained = true;
    checkIdle();
}

void Dispatcher::checkIdle()
{
    if (m_running && !m_stopping && !m_paused && m_drained && m_claimPending == 0 &&
        m_writesPending == 0 && m_records.isEmpty() && m_inFlight.isEmpty() && m_waiting.isEmpty())
        emit idle();
}

std::shared_ptr<Dispatcher::WebhookContext>
Dispatcher::loadWebhook(const QString &webhookId,
                        QHash<QString, std::shared_ptr<WebhookContext>> &cache) const
{
    if (auto found = cache.constFind(webhookId); found != cache.constEnd())
        return found.value();
    auto context = std::make_shared<WebhookContext>();
    cache.insert(webhookId, context);
    auto w = m_options.registry->get(webhookId);
    if (!w) {
        if (w.error().code == ErrorCode::NotFound)
            context->cancelReason = QStringLiteral("the webhook was deleted");
        else
            context->loadError = w.error().message;
        return context;
    }
    if (w->status == WebhookStatus::Disabled) {
        context->cancelReason =
            w->statusReason.isEmpty()
                ? QStringLiteral("the webhook is disabled")
                : QStringLiteral("the webhook is disabled (%1)").arg(w->statusReason);
        return context;
    }
    auto keys = m_options.registry->signingKeys(w->id);
    if (!keys) {
        context->loadError = keys.error().message;
        return context;
    }
    context->keys = keys.value();
    context->url = QUrl(w->url);
    context->hostKey = hostPort(context->url);
    context->webhook = w.value();
    return context;
}

void Dispatcher::sendWaiting()
{
    for (qsizetype i = 0; i < m_waiting.size();) {
        const Waiting &w = m_waiting.at(i);
        if (!w.webhook->webhook) {
            const Waiting done = m_waiting.takeAt(i);
            finishUnsent(done);
            continue;
        }
        QList<int> &used = m_slots[w.webhook->hostKey];
        if (used.size() < m_managers.size())
            used.resize(m_managers.size());
        const auto free = std::min_element(used.begin(), used.end());
        if (*free >= kConnectionsPerHost) {
            ++i; // this host is saturated; later claims for other hosts may still go
            continue;
        }
        const int manager = int(free - used.begin());
        ++*free;
        const Waiting next = m_waiting.takeAt(i);
        send(next, manager);
    }
}

void Dispatcher::finishUnsent(const Waiting &w)
{
    AttemptRecord r;
    r.deliveryId = w.claim.deliveryId;
    r.webhookId = w.claim.webhookId;
    r.attemptNo = w.claim.attemptNo;
    r.startedAtMs = m_clock->nowMs();
    r.isTest = w.claim.isTest;
    if (!w.webhook->cancelReason.isEmpty()) {
        r.outcome = AttemptOutcome::Cancelled;
        r.error = QStringLiteral("not sent: %1").arg(w.webhook->cancelReason);
    } else {
        r.error = QStringLiteral("not sent: %1").arg(w.webhook->loadError);
        applyRetryPolicy(r, w.claim, DefaultRetryAttempts, {});
    }
    InFlight flight;
    flight.claim = w.claim;
    flight.webhook = w.webhook;
    finishAttempt(std::move(r), flight);
}

void Dispatcher::applyRetryPolicy(AttemptRecord &r, const ClaimedDelivery &claim, int retryAttempts,
                                  const QByteArray &retryAfter)
{
    // A test event answers "does this endpoint work now?": it is not retried.
    if (claim.isTest) {
        r.outcome = AttemptOutcome::GaveUp;
        return;
    }
    const qint64 now = m_clock->nowMs();
    const auto delay = m_retry.delayAfterAttempt(claim.attemptNo, retryAttempts,
                                                 r.responseStatus.value_or(0), retryAfter, now);
    if (delay) {
        r.outcome = AttemptOutcome::RetryScheduled;
        r.nextAttemptAtMs = now + *delay;
    } else {
        r.outcome = AttemptOutcome::GaveUp;
    }
}

void Dispatcher::send(const Waiting &w, int manager)
{
    const Webhook &hook = *w.webhook->webhook;
    const ClaimedDelivery &claim = w.claim;
    auto flight = std::make_unique<InFlight>();
    flight->claim = claim;
    flight->webhook = w.webhook;
    flight->manager = manager;
    flight->startedAtMs = m_clock->nowMs();
    flight->timeoutMs = std::max<qint64>(
        1, qint64(std::llround(hook.timeoutSeconds * 1000.0 * m_options.timeoutScale)));

    QNetworkRequest request{w.webhook->url};
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    HeaderPairs &stored = flight->requestHeaders;
    auto add = [&request, &stored](const QByteArray &name, const QByteArray &value,
                                   const QByteArray &storedValue) {
        request.setRawHeader(name, value);
        stored.append({name, storedValue});
    };
    auto plain = [&add](const QByteArray &name, const QByteArray &value) {
        add(name, value, value);
    };
    plain(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    plain(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Hookline/" HOOKLINE_VERSION));
    plain(QByteArrayLiteral("X-Webhook-Id"), claim.deliveryId.toLatin1());
    for (const auto &[name, value] : hook.headers)
        plain(name.toLatin1(), value.toUtf8());

    QByteArray authName;
    QByteArray authValue;
    switch (hook.auth.type) {
    case AuthType::None:
        break;
    case AuthType::Bearer:
        authName = QByteArrayLiteral("Authorization");
        authValue = QByteArrayLiteral("Bearer ").append(hook.auth.token.toUtf8());
        break;
    case AuthType::Basic: {
        QByteArray credentials = hook.auth.username.toUtf8();
        credentials.append(':').append(hook.auth.password.toUtf8());
        authName = QByteArrayLiteral("Authorization");
        authValue = QByteArrayLiteral("Basic ").append(credentials.toBase64());
        break;
    }
    case AuthType::ApiKey:
    case AuthType::CustomHeader:
        authName = hook.auth.headerName.toLatin1();
        authValue = hook.auth.headerValue.toUtf8();
        break;
    }
    if (!authName.isEmpty())
        add(authName, authValue, redactedAuthValue(hook.auth.type));

    auto signature = WebhookSigner::sign(hook.scheme, w.webhook->keys, claim.deliveryId,
                                         m_clock->nowMs() / 1000, claim.body);
    if (!signature) {
        releaseSlot(w.webhook->hostKey, manager);
        AttemptRecord r;
        r.deliveryId = claim.deliveryId;
        r.webhookId = claim.webhookId;
        r.attemptNo = claim.attemptNo;
        r.startedAtMs = flight->startedAtMs;
        r.requestHeaders = stored;
        r.isTest = claim.isTest;
        r.error =
            QStringLiteral("not sent: cannot sign the request: %1").arg(signature.error().message);
        applyRetryPolicy(r, claim, hook.retryAttempts, {});
        finishAttempt(std::move(r), *flight);
        return;
    }
    // Signature values are stored as sent: they are only valid for this body and timestamp.
    for (const auto &[name, value] : signature.value())
        plain(name, value);

    flight->elapsed.start();
    QNetworkReply *reply = m_managers.at(manager)->post(request, claim.body);
    InFlight *f = flight.release();
    m_inFlight.insert(reply, f);
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError> &errors) { onSslErrors(reply, errors); });
    f->deadline = new QTimer(reply);
    f->deadline->setSingleShot(true);
    connect(f->deadline, &QTimer::timeout, this, [this, reply] { onTimeout(reply); });
    f->deadline->start(int(std::min<qint64>(f->timeoutMs, INT_MAX)));
}

void Dispatcher::releaseSlot(const QString &hostKey, int manager)
{
    auto it = m_slots.find(hostKey);
    if (it == m_slots.end() || manager >= it->size())
        return;
    if (--(*it)[manager] <= 0 &&
        std::all_of(it->cbegin(), it->cend(), [](int n) { return n <= 0; }))
        m_slots.erase(it);
}

void Dispatcher::readBody(InFlight &flight, QNetworkReply *reply)
{
    if (!reply->isOpen())
        return; // aborted
    const qint64 room = kMaxResponseBody - flight.body.size();
    if (room > 0)
        flight.body.append(reply->read(room));
    if (reply->bytesAvailable() > 0) {
        flight.truncated = true;
        reply->skip(reply->bytesAvailable());
    }
}

void Dispatcher::onReadyRead(QNetworkReply *reply)
{
    if (InFlight *flight = m_inFlight.value(reply))
        readBody(*flight, reply);
}

void Dispatcher::onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors)
{
    InFlight *flight = m_inFlight.value(reply);
    if (!flight)
        return;
    const Webhook &hook = *flight->webhook->webhook;
    QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (peer.isNull() && !errors.isEmpty())
        peer = errors.first().certificate();
    const QByteArray digest =
        peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256);
    // The only relaxation of TLS: a local-testing webhook that pinned this very certificate.
    if (hook.localTesting && !hook.pinnedCertSha256.isEmpty() && !digest.isEmpty()) {
        if (QString::fromLatin1(digest.toHex()) == hook.pinnedCertSha256) {
            reply->ignoreSslErrors(errors);
            return;
        }
        flight->tlsProblems << QStringLiteral("the certificate's SHA-256 fingerprint %1 does not "
                                              "match the pinned %2")
                                   .arg(colonHex(digest), colonHex(QByteArray::fromHex(
                                                              hook.pinnedCertSha256.toLatin1())));
    }
    bool selfSigned = false;
    for (const QSslError &e : errors) {
        flight->tlsProblems << e.errorString();
        selfSigned = selfSigned || e.error() == QSslError::SelfSignedCertificate ||
                     e.error() == QSslError::SelfSignedCertificateInChain;
    }
    if (selfSigned && hook.pinnedCertSha256.isEmpty() && !digest.isEmpty())
        flight->tlsProblems << QStringLiteral("a self-signed certificate is only accepted on a "
                                              "webhook marked for local testing that pins its "
                                              "SHA-256 fingerprint, here %1")
                                   .arg(colonHex(digest));
}

void Dispatcher::onTimeout(QNetworkReply *reply)
{
    InFlight *flight = m_inFlight.value(reply);
    if (!flight)
        return;
    flight->timedOut = true;
    reply->abort();
}

void Dispatcher::onFinished(QNetworkReply *reply)
{
    InFlight *flight = m_inFlight.take(reply);
    reply->deleteLater();
    if (!flight)
        return;
    std::unique_ptr<InFlight> owned(flight);
    if (flight->deadline)
        flight->deadline->stop();
    releaseSlot(flight->webhook->hostKey, flight->manager);
    if (m_stopping)
        return;               // aborted by stop(): the lease is given back, no attempt is recorded
    readBody(*flight, reply); // whatever arrived with the last packet

    const Webhook &hook = *flight->webhook->webhook;
    const QUrl &url = flight->webhook->url;
    AttemptRecord r;
    r.deliveryId = flight->claim.deliveryId;
    r.webhookId = flight->claim.webhookId;
    r.attemptNo = flight->claim.attemptNo;
    r.startedAtMs = flight->startedAtMs;
    r.durationMs = flight->elapsed.elapsed();
    r.requestHeaders = flight->requestHeaders;
    r.isTest = flight->claim.isTest;

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError netError = reply->error();
    QByteArray retryAfter;
    if (flight->timedOut) {
        r.error = QStringLiteral("timed out after %1 s (the webhook's timeout)")
                      .arg(secondsText(flight->timeoutMs));
    } else if (status.isValid()) {
        r.responseStatus = status.toInt();
        r.responseHeaders = reply->rawHeaderPairs();
        r.responseBody = flight->body;
        r.responseTruncated = flight->truncated;
        retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
        const int code = *r.responseStatus;
        if (code >= 300 && code < 400) {
            const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
            r.error = location.isEmpty()
                          ? QStringLiteral("HTTP %1: redirect not followed (no Location)").arg(code)
                          : QStringLiteral("redirect to %1 not followed; point the webhook at "
                                           "the final URL")
                                .arg(QString::fromUtf8(location));
        } else if (code < 200 || code >= 300) {
            r.error.clear(); // the status says it all
        }
    } else {
        switch (netError) {
        case QNetworkReply::ConnectionRefusedError:
            r.error = QStringLiteral("connection refused by %1; is the receiver running?")
                          .arg(hostPort(url));
            break;
        case QNetworkReply::HostNotFoundError:
            r.error = QStringLiteral("host %1 not found (DNS lookup failed)").arg(url.host());
            break;
        case QNetworkReply::RemoteHostClosedError:
            r.error =
                QStringLiteral("%1 closed the connection before answering").arg(hostPort(url));
            break;
        case QNetworkReply::SslHandshakeFailedError:
            r.error = QStringLiteral("TLS handshake failed: %1")
                          .arg(flight->tlsProblems.isEmpty()
                                   ? reply->errorString()
                                   : flight->tlsProblems.join(QStringLiteral("; ")));
            break;
        case QNetworkReply::TimeoutError:
            r.error = QStringLiteral("the connection to %1 timed out").arg(hostPort(url));
            break;
        default:
            r.error = QStringLiteral("%1 (%2)").arg(reply->errorString(), hostPort(url));
            break;
        }
    }

    if (r.responseStatus && *r.responseStatus >= 200 && *r.responseStatus < 300 &&
        !flight->timedOut) {
        r.outcome = AttemptOutcome::Delivered;
    } else if (r.responseStatus && *r.responseStatus == 410) {
        r.outcome = AttemptOutcome::GaveUp; // the store disables the webhook
    } else {
        applyRetryPolicy(r, flight->claim, hook.retryAttempts, retryAfter);
    }
    finishAttempt(std::move(r), *flight);
}

void Dispatcher::finishAttempt(AttemptRecord record, const InFlight &flight)
{
    AttemptSummary s;
    s.deliveryId = record.deliveryId;
    s.eventId = flight.claim.eventId;
    s.eventType = flight.claim.eventType;
    s.webhookId = record.webhookId;
    s.webhookName =
        flight.webhook && flight.webhook->webhook ? flight.webhook->webhook->name : QString();
    s.attemptNo = record.attemptNo;
    s.responseStatus = record.responseStatus;
    s.error = record.error;
    s.startedAtMs = record.startedAtMs;
    s.durationMs = record.durationMs;
    s.outcome = record.outcome;
    s.nextAttemptAtMs = record.nextAttemptAtMs;
    s.isTest = record.isTest;
    m_records.append(std::move(record));
    m_summaries.append(std::move(s));

    if (m_records.size() >= m_options.flushBatchSize)
        flush();
    else if (!m_flushTimer->isActive())
        m_flushTimer->start(m_options.flushIntervalMs);

    if (m_stopping)
        return;
    sendWaiting();
    if (busy() == 0 || m_options.maxInFlight - busy() >= claimBatch())
        schedulePump(0);
}

void Dispatcher::flush()
{
    if (m_flushTimer)
        m_flushTimer->stop();
    if (m_records.isEmpty())
        return;
    ++m_writesPending;
    onStoreThread(
        [this, records = std::exchange(m_records, {}), summaries = std::exchange(m_summaries, {})] {
            auto changes = m_store.recordAttempts(m_owner, records, m_clock->nowMs());
            QMetaObject::invokeMethod(
                this,
                [this, records, summaries, changes = std::move(changes)] {
                    onRecorded(records, summaries, changes);
                },
                Qt::QueuedConnection);
        });
}

void Dispatcher::onRecorded(const QList<AttemptRecord> &records,
                            const QList<AttemptSummary> &summaries,
                            const Result<QList<WebhookStatusChange>> &changes)
{
    --m_writesPending;
    if (!changes) {
        emit error(QStringLiteral("Could not record %1 attempts (will try again): %2")
                       .arg(records.size())
                       .arg(changes.error().message));
        m_records = records + m_records;
        m_summaries = summaries + m_summaries;
        if (m_running && !m_stopping)
            m_flushTimer->start(std::max(m_options.flushIntervalMs, 500));
        return;
    }
    emit attemptsRecorded(summaries);
    for (const WebhookStatusChange &c : changes.value()) {
        if (c.status == WebhookStatus::Disabled)
            cancelWaiting(c.webhookId,
                          QStringLiteral("the webhook was disabled (%1)").arg(c.reason));
        emit webhookStatusChanged(c.webhookId, c.status, c.reason);
    }
    checkIdle();
}

void Dispatcher::emitStats()
{
    if (m_statsPending || !m_storeContext)
        return;
    m_statsPending = true;
    // Deliveries waiting for a connection may wait a while behind a slow receiver: check that
    // their webhooks still exist and are not disabled before sending them.
    QSet<QString> waitingFor;
    for (const Waiting &w : std::as_const(m_waiting))
        waitingFor.insert(w.claim.webhookId);
    onStoreThread([this, waitingFor] {
        auto stats = m_store.stats(m_clock->nowMs());
        QHash<QString, QString> gone;
        for (const QString &id : waitingFor) {
            auto w = m_options.registry->get(id);
            if (!w && w.error().code == ErrorCode::NotFound)
                gone.insert(id, QStringLiteral("the webhook was deleted"));
            else if (w && w->status == WebhookStatus::Disabled)
                gone.insert(id, QStringLiteral("the webhook was disabled"));
        }
        QMetaObject::invokeMethod(
            this,
            [this, stats = std::move(stats), gone] {
                m_statsPending = false;
                for (auto it = gone.cbegin(); it != gone.cend(); ++it)
                    cancelWaiting(it.key(), it.value());
                if (stats)
                    emit statsChanged(stats.value());
                else
                    emit error(stats.error().message);
            },
            Qt::QueuedConnection);
    });
}

void Dispatcher::giveBack(const QList<Waiting> &claimed)
{
    if (claimed.isEmpty())
        return;
    QStringList ids;
    ids.reserve(claimed.size());
    for (const Waiting &w : claimed)
        ids.append(w.claim.deliveryId);
    onStoreThread([this, ids] {
        const Status released = m_store.releaseLeases(m_owner, m_clock->nowMs(), ids);
        if (!released)
            QMetaObject::invokeMethod(
                this,
                [this, message = released.error().message] {
                    emit error(QStringLiteral("Could not give back the deliveries held by the "
                                              "pause (their leases expire on their own): %1")
                                   .arg(message));
                },
                Qt::QueuedConnection);
    });
    // Queued behind the release on the store thread: front ends see them waiting at once.
    emitStats();
}

void Dispatcher::cancelWaiting(const QString &webhookId, const QString &reason)
{
    if (m_stopping)
        return;
    auto cancelled = std::make_shared<WebhookContext>();
    cancelled->cancelReason = reason;
    bool any = false;
    for (Waiting &w : m_waiting) {
        if (w.claim.webhookId == webhookId) {
            w.webhook = cancelled;
            any = true;
        }
    }
    if (any)
        sendWaiting(); // records the cancelled ones without sending them
}

} // namespace hookline
