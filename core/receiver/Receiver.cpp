#include "Receiver.h"

#include "history/HeaderRedaction.h"

#include "receiver/ReceiverFeed.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QThread>

#include <algorithm>
#include <tuple>
#include <utility>

namespace hookline {

namespace {

bool isAnyAddress(const QHostAddress &address)
{
    return address == QHostAddress(QHostAddress::Any) ||
           address == QHostAddress(QHostAddress::AnyIPv4) ||
           address == QHostAddress(QHostAddress::AnyIPv6);
}

QString hostForUrl(const QHostAddress &address)
{
    // A wildcard bind answers on loopback too; that is the address to give a local sender.
    if (isAnyAddress(address))
        return address == QHostAddress(QHostAddress::AnyIPv6) ? QStringLiteral("[::1]")
                                                              : QStringLiteral("127.0.0.1");
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    return QStringLiteral("[%1]").arg(address.toString());
}

RawHeaderList rawHeaders(const HttpHeaders &headers)
{
    RawHeaderList out;
    out.reserve(headers.size());
    for (const HttpHeader &h : headers)
        out.append({h.name, h.value});
    return out;
}

// Among failed verdicts of several schemes, the one about headers the request actually carries.
bool moreTelling(const Verdict &candidate, const Verdict &current)
{
    const auto rank = [](Verdict::Outcome o) {
        switch (o) {
        case Verdict::Outcome::Verified:
            return 0;
        case Verdict::Outcome::BodyReencoded:
        case Verdict::Outcome::TimestampOutOfTolerance:
            return 1;
        case Verdict::Outcome::SignatureMismatch:
            return 2;
        case Verdict::Outcome::HeaderMalformed:
            return 3;
        case Verdict::Outcome::HeaderMissing:
            return 4;
        case Verdict::Outcome::NoSecrets:
        case Verdict::Outcome::NotChecked:
            return 5;
        }
        return 5;
    };
    return rank(candidate.outcome) < rank(current.outcome);
}

} // namespace

Receiver::Receiver(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : SystemClock::instance())
    , m_server(new HttpServer(this, this))
    , m_feed(m_options.feed ? m_options.feed : new ReceiverFeed(this))
{
    qRegisterMetaType<hookline::ReceiverStarted>();
    m_server->setClock(m_clock);
    connect(m_server, &HttpServer::requestRejected, this,
            [this](const QHostAddress &remote, int status, const QString &reason) {
                ++m_rejected;
                m_feed->postRejected(RejectedRequest{m_clock->nowMs(), remote, status, reason});
            });
}

Receiver::~Receiver()
{
    stop();
}

Status Receiver::addSecret(SignatureScheme scheme, const QString &secret, const QString &label)
{
    if (scheme == SignatureScheme::None)
        return Error{ErrorCode::InvalidScheme, QStringLiteral("scheme"),
                     QStringLiteral("Scheme \"none\" has no signature to verify; use one of "
                                    "x-webhook-signature, standard-webhooks, github, stripe.")};
    if (secret.isEmpty())
        return Error{ErrorCode::InvalidSecret, QStringLiteral("secret"),
                     QStringLiteral("The verification secret is empty.")};
    QMutexLocker lock(&m_verificationMutex);
    m_secrets.append(ReceiverSecret{scheme, VerificationSecret{secret, label}});
    ++m_verificationGeneration;
    return {};
}

Result<AttachedWebhook> Receiver::attachWebhook(const QString &idOrPrefix)
{
    if (!m_options.registry)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("webhook"),
                     QStringLiteral("This receiver has no webhook registry to take secrets "
                                    "from.")};
    auto webhook = m_options.registry->get(idOrPrefix);
    if (!webhook)
        return webhook.error();
    if (webhook->scheme == SignatureScheme::None)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("webhook"),
                     QStringLiteral("Webhook \"%1\" signs nothing (scheme none); there is no "
                                    "signature to verify.")
                         .arg(webhook->name)};
    auto keys = m_options.registry->signingKeys(webhook->id);
    if (!keys)
        return keys.error();
    AttachedWebhook attached{webhook->id, webhook->name, webhook->scheme};
    WebhookKeys entry{attached, keys.value(), {}};
    entry.loaded.start();
    QMutexLocker lock(&m_verificationMutex);
    ++m_verificationGeneration;
    for (WebhookKeys &existing : m_webhooks) {
        if (existing.webhook.id == attached.id) {
            existing = entry;
            return attached;
        }
    }
    m_webhooks.append(entry);
    return attached;
}

bool Receiver::removeSecret(qsizetype index)
{
    QMutexLocker lock(&m_verificationMutex);
    if (index < 0 || index >= m_secrets.size())
        return false;
    m_secrets.removeAt(index);
    ++m_verificationGeneration;
    return true;
}

