#pragma once

#include "http/HttpServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace hookline::test {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the server read it.
struct ReceivedRequest {
    QByteArray method;
    QByteArray path;
    RawHeaders headers;
    QByteArray body;
    bool secure = false;

    // The first value of `name` (case-insensitive), or empty.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // Every value of `name`, in order.
    QList<QByteArray> headerValues(const QByteArray &name) const;
};

// What the server answers.
struct CannedResponse {
    int status = 200;
    RawHeaders headers;
    QByteArray body = QByteArrayLiteral("ok");
    // Answer after this many milliseconds (a timer: the server keeps serving others).
    int delayMs = 0;
    // Never answer (within any test's lifetime); keep the connection open.
    bool hang = false;
};

// A receiving endpoint for tests and benchmarks: core's HttpServer on 127.0.0.1 (plain, or TLS
// with a self-signed certificate generated for the run), answering with a fixed response or one
// chosen per request, counting and (optionally) recording what arrives. It may live on any
// thread; requestCount(), requests() and deliveryIdCounts() are safe from every thread.
class LocalHttpServer : public QObject, private IRequestHandler {
    Q_OBJECT

public:
    explicit LocalHttpServer(QObject *parent = nullptr);
    ~LocalHttpServer() override;

    // Serve TLS with the run's self-signed certificate (listening again on a new port when
    // already started).
    void enableTls();
    bool isTls() const { return m_tls; }
    // Listens on 127.0.0.1 on a free port.
    bool start();

    quint16 port() const;
    // "http(s)://127.0.0.1:<port><path>".
    QString url(const QString &path = QStringLiteral("/hook")) const;

    void setResponse(const CannedResponse &response);
    // Called on the server's thread for each request (index from 0); overrides setResponse().
    void setHandler(std::function<CannedResponse(const ReceivedRequest &, int index)> handler);
    // Off: only count (benchmarks).
    void setRecording(bool on) { m_recording = on; }

    int requestCount() const { return m_count.load(); }
    QList<ReceivedRequest> requests() const;
    // How many times each X-Webhook-Id value arrived.
    QHash<QByteArray, int> deliveryIdCounts() const;
    void clear();

    // SHA-256 fingerprint of the certificate enableTls() serves: lowercase hex, no separators.
    static QString certificateSha256();

signals:
    // Emitted on the server's thread once a request has been read, before it is answered.
    void requestReceived(int count);

private:
    HttpResponse handle(const HttpRequest &request) override;

    std::unique_ptr<HttpServer> m_server;
    bool m_tls = false;
    std::atomic<bool> m_recording{true};
    std::atomic<int> m_count{0};
    mutable QMutex m_mutex;
    CannedResponse m_response;
    std::function<CannedResponse(const ReceivedRequest &, int)> m_handler;
    QList<ReceivedRequest> m_requests;
    QHash<QByteArray, int> m_idCounts;
};

} // namespace hookline::test
