#pragma once

#include "Clock.h"
#include "Result.h"
#include "http/HttpServer.h"
#include "model/Webhook.h"
#include "receiver/ReceivedRequest.h"
#include "receiver/ReceiverCertificate.h"
#include "receiver/RequestRecorder.h"
#include "receiver/ResponseRule.h"
#include "registry/WebhookRegistry.h"
#include "signing/SignatureVerifier.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <limits>
#include <memory>
#include <optional>

namespace hookline {

class Database;
class ReceiverFeed;

// Where and how one receiver listens.
struct ReceiverConfig {
    // Names the receiver in the database (received_requests.receiver_id) and in output. Empty:
    // "<host>:<port>" once listening.
    QString id;
    // 127.0.0.1 unless the caller chooses otherwise; any other address makes start() return a
    // warning to show (other machines may then send requests).
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; // 0: a free port (see Receiver::port())
    // HTTPS with this certificate (ReceiverCertificate::loadOrGenerate or fromPemFiles).
    std::optional<ReceiverCertificate> tls;
    HttpServerLimits limits;
    // Record each request in received_requests (needs ReceiverOptions::database).
    bool record = true;
    // Keep each verdict's expected signature value in the recorded detail, the live feed and
    // the CLI output. Off by default: the expected value is shown only to someone who asks.
    bool revealExpectedSignature = false;
    // standard-webhooks and stripe timestamps; 300 s as their own libraries use.
    qint64 toleranceSeconds = DefaultSignatureToleranceSeconds;
};

// What start() reports: where to send requests, and anything the user must know.
struct ReceiverStarted {
    QUrl url; // "http://127.0.0.1:8080/"
    QString id;
    QString fingerprint;  // HTTPS: "AB:CD:…"
    QStringList warnings; // e.g. bound to a non-loopback address
};

// One secret checked against requests, as the user attached it.
struct ReceiverSecret {
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
    VerificationSecret secret;
};

// A Hookline webhook whose signing secrets verify requests (its current secret, and the
// previous one while a rotation's overlap lasts).
struct AttachedWebhook {
    QString id;
    QString name;
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
};

// A local receiver: an HttpServer that answers any method and path according to its response
// rules, checks each request's signature against the attached secrets, records it in the
// database and passes it to a coalesced live feed (ReceiverFeed) for a GUI list or the CLI's
// NDJSON.
//
// Lives on one thread (the one that created it or that it was moved to); call its methods
// there. That thread only parses, answers and queues: the verdict, the feed and the database
// are the RequestRecorder's work, on its own thread, so a receiver on the GUI thread costs the
// GUI little even at thousands of requests per second. The feed may belong to a third thread.
class Receiver final : public QObject, public IRequestHandler {
    Q_OBJECT

public:
    struct Options {
        const Clock *clock = nullptr; // default: the system clock
        // Recording (ReceiverConfig::record) needs the database.
        std::shared_ptr<Database> database;
        // attachWebhook() and the round trip need the registry.
        std::shared_ptr<WebhookRegistry> registry;
        RequestRecorder::Options recorder;
        // A webhook's secrets are looked up again at most this often, so a rotation shows up
        // without a lookup per request (reloadWebhookKeys() does it at once).
        int webhookKeysRefreshMs = 1000;
        // The live feed to post to (it must outlive the receiver); null: the receiver's own,
        // on the receiver's thread (feed()).
        ReceiverFeed *feed = nullptr;
        // False: requests are verified and recorded but not posted to the feed (only
        // rejections are), for a consumer that shows none (hookline-cli receive --quiet).
        bool feedRequests = true;
    };

    struct Stats {
        qint64 received = 0; // answered by the handler
        qint64 verified = 0;
        qint64 failed = 0;      // a verdict other than verified, not_checked and no_secrets
        qint64 rejected = 0;    // refused before the handler (400, 408, 413, 431, 501, 505)
        qint64 refusedBusy = 0; // answered 503 because the recorder was full
        RequestRecorder::Stats recording;
    };

    explicit Receiver(Options options, QObject *parent = nullptr);
    ~Receiver() override;

    // --- Verification (may change while running; applies to requests verified from then on)
    // INVALID_SECRET for an empty secret, INVALID_SCHEME for scheme none.
    Status addSecret(SignatureScheme scheme, const QString &secret, const QString &label = {});
    // By id or unique prefix; its scheme and signing keys. NOT_FOUND, or INVALID_ARGUMENT
    // without a registry or for a webhook that signs nothing.
    Result<AttachedWebhook> attachWebhook(const QString &idOrPrefix);
    // The secret at `index` of secrets(); false when there is none.
    bool removeSecret(qsizetype index);
    // Stops using that webhook's secrets; false when it was not attached.
    bool detachWebhook(const QString &webhookId);
    void clearVerification();
    void reloadWebhookKeys();
    QList<ReceiverSecret> secrets() const;
    QList<AttachedWebhook> webhooks() const;
    // "x-webhook-signature:<prefix>…" and "webhook <name> (<scheme>)", never a secret.
    QStringList verificationSummary() const;