bool Receiver::detachWebhook(const QString &webhookId)
{
    QMutexLocker lock(&m_verificationMutex);
    ++m_verificationGeneration;
    return m_webhooks.removeIf([&](const WebhookKeys &w) { return w.webhook.id == webhookId; }) > 0;
}

void Receiver::clearVerification()
{
    QMutexLocker lock(&m_verificationMutex);
    m_secrets.clear();
    m_webhooks.clear();
    ++m_verificationGeneration;
}

void Receiver::reloadWebhookKeys()
{
    QMutexLocker lock(&m_verificationMutex);
    for (WebhookKeys &w : m_webhooks)
        w.loaded.invalidate();
}

QList<ReceiverSecret> Receiver::secrets() const
{
    QMutexLocker lock(&m_verificationMutex);
    return m_secrets;
}

QList<AttachedWebhook> Receiver::webhooks() const
{
    QMutexLocker lock(&m_verificationMutex);
    QList<AttachedWebhook> out;
    for (const WebhookKeys &w : m_webhooks)
        out << w.webhook;
    return out;
}

QStringList Receiver::verificationSummary() const
{
    QMutexLocker lock(&m_verificationMutex);
    QStringList out;
    for (const ReceiverSecret &s : m_secrets)
        out << QStringLiteral("%1 with %2")
                   .arg(schemeName(s.scheme),
                        s.secret.label.isEmpty()
                            ? SecretVault::secretPrefix(s.secret.secret) + QChar(0x2026)
                            : s.secret.label);
    for (const WebhookKeys &w : m_webhooks)
        out << QStringLiteral("%1 with the secrets of webhook \"%2\" (%3)")
                   .arg(schemeName(w.webhook.scheme), w.webhook.name, w.webhook.id);
    return out;
}

Status Receiver::setResponseRules(QList<ResponseRule> rules, ResponseRule fallback)
{
    for (const ResponseRule &rule : std::as_const(rules))
        if (Status s = rule.check(); !s)
            return s;
    fallback.path = QStringLiteral("*");
    if (Status s = fallback.check(); !s)
        return s;
    m_plan.setRules(std::move(rules), std::move(fallback));
    return {};
}

Result<ReceiverStarted> Receiver::start(const ReceiverConfig &config)
{
    if (m_server->isListening())
        return Error{
            ErrorCode::Conflict, QStringLiteral("receiver"),
            QStringLiteral("This receiver is already listening on %1.").arg(url().toString())};
    if (config.record && !m_options.database)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("record"),
                     QStringLiteral("Recording needs a database; open one or turn recording "
                                    "off.")};
    m_server->setLimits(config.limits);
    std::optional<HttpTlsCredentials> tls;
    if (config.tls)
        tls = config.tls->credentials();
    if (Status s = m_server->listen(config.host, config.port, tls); !s)
        return s.error();

    m_config = config;
    m_id = config.id.isEmpty()
               ? QStringLiteral("%1:%2").arg(hostForUrl(config.host)).arg(m_server->serverPort())
               : config.id;
    RequestRecorder::Options recorder = m_options.recorder;
    recorder.write = config.record;
    recorder.prepare = [this](ReceivedRequest &r) { prepare(r); };
    if (m_options.feedRequests)
        recorder.prepared = [feed = m_feed](const QList<ReceivedRequest> &batch) {
            feed->post(batch);
        };
    m_recorder = std::make_unique<RequestRecorder>(m_options.database, recorder);

    ReceiverStarted info;
    info.url = url();
    info.id = m_id;
    if (config.tls)
        info.fingerprint = config.tls->fingerprint();
    if (!config.host.isLoopback()) {
        info.warnings << QStringLiteral(
                             "Listening on %1, not only on this machine's loopback: other "
                             "machines that can reach it can send requests to this receiver and "
                             "read its responses. Bind 127.0.0.1 unless you need that.")
                             .arg(isAnyAddress(config.host) ? QStringLiteral("every address")
                                                            : config.host.toString());
    }
    if (config.revealExpectedSignature)
        info.warnings << QStringLiteral("Expected signatures are shown and recorded for every "
                                        "request that fails verification.");
    emit started(info);
    return info;
}

void Receiver::stop()
{
    const bool wasListening = m_server->isListening();
    m_server->close();
    if (m_recorder) {
        m_recorder->stop(); // verifies, posts and writes what is queued
        m_lastRecording = m_recorder->stats();
        m_recorder.reset();
    }
    flushFeed();
    if (wasListening)
        emit stopped();
}

