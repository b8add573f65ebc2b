#include "HttpServer.h"

#include "http/HttpTransport.h"
#include "http/SelfSignedCertificate.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

namespace hookline {

namespace {

// Read at most this much at a time; nothing more is read until it is parsed, so a client that
// sends faster than requests are answered is slowed down by TCP itself.
constexpr qint64 ReadChunkSize = 64 * 1024;
// The next pipelined request is parsed only once the client has taken most earlier answers.
constexpr qint64 WriteHighWater = 256 * 1024;
// After a final response the server keeps reading (and discarding) for a moment before closing:
// closing with unread input makes the kernel send a reset, which can destroy the response (a
// 413, say) before the client has read it.
constexpr int LingerQuietMs = 250;
constexpr int LingerMaxMs = 2000;
constexpr qint64 LingerMaxDiscard = 8 * 1024 * 1024;
// How long a graceful close (TLS close_notify, unsent bytes) may take before the socket is cut.
constexpr int CloseGraceMs = 1000;

// An IPv4 client of a dual-stack listener shows up as ::ffff:a.b.c.d; record a.b.c.d.
QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

QString addressForDisplay(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

} // namespace

// The listening socket; it hands each accepted descriptor straight to the server, so every
// connection (TLS handshakes included) is counted and timed from the moment it is accepted.
// QSslServer (Qt 6.4) hides a connection until its handshake completes, which would let slow or
// bogus handshakes escape the connection limit and the read timeout.
class HttpServer::Listener final : public QTcpServer {
public:
    explicit Listener(HttpServer *server)
        : m_server(server)
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_server->acceptDescriptor(descriptor); }

private:
    HttpServer *m_server;
};

// One client connection: reads, parses, answers in order, and enforces the time limits.
class HttpConnection final : public QObject, private HttpTransport::Events {
public:
    enum class Mode { Serve, Reject };

    HttpConnection(HttpServer *server, std::unique_ptr<HttpTransport> transport, bool tls,
                   Mode mode);

    void start(const QSslConfiguration &sslConfiguration);
    // Closes at once (server shutdown).
    void abort() { finish(false); }

private:
    enum class Phase { Handshake, Reading, Delaying, Lingering, Finished };

    void pump();
    void handleRequest();
    void sendResponse();
    void reject(int statusCode, const QString &reason);
    void beginLinger();
    void discardInput();
    void onTimeout();
    void finish(bool graceful);

    // HttpTransport::Events
    void transportReadable() override;
    void transportWritten(qint64 bytes) override;
    void transportDisconnected() override;
    void transportFailed() override;
    void transportEncrypted() override;

    // The phase's timer: `ms` from now. Re-arming (once per request on a keep-alive
    // connection) only moves a deadline; the timer itself is restarted when it fires early or
    // must fire sooner, because restarting a QTimer costs a (un)registration per request.
    void arm(int ms);
    // A timer that must fire exactly then (a response delay).
    void armExactly(int ms);
    void restartTimer(int ms);
    qint64 pendingWrite() const { return m_transport->pendingWrite(); }
    // Writes `data` now, as far as the kernel takes it; the rest is queued.
    void send(const QByteArray &data);
    int readTimeoutMs() const { return m_limits.readTimeoutMs; }

