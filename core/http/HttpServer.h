#pragma once

#include "Clock.h"
#include "Result.h"
#include "http/HttpRequest.h"
#include "http/HttpRequestParser.h"
#include "http/HttpResponse.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

#include <memory>
#include <optional>
#include <unordered_set>

namespace hookline {

// Answers requests for an HttpServer. Called synchronously on the server's thread, once per
// complete request, in the order requests arrive on each connection; it must not block (a
// response delay is applied by the server with a timer).
class IRequestHandler {
public:
    virtual ~IRequestHandler() = default;
    virtual HttpResponse handle(const HttpRequest &request) = 0;
};

// What keeps the server up whatever clients send.
struct HttpServerLimits {
    HttpParserLimits parser;
    // A connection is closed when the header section of a request has not fully arrived within
    // this time (counted from the connection, the TLS handshake or the previous response), when
    // a body stops progressing for this long, when a keep-alive connection stays idle this long,
    // or when a client stops reading a response for this long.
    int readTimeoutMs = 10'000;
    // Open connections, TLS handshakes included. Beyond it, a plain-HTTP client gets a 503 and
    // is closed; a TLS client is closed at once (answering would cost a full handshake).
    int maxConnections = 256;
};

struct HttpTlsCredentials {
    QSslCertificate certificate = QSslCertificate(); // (its default constructor is explicit)
    QSslKey privateKey;
    QList<QSslCertificate> intermediates;
};

class HttpConnection;
class HttpTransport;
#ifdef Q_OS_LINUX
class EpollSocketSet;
#endif

// A small HTTP/1.1 server for the local receiver: keep-alive, pipelining, HTTPS, and the limits
// in HttpServerLimits. One thread, driven by the event loop; nothing blocks.
class HttpServer final : public QObject {
    Q_OBJECT

public:
    // `handler` must outlive the server.
    explicit HttpServer(IRequestHandler *handler, QObject *parent = nullptr);
    ~HttpServer() override;

    // Plain-HTTP connections on Linux are served through an epoll set of the server's own rather
    // than QTcpSocket (see EpollSocketSet); false keeps them on QTcpSocket, as on other systems
    // and for HTTPS. Applies to connections accepted from then on.
    void setNativeSockets(bool native) { m_nativeSockets = native; }
    bool nativeSockets() const { return m_nativeSockets; }
    // With native sockets, a turn's responses go out in one io_uring submission where the kernel
    // allows it (see EpollSocketSet); false sends each with send(). Set before the first
    // connection. sendsBatched(): whether they do (known once a plain connection was accepted).
    void setBatchedSends(bool batched) { m_batchedSends = batched; }
    bool sendsBatched() const;
    // Whether this build can batch sends at all (Linux, built with liburing).
    static bool batchedSendsBuilt();

    // Applies to connections accepted from then on.
    void setLimits(const HttpServerLimits &limits);
    const HttpServerLimits &limits() const { return m_limits; }
    // Stamps HttpRequest::receivedAtMs and the Date header; must outlive the server.
    void setClock(const Clock *clock);
    const Clock &clock() const { return *m_clock; }

    // Port 0 picks a free port (see serverPort()). With `tls`, every connection is HTTPS.
    // Errors: CONFLICT when the address is in use, INVALID_ARGUMENT for anything else (a
    // certificate without key, a key that does not match, an address this machine lacks).
    Status listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost),
                  quint16 port = 0, const std::optional<HttpTlsCredentials> &tls = std::nullopt);
    // Stops listening and drops every connection.
    void close();

    bool isListening() const;
    bool isSecure() const { return m_secure; }
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    // Connections being served (not counting rejected ones being turned away).
    int connectionCount() const { return int(m_connections.size()); }

signals:
    // A response was sent for `request`.
    void requestHandled(const hookline::HttpRequest &request, int statusCode);
    // A request was refused before reaching the handler: malformed (400), too large (413, 431),
    // unsupported (501, 505) or too slow (408). The connection is closed.
    void requestRejected(const QHostAddress &remoteAddress, int statusCode, const QString &reason);
    // A connection was turned away because maxConnections were open.
    void connectionRejected(const QHostAddress &remoteAddress);

private:
    friend class HttpConnection;
    class Listener;

    void acceptDescriptor(qintptr descriptor);
    // The transport for an accepted descriptor; null (descriptor closed) when it fails.
    std::unique_ptr<HttpTransport> adopt(qintptr descriptor, bool tls);
    void connectionFinished(HttpConnection *connection);

    IRequestHandler *m_handler;
    const Clock *m_clock;
    HttpServerLimits m_limits;
    std::unique_ptr<Listener> m_listener;
    bool m_secure = false;
    QSslConfiguration m_sslConfiguration;
    std::unordered_set<HttpConnection *> m_connections;
    std::unordered_set<HttpConnection *> m_rejecting;
    bool m_nativeSockets = true;
    bool m_batchedSends = true;
#ifdef Q_OS_LINUX
    std::unique_ptr<EpollSocketSet> m_socketSet; // created with the first plain connection
#endif
};

} // namespace hookline