void Receiver::flushFeed()
{
    QThread *feedThread = m_feed->thread();
    if (feedThread == QThread::currentThread())
        m_feed->flush();
    else if (feedThread && feedThread->isRunning())
        QMetaObject::invokeMethod(m_feed, &ReceiverFeed::flush, Qt::BlockingQueuedConnection);
}

bool Receiver::isListening() const
{
    return m_server->isListening();
}

quint16 Receiver::port() const
{
    return m_server->serverPort();
}

QUrl Receiver::url() const
{
    if (!m_server->isListening())
        return {};
    return QUrl(QStringLiteral("%1://%2:%3/")
                    .arg(m_server->isSecure() ? QStringLiteral("https") : QStringLiteral("http"),
                         hostForUrl(m_config.host))
                    .arg(m_server->serverPort()));
}

Status Receiver::flushRecording()
{
    if (!m_recorder)
        return {};
    return m_recorder->flush();
}

Receiver::Stats Receiver::stats() const
{
    Stats s;
    s.received = m_received;
    s.verified = m_verified;
    s.failed = m_failed;
    s.rejected = m_rejected;
    s.refusedBusy = m_refusedBusy;
    s.recording = m_recorder ? m_recorder->stats() : m_lastRecording;
    return s;
}

QList<VerificationSecret> Receiver::webhookSecrets(const WebhookKeys &keys, qint64 atMs) const
{
    QList<VerificationSecret> out;
    for (const SigningKey &key : keys.keys) {
        // A previous secret stops verifying when its overlap ends, reload or not.
        if (key.expiresAtMs && *key.expiresAtMs <= atMs)
            continue;
        VerificationSecret secret = VerificationSecret::fromSigningKey(key);
        secret.label = QStringLiteral("webhook \"%1\" %2").arg(keys.webhook.name, secret.label);
        out << secret;
    }
    return out;
}

std::shared_ptr<const Receiver::VerificationPlan> Receiver::verificationPlan(qint64 atMs) const
{
    // What verifies is copied under the lock (implicitly shared, so cheap) and used without it:
    // the GUI thread, which takes this lock to show or change the secrets, never waits for a
    // database read or for HMACs on the recorder's (lower-priority) thread.
    QStringList due;
    {
        QMutexLocker lock(&m_verificationMutex);
        for (const WebhookKeys &w : std::as_const(m_webhooks))
            if (!w.loaded.isValid() || w.loaded.elapsed() >= m_options.webhookKeysRefreshMs)
                due << w.webhook.id;
        const auto &plan = m_verificationPlan;
        if (due.isEmpty() && plan && plan->generation == m_verificationGeneration &&
            atMs >= plan->builtAtMs && atMs < plan->validUntilMs)
            return plan;
    }
    // Refresh webhook keys that are due (a rotation elsewhere shows up within the interval).
    if (!due.isEmpty() && m_options.registry) {
        QList<std::pair<QString, Result<QList<SigningKey>>>> loaded;
        for (const QString &id : std::as_const(due))
            loaded.append({id, m_options.registry->signingKeys(id)});
        QMutexLocker lock(&m_verificationMutex);
        for (const auto &[id, keys] : std::as_const(loaded)) {
            for (WebhookKeys &w : m_webhooks) { // detached in the meantime: nothing to do
                if (w.webhook.id != id)
                    continue;
                if (keys)
                    w.keys = keys.value();
                else
                    qWarning("Receiver: cannot reload the secrets of webhook %s: %s",
                             qPrintable(id), qPrintable(keys.error().toString()));
                w.loaded.start();
                ++m_verificationGeneration;
            }
        }
    }
    // const: iterating must not detach the copies from the shared data.
    const auto [attachedSecrets, attachedWebhooks, generation] = [this] {
        QMutexLocker lock(&m_verificationMutex);
        return std::tuple{m_secrets, m_webhooks, m_verificationGeneration};
    }();

    auto plan = std::make_shared<VerificationPlan>();
    plan->generation = generation;
    plan->builtAtMs = atMs;
    QList<SignatureScheme> schemes;
    for (const ReceiverSecret &s : attachedSecrets)
        if (!schemes.contains(s.scheme))
            schemes << s.scheme;
    for (const WebhookKeys &w : attachedWebhooks)
        if (!schemes.contains(w.webhook.scheme))
            schemes << w.webhook.scheme;
    for (const SignatureScheme scheme : std::as_const(schemes)) {
        QList<VerificationSecret> secrets;
        for (const ReceiverSecret &s : attachedSecrets)
            if (s.scheme == scheme)
                secrets << s.secret;
        for (const WebhookKeys &w : attachedWebhooks) {
            if (w.webhook.scheme != scheme)
                continue;
            secrets += webhookSecrets(w, atMs);
            // The plan holds until the first previous key it includes stops verifying.
            for (const SigningKey &key : w.keys)
                if (key.expiresAtMs && *key.expiresAtMs > atMs)
                    plan->validUntilMs = std::min(plan->validUntilMs, *key.expiresAtMs);
        }
        plan->schemes.append(VerificationKeys::prepare(scheme, secrets));
    }
    QMutexLocker lock(&m_verificationMutex);
    if (generation == m_verificationGeneration)
        m_verificationPlan = plan;
    return plan;
}