    HttpServer *m_server;
    const HttpServerLimits m_limits; // as they were when the connection was accepted
    std::unique_ptr<HttpTransport> m_transport;
    bool m_tls;
    Mode m_mode;
    Phase m_phase = Phase::Reading;
    HttpRequestParser m_parser;
    QTimer m_timer;
    QDeadlineTimer m_deadline;   // when the current phase times out
    QDeadlineTimer m_timerFires; // when m_timer, if active, fires
    QHostAddress m_peer;
    quint16 m_peerPort = 0;
    HttpRequest m_pendingRequest;
    HttpResponse m_pendingResponse;
    bool m_pendingKeepAlive = false;
    qint64 m_writtenSinceArm = 0;
    qint64 m_discarded = 0;
    QDeadlineTimer m_lingerDeadline;
};

HttpConnection::HttpConnection(HttpServer *server, std::unique_ptr<HttpTransport> transport,
                               bool tls, Mode mode)
    : QObject(server)
    , m_server(server)
    , m_limits(server->m_limits)
    , m_transport(std::move(transport))
    , m_tls(tls)
    , m_mode(mode)
    , m_parser(m_limits.parser)
    , m_peer(plainAddress(m_transport->peerAddress()))
    , m_peerPort(m_transport->peerPort())
{
    m_transport->setEvents(this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
}

void HttpConnection::transportReadable()
{
    if (m_phase == Phase::Reading)
        pump();
    else if (m_phase == Phase::Lingering)
        discardInput();
    // Handshake: QSslSocket reports input only once encrypted. Delaying: the bytes wait (in
    // the kernel, or the socket's bounded buffer) until the delayed response is out.
}

void HttpConnection::transportWritten(qint64 bytes)
{
    m_writtenSinceArm += bytes;
    if (m_phase == Phase::Reading && pendingWrite() < WriteHighWater &&
        (m_transport->mayRead() || m_parser.bufferedBytes() > 0))
        pump();
}

void HttpConnection::transportDisconnected()
{
    if (m_phase == Phase::Finished)
        deleteLater();
    else
        finish(false);
}

void HttpConnection::transportFailed()
{
    if (m_phase != Phase::Finished)
        finish(false);
}

void HttpConnection::transportEncrypted()
{
    if (m_phase != Phase::Handshake)
        return;
    m_phase = Phase::Reading;
    arm(readTimeoutMs());
    pump();
}

void HttpConnection::start(const QSslConfiguration &sslConfiguration)
{
    if (m_mode == Mode::Reject) {
        // Plain HTTP only: a TLS client over the limit is closed before it costs a handshake.
        HttpResponse busy = HttpResponse::withStatus(
            503, QByteArrayLiteral("too many connections to this receiver; try again\n"));
        busy.setHeader("Retry-After", "1");
        send(serializeHttpResponse(busy, {false, false, false, m_server->clock().nowMs()}));
        beginLinger();
        return;
    }
    if (m_tls) {
        m_phase = Phase::Handshake;
        m_transport->startServerEncryption(sslConfiguration);
    } else {
        m_phase = Phase::Reading;
    }
    arm(readTimeoutMs());
}

void HttpConnection::pump()
{
    bool received = false; // bytes appended since the last parse
    while (m_phase == Phase::Reading) {
        // A client that sends requests but does not read the answers gets no more answers
        // (pipelined ones included) until it catches up.
        if (pendingWrite() >= WriteHighWater)
            return;
        const HttpRequestParser::Status status = m_parser.parse();
        if (status == HttpRequestParser::Status::Complete) {
            handleRequest();
            received = false;
            continue;
        }
        if (status != HttpRequestParser::Status::Incomplete) {
            reject(HttpRequestParser::statusCode(status), m_parser.errorReason());
            return;
        }
        // Body bytes restart the clock; header bytes do not, so a client dripping its headers
        // one byte at a time is still cut off after readTimeoutMs.
        if (received && m_parser.readingBody())
            arm(readTimeoutMs());
        if (m_parser.takeExpectContinue())
            send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        if (!m_transport->mayRead())
            return;
        char chunk[ReadChunkSize];
        const qint64 n = m_transport->read(chunk, sizeof chunk);
        if (n <= 0)
            return;
        m_parser.append(QByteArrayView(chunk, n));
        received = true;
    }
}

void HttpConnection::handleRequest()
{
    HttpRequest request = m_parser.takeRequest();
    request.remoteAddress = m_peer;
    request.remotePort = m_peerPort;
    request.receivedAtMs = m_server->clock().nowMs();
    request.secure = m_tls;

    HttpResponse response;
    try {
        response = m_server->m_handler->handle(request);
    } catch (const std::exception &e) {
        qWarning("Receiver handler failed: %s", e.what());
        response = HttpResponse::withStatus(500, QByteArrayLiteral("handler failed\n"));
    } catch (...) {
        qWarning("Receiver handler failed");
        response = HttpResponse::withStatus(500, QByteArrayLiteral("handler failed\n"));
    }
    if (m_phase != Phase::Reading) // the handler closed the server
        return;

    m_pendingKeepAlive = request.keepAlive() && !response.closeConnection;
    m_pendingRequest = std::move(request);
    m_pendingResponse = std::move(response);
    if (m_pendingResponse.delayMs > 0) {
        m_phase = Phase::Delaying;
        armExactly(m_pendingResponse.delayMs);
        return;
    }
    sendResponse();
}

void HttpConnection::sendResponse()
{
    const HttpRequest request = std::exchange(m_pendingRequest, HttpRequest());
    const HttpResponse response = std::exchange(m_pendingResponse, HttpResponse());
    HttpResponseFraming framing;
    framing.keepAlive = m_pendingKeepAlive;
    framing.http10Client = request.version == HttpVersion::Http10;
    framing.headRequest = request.method == "HEAD";
    framing.nowMs = m_server->clock().nowMs();
    send(serializeHttpResponse(response, framing));

    if (m_pendingKeepAlive) {
        m_phase = Phase::Reading;
        arm(readTimeoutMs());
    } else {
        beginLinger();
    }
    emit m_server->requestHandled(request, response.wireStatusCode());
}

void HttpConnection::reject(int statusCode, const QString &reason)
{
    HttpResponse response = HttpResponse::withStatus(statusCode, reason.toUtf8().append('\n'));
    send(serializeHttpResponse(response, {false, false, false, m_server->clock().nowMs()}));
    beginLinger();
    emit m_server->requestRejected(m_peer, statusCode, reason);
}

void HttpConnection::beginLinger()
{
    m_phase = Phase::Lingering;
    // The usual case: the client sent exactly one request and waits; nothing to drain.
    if (m_mode == Mode::Serve && !m_parser.hasPartialRequest() && !m_transport->mayRead()) {
        finish(true);
        return;
    }
    m_lingerDeadline = QDeadlineTimer(std::min(LingerMaxMs, readTimeoutMs()));
    discardInput();
}

void HttpConnection::discardInput()
{
    char sink[16 * 1024];
    while (m_transport->mayRead()) {
        const qint64 n = m_transport->read(sink, sizeof sink);
        if (n <= 0)
            break;
        m_discarded += n;
    }
    if (m_discarded > LingerMaxDiscard || m_lingerDeadline.hasExpired())
        finish(true);
    else
        arm(std::min(LingerQuietMs, readTimeoutMs()));
}

void HttpConnection::onTimeout()
{
    // The deadline moved on since the timer was started: wait for the rest.
    if (m_phase != Phase::Finished) {
        if (const qint64 left = m_deadline.remainingTime(); left > 0) {
            restartTimer(int(left));
            return;
        }
    }
    switch (m_phase) {
    case Phase::Handshake:
        finish(false);
        return;
    case Phase::Reading:
        if (pendingWrite() > 0) {
            // The client is slow to take a response: fine while it makes progress.
            if (m_writtenSinceArm > 0)
                arm(readTimeoutMs());
            else
                finish(false);
            return;
        }
        if (m_parser.hasPartialRequest())
            reject(408, QStringLiteral("request not received within %1 ms").arg(readTimeoutMs()));
        else
            finish(true); // idle keep-alive connection
        return;
    case Phase::Delaying:
        sendResponse();
        if (m_phase == Phase::Reading)
            pump();
        return;
    case Phase::Lingering:
        if (pendingWrite() > 0 && !m_lingerDeadline.hasExpired())
            arm(std::min(LingerQuietMs, readTimeoutMs()));
        else
            finish(true);
        return;
    case Phase::Finished:
        // The graceful close did not complete in time.
        m_transport->abort();
        deleteLater();
        return;
    }
}

void HttpConnection::finish(bool graceful)
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    m_timer.stop();
    m_server->connectionFinished(this);
    // A graceful close sends what is still queued (and TLS's close_notify) first.
    if (graceful && !m_transport->closeGracefully()) {
        m_timer.start(CloseGraceMs);
        return;
    }
    m_transport->abort();
    deleteLater();
}

void HttpConnection::arm(int ms)
{
    ms = std::max(ms, 0);
    m_writtenSinceArm = 0;
    m_deadline = QDeadlineTimer(ms);
    if (m_timer.timerType() != Qt::CoarseTimer) {
        m_timer.stop();
        m_timer.setTimerType(Qt::CoarseTimer);
    }
    // A running timer that fires no later than the deadline is kept: onTimeout() re-arms it
    // for what is left.
    if (!m_timer.isActive() || m_deadline < m_timerFires)
        restartTimer(ms);
}

void HttpConnection::restartTimer(int ms)
{
    m_timerFires = QDeadlineTimer(ms);
    m_timer.start(ms);
}

void HttpConnection::armExactly(int ms)
{
    ms = std::max(ms, 0);
    m_writtenSinceArm = 0;
    m_deadline = QDeadlineTimer(ms, Qt::PreciseTimer);
    // A sender's timeout is tested against this delay: a coarse timer may fire 5 % early.
    m_timer.setTimerType(Qt::PreciseTimer);
    restartTimer(ms);
}

void HttpConnection::send(const QByteArray &data)
{
    m_transport->write(data);
}

HttpServer::HttpServer(IRequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_clock(SystemClock::instance())
    , m_listener(std::make_unique<Listener>(this))
{
    Q_ASSERT(handler);
}

HttpServer::~HttpServer()
{
    // Connections still closing gracefully are children and go with the server (after the
    // epoll set, which closes their sockets as it goes).
    close();
}

void HttpServer::setLimits(const HttpServerLimits &limits)
{
    m_limits = limits;
    m_limits.maxConnections = std::max(limits.maxConnections, 1);
    m_limits.readTimeoutMs = std::max(limits.readTimeoutMs, 1);
}

void HttpServer::setClock(const Clock *clock)
{
    m_clock = clock ? clock : SystemClock::instance();
}

Status HttpServer::listen(const QHostAddress &address, quint16 port,
                          const std::optional<HttpTlsCredentials> &tls)
{
    if (m_listener->isListening())
        return Error{ErrorCode::Conflict, QStringLiteral("port"),
                     QStringLiteral("this receiver is already listening on %1")
                         .arg(addressForDisplay(serverAddress(), serverPort()))};
    if (tls) {
        if (!QSslSocket::supportsSsl())
            return Error{ErrorCode::InvalidArgument, QStringLiteral("tls"),
                         QStringLiteral("HTTPS is unavailable: Qt found no TLS library")};
        if (tls->certificate.isNull())
            return Error{ErrorCode::InvalidArgument, QStringLiteral("certificate"),
                         QStringLiteral("HTTPS needs a certificate")};
        if (tls->privateKey.isNull() || tls->privateKey.type() != QSsl::PrivateKey)
            return Error{ErrorCode::InvalidArgument, QStringLiteral("privateKey"),
                         QStringLiteral("HTTPS needs the certificate's private key")};
        if (!privateKeyMatchesCertificate(tls->certificate.toPem(), tls->privateKey.toPem()))
            return Error{ErrorCode::InvalidArgument, QStringLiteral("privateKey"),
                         QStringLiteral("the private key does not belong to the certificate")};
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        QList<QSslCertificate> chain{tls->certificate};
        chain.append(tls->intermediates);
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(tls->privateKey);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        m_sslConfiguration = configuration;
    }
    if (!m_listener->listen(address, port)) {
        const bool inUse = m_listener->serverError() == QAbstractSocket::AddressInUseError;
        return Error{inUse ? ErrorCode::Conflict : ErrorCode::InvalidArgument,
                     QStringLiteral("port"),
                     inUse ? QStringLiteral("%1 is already in use; choose another port")
                                 .arg(addressForDisplay(address, port))
                           : QStringLiteral("cannot listen on %1: %2")
                                 .arg(addressForDisplay(address, port), m_listener->errorString())};
    }
    m_secure = tls.has_value();
    return Status::success();
}

void HttpServer::close()
{
    m_listener->close();
    const auto all = [](const std::unordered_set<HttpConnection *> &set) {
        return std::vector<HttpConnection *>(set.begin(), set.end());
    };
    for (HttpConnection *connection : all(m_connections))
        connection->abort();
    for (HttpConnection *connection : all(m_rejecting))
        connection->abort();
}

bool HttpServer::isListening() const
{
    return m_listener->isListening();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_listener->serverAddress();
}

quint16 HttpServer::serverPort() const
{
    return m_listener->serverPort();
}

bool HttpServer::batchedSendsBuilt()
{
#if defined(Q_OS_LINUX) && defined(HOOKLINE_IO_URING)
    return true;
#else
    return false;
#endif
}

bool HttpServer::sendsBatched() const
{
#ifdef Q_OS_LINUX
    return m_socketSet && m_socketSet->sendsBatched();
#else
    return false;
#endif
}

std::unique_ptr<HttpTransport> HttpServer::adopt(qintptr descriptor, bool tls)
{
#ifdef Q_OS_LINUX
    if (!tls && m_nativeSockets) {
        if (!m_socketSet)
            m_socketSet = std::make_unique<EpollSocketSet>(m_batchedSends, this);
        if (m_socketSet->isValid())
            return m_socketSet->adopt(int(descriptor));
    }
#endif
    QTcpSocket *socket = tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return nullptr;
    }
    return makeQtTransport(socket, tls);
}

void HttpServer::acceptDescriptor(qintptr descriptor)
{
    const bool full = int(m_connections.size()) >= m_limits.maxConnections;
    std::unique_ptr<HttpTransport> transport = adopt(descriptor, m_secure && !full);
    if (!transport)
        return;
    if (full) {
        emit connectionRejected(plainAddress(transport->peerAddress()));
        // Turning away costs a little too; past as many again, drop without a word.
        if (m_secure || int(m_rejecting.size()) >= m_limits.maxConnections) {
            transport->abort();
            return;
        }
        auto *connection =
            new HttpConnection(this, std::move(transport), false, HttpConnection::Mode::Reject);
        m_rejecting.insert(connection);
        connection->start(m_sslConfiguration);
        return;
    }
    auto *connection =
        new HttpConnection(this, std::move(transport), m_secure, HttpConnection::Mode::Serve);
    m_connections.insert(connection);
    connection->start(m_sslConfiguration);
}

void HttpServer::connectionFinished(HttpConnection *connection)
{
    m_connections.erase(connection);
    m_rejecting.erase(connection);
}

} // namespace hookline