    // --- Responses (may change while running; resets the fail-first counters)
    Status setResponseRules(QList<ResponseRule> rules, ResponseRule fallback = ResponseRule());
    const ResponsePlan &responsePlan() const { return m_plan; }

    // --- Running
    Result<ReceiverStarted> start(const ReceiverConfig &config);
    // Stops listening, drops connections and writes every recorded request.
    void stop();
    bool isListening() const;
    quint16 port() const;
    QString id() const { return m_id; }
    QUrl url() const;
    const ReceiverConfig &config() const { return m_config; }
    const std::optional<ReceiverCertificate> &certificate() const { return m_config.tls; }

    // The live feed; connect a model or the CLI's printer to it.
    ReceiverFeed *feed() const { return m_feed; }
    // Blocks until every request answered so far is verified, posted to the feed and (when
    // recording) in the database.
    Status flushRecording();
    Stats stats() const;

    // The verdict on `request` as the receiver would give it now for the time it arrived,
    // with the expected value when `revealExpected`: the GUI's "show expected signature".
    // Any thread.
    Verdict verify(const ReceivedRequest &request, bool revealExpected) const;

    // Answers `request` as if it had arrived now on the receiver's thread: the server calls
    // this for each request; bench_receiver calls it directly to measure the receiver without
    // the network.
    HttpResponse handle(const HttpRequest &request) override;

    const Clock &clock() const { return *m_clock; }
    const std::shared_ptr<Database> &database() const { return m_options.database; }
    const std::shared_ptr<WebhookRegistry> &registry() const { return m_options.registry; }
    HttpServer *server() const { return m_server; }

signals:
    void started(const hookline::ReceiverStarted &info);
    void stopped();

private:
    struct WebhookKeys {
        AttachedWebhook webhook;
        QList<SigningKey> keys;
        QElapsedTimer loaded;
    };

    struct Checked {
        Verdict verdict;
        std::optional<SignatureScheme> scheme;
    };
    // Any thread. Takes m_verificationMutex only to copy what verifies and to store reloaded
    // webhook keys; database reads and HMACs happen outside it. The expected value costs one
    // more HMAC: computed only when it is to be shown.
    Checked check(const HttpHeaders &headers, const QByteArray &body, qint64 atMs,
                  bool computeExpected) const;
    QList<VerificationSecret> webhookSecrets(const WebhookKeys &keys, qint64 atMs) const;
    // The secrets per scheme, in the order they are tried, as of `generation`; rebuilt when the
    // attached secrets or webhook keys change or a previous webhook key's overlap ends.
    struct VerificationPlan {
        quint64 generation = 0;
        qint64 builtAtMs = 0;
        qint64 validUntilMs = std::numeric_limits<qint64>::max();
        QList<VerificationKeys> schemes; // each scheme's secrets, keys prepared
    };
    std::shared_ptr<const VerificationPlan> verificationPlan(qint64 atMs) const;
    // On the recorder's thread: the verdict, then the counters.
    void prepare(ReceivedRequest &request);
    void flushFeed();

    Options m_options;
    const Clock *m_clock;
    ReceiverConfig m_config;
    QString m_id;
    HttpServer *m_server;
    ReceiverFeed *m_feed;
    std::unique_ptr<RequestRecorder> m_recorder;
    ResponsePlan m_plan;
    qint64 m_sequence = 0;

    // What verifies requests: changed on the receiver's thread, read on the recorder's.
    mutable QMutex m_verificationMutex;
    QList<ReceiverSecret> m_secrets;
    // mutable: a webhook's keys are refreshed lazily by the verifying thread.
    mutable QList<WebhookKeys> m_webhooks;
    // Bumped on every change to m_secrets or m_webhooks (keys reloaded included).
    mutable quint64 m_verificationGeneration = 1;
    // The last plan built (verifying thread), reused while it is current: building one per
    // request copied every secret and formatted every webhook key's label.
    mutable std::shared_ptr<const VerificationPlan> m_verificationPlan;

    std::atomic<qint64> m_received{0};
    std::atomic<qint64> m_verified{0};
    std::atomic<qint64> m_failed{0};
    std::atomic<qint64> m_rejected{0};
    std::atomic<qint64> m_refusedBusy{0};
    RequestRecorder::Stats m_lastRecording; // of a stopped recorder
};

} // namespace hookline

Q_DECLARE_METATYPE(hookline::ReceiverStarted)