Receiver::Checked Receiver::check(const HttpHeaders &headers, const QByteArray &body, qint64 atMs,
                                  bool computeExpected) const
{
    const std::shared_ptr<const VerificationPlan> plan = verificationPlan(atMs);
    if (plan->schemes.isEmpty()) {
        Verdict none;
        none.outcome = Verdict::Outcome::NotChecked;
        none.message = QStringLiteral("No verification secret is attached to this receiver; "
                                      "attach a scheme and secret, or a Hookline webhook.");
        return {none, std::nullopt};
    }

    const RawHeaderList raw = rawHeaders(headers);
    const qint64 nowSeconds = atMs / 1000;
    std::optional<Checked> best;
    for (const VerificationKeys &keys : plan->schemes) {
        Verdict v = SignatureVerifier::verify(keys, raw, body, nowSeconds,
                                              m_config.toleranceSeconds, computeExpected);
        if (v.verified())
            return {v, keys.scheme};
        if (!best || moreTelling(v, best->verdict))
            best = Checked{v, keys.scheme};
    }
    return *best;
}

Verdict Receiver::verify(const ReceivedRequest &request, bool revealExpected) const
{
    Verdict v = check(request.headers, request.body, request.receivedAtMs, revealExpected).verdict;
    if (!revealExpected)
        v.expected.clear();
    return v;
}

void Receiver::prepare(ReceivedRequest &r)
{
    Checked checked = check(r.headers, r.body, r.receivedAtMs, m_config.revealExpectedSignature);
    r.verdict = std::move(checked.verdict);
    r.scheme = checked.scheme;
    if (!m_config.revealExpectedSignature)
        r.verdict.expected.clear();
    // Verified; now nothing downstream (the live list, the CLI's NDJSON, the database) sees a
    // credential the sender put in a header.
    r.headers = HeaderRedaction::redactCredentials(r.headers);
    r.credentialsRedacted = true;
    if (m_config.record) {
        // The row needs them, and the NDJSON line, if any, shares them.
        r.preparedHeadersJson = ReceivedRequest::headersJsonUtf8(r.headers);
        r.preparedRemote = r.remoteUtf8();
    }
    if (r.verdict.verified())
        ++m_verified;
    else if (r.verdict.outcome != Verdict::Outcome::NotChecked &&
             r.verdict.outcome != Verdict::Outcome::NoSecrets)
        ++m_failed;
}

HttpResponse Receiver::handle(const HttpRequest &request)
{
    ReceivedRequest r;
    r.sequence = ++m_sequence;
    r.receiverId = m_id;
    r.receivedAtMs = request.receivedAtMs;
    r.method = request.method;
    r.path = request.path;
    r.query = request.query;
    r.hasQuery = request.hasQuery;
    r.headers = request.headers;
    r.body = request.body;
    r.remoteAddress = request.remoteAddress;
    r.remotePort = request.remotePort;
    r.wireSize = request.wireSize;
    r.secure = request.secure;

    HttpResponse response = m_plan.respond(request);
    r.responseStatus = response.wireStatusCode();
    r.responseDelayMs = response.delayMs;
    r.recorded = m_config.record;
    ++m_received;
    // The verdict, the feed and the database are the recorder thread's work (it takes `r`).
    if (m_recorder && m_recorder->enqueue(r))
        return response;

    // Answering 2xx for a request that will not be in the database would break the promise
    // that every answered request is recorded: tell the sender to come back.
    response =
        HttpResponse::withStatus(503, QByteArrayLiteral("recording is behind; retry shortly\n"));
    response.setHeader("Retry-After", "1");
    r.responseStatus = 503;
    r.responseDelayMs = 0;
    r.recorded = false;
    ++m_refusedBusy;
    prepare(r);
    if (m_options.feedRequests)
        m_feed->post(r);
    else // the consumer shows rejections only: this one must not pass unseen
        m_feed->postRejected(
            RejectedRequest{r.receivedAtMs, r.remoteAddress, 503,
                            QStringLiteral("recording is behind; answered 503 with Retry-After")});
    return response;
}

} // namespace hookline
