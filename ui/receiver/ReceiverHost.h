#pragma once

#include "Result.h"
#include "receiver/Receiver.h"
#include "receiver/ReceiverFeed.h"
#include "receiver/ReceiverRoundTrip.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QThread;

namespace hookline {

class ReceivedRequestsModel;
struct Session;

// What the user asked a receiver to be, kept so it can be started again the same way.
struct ReceiverLaunch {
    enum class Certificate {
        None,      // plain HTTP
        Generated, // Hookline's self-signed certificate, kept in the database
        Files,     // the user's PEM certificate and key
    };

    QString id; // empty: "<host>:<port>" once listening
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; // 0: a free port
    // Ports tried from `port` upward while they are in use (1: only `port`).
    int portAttempts = 1;
    Certificate certificate = Certificate::None;
    QString certificatePath;
    QString keyPath;
    bool record = true;

    bool isTls() const { return certificate != Certificate::None; }
};

// A secret attached to a receiver, as the GUI may show it: never its value.
struct AttachedSecretView {
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
    QString label;
    qsizetype length = 0;
};

// The GUI's handle on one local receiver. The Receiver runs on a thread of its own (parsing,
// answering and TLS never touch the GUI thread, whatever the load); its feed hands requests to
// this object's model in a few batches per second. Everything that reads the database (the
// certificate, a webhook's secrets, the round trip) runs on that thread too, and answers through
// callbacks on the GUI thread that are dropped when their context object is gone.
class ReceiverHost final : public QObject {
    Q_OBJECT

public:
    // CallerThread keeps the receiver on the GUI thread (benchmarks compare the two).
    enum class Placement { OwnThread, CallerThread };
    enum class State { Stopped, Starting, Listening, Stopping };
    template <typename T> using Callback = std::function<void(Result<T>)>;

    // Since this host was made, over every run.
    struct Counts {
        qint64 received = 0;
        qint64 verified = 0;
        qint64 failed = 0;
        qint64 rejected = 0; // malformed or over a limit, refused before the handler
        qint64 notShown = 0; // skipped by the feed because the list fell behind (recorded)
    };

    explicit ReceiverHost(std::shared_ptr<Session> session,
                          Placement placement = Placement::OwnThread, QObject *parent = nullptr);
    // Stops the receiver (every answered request is written first) and ends its thread.
    ~ReceiverHost() override;

    State state() const { return m_state; }
    bool isListening() const { return m_state == State::Listening; }
    // The receiver's id: as started, else as it will be started.
    QString id() const { return m_id; }
    // Where it listens (or last listened).
    QUrl url() const { return m_started.url; }
    // HTTPS: "AB:CD:…"; empty for HTTP.
    QString fingerprint() const { return m_started.fingerprint; }
    QString certificateDescription() const { return m_certificateDescription; }
    QStringList warnings() const { return m_started.warnings; }
    const ReceiverLaunch &launch() const { return m_launch; }
    const Counts &counts() const { return m_counts; }
    ReceivedRequestsModel *requests() const { return m_requests; }
    QThread *receiverThread() const;

    // Starts (again) as `launch` says. The certificate is loaded or generated on the receiver's
    // thread. `done` runs on the GUI thread unless `context` is gone by then.
    void start(const ReceiverLaunch &launch, QObject *context, Callback<ReceiverStarted> done);
    // Stops listening; stateChanged follows once every answered request is written.
    void stop();
    // The same, waiting for it (window close, application exit).
    void stopAndWait();

    // Verification. A secret lives only in this process's memory, in the receiver.
    Status addSecret(SignatureScheme scheme, const QString &secret, const QString &label);
    bool removeSecret(qsizetype index);
    QList<AttachedSecretView> secrets() const;
    void attachWebhook(const QString &webhookId, QObject *context, Callback<AttachedWebhook> done);
    bool detachWebhook(const QString &webhookId);
    QList<AttachedWebhook> webhooks() const;
    // The schemes verified, in the order they were attached.
    QList<SignatureScheme> schemes() const;

    // Validates each rule (the first error names the rule's field) and hands them to the
    // receiver's thread (responseRulesApplied follows); kept for the next start too.
    Status setResponseRules(const QList<ResponseRule> &rules, const ResponseRule &fallback);
    const QList<ResponseRule> &responseRules() const { return m_rules; }
    const ResponseRule &fallbackRule() const { return m_fallback; }

    // Receiver::verify on the receiver's thread: the "Show expected signature" button.
    void verify(const ReceivedRequest &request, bool revealExpected, QObject *context,
                std::function<void(Verdict)> done);
    // The round trip (createTestWebhookFor) on the receiver's thread.
    void createTestWebhook(SignatureScheme scheme, QObject *context, Callback<TestWebhook> done);

signals:
    void stateChanged();
    void countsChanged();
    void verificationChanged();
    // The rules given to setResponseRules() answer requests from now on.
    void responseRulesApplied();
    void requestsRejected(const QList<hookline::RejectedRequest> &rejected);

private:
    template <typename R>
    void onReceiverThread(std::function<R()> work, QObject *context, std::function<void(R)> done);
    void onRequestsArrived(const QList<ReceivedRequest> &requests, qint64 skipped);
    void setState(State state);

    std::shared_ptr<Session> m_session;
    QThread *m_thread = nullptr; // null with Placement::CallerThread
    Receiver *m_receiver = nullptr;
    ReceivedRequestsModel *m_requests;
    State m_state = State::Stopped;
    int m_generation = 0; // of start() calls, so one overtaken by stopAndWait() is ignored
    QString m_id;
    ReceiverLaunch m_launch;
    ReceiverStarted m_started;
    QString m_certificateDescription;
    Counts m_counts;
    QList<ResponseRule> m_rules;
    ResponseRule m_fallback;
};

} // namespace hookline
