#include "http/HttpServer.h"
#include "http/SelfSignedCertificate.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif
#ifdef Q_OS_LINUX
#include <linux/io_uring.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace hookline;

namespace {

// Generous bounds for QTRY_: the events they wait for take milliseconds; a loaded CI machine
// may take longer, and a hang still fails.
constexpr int Wait = 5000;

class RecordingHandler final : public IRequestHandler {
public:
    HttpResponse handle(const HttpRequest &request) override
    {
        requests.append(request);
        if (respond)
            return respond(request);
        HttpResponse response =
            HttpResponse::withStatus(200, request.body, "application/octet-stream");
        response.setHeader("X-Method", request.method);
        response.setHeader("X-Path", request.path);
        response.setHeader("X-Query", request.query);
        return response;
    }

    QList<HttpRequest> requests;
    std::function<HttpResponse(const HttpRequest &)> respond;
};

struct Response {
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && httpTokenEquals(line.first(colon), name))
                return line.sliced(colon + 1).trimmed();
        }
        return {};
    }
};

// The complete responses at the front of `bytes` (interim 100 responses included).
QList<Response> parseResponses(const QByteArray &bytes)
{
    QList<Response> out;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        Response r;
        r.head = bytes.mid(pos, end - pos);
        r.status = r.head.mid(9, 3).toInt();
        const qsizetype length = r.header("Content-Length").toLongLong();
        if (bytes.size() < end + 4 + length)
            break;
        r.body = bytes.mid(end + 4, length);
        pos = end + 4 + length;
        out.append(r);
    }
    return out;
}

// A client that speaks raw bytes and records everything it receives.
// Whether this process may create an io_uring (the kernel may be too old, or a seccomp policy or
// kernel.io_uring_disabled may refuse it).
bool kernelAllowsIoUring()
{
#if defined(Q_OS_LINUX) && defined(__NR_io_uring_setup)
    io_uring_params params{};
    const long fd = ::syscall(__NR_io_uring_setup, 4, &params);
    if (fd >= 0)
        ::close(int(fd));
    return fd >= 0;
#else
    return false;
#endif
}

class RawClient {
public:
    explicit RawClient(quint16 port, QTcpSocket *socket = nullptr)
        : m_socket(socket ? socket : new QTcpSocket)
    {
        QObject::connect(m_socket.get(), &QIODevice::readyRead, m_socket.get(),
                         [this] { received.append(m_socket->readAll()); });
        QObject::connect(m_socket.get(), &QAbstractSocket::disconnected, m_socket.get(),
                         [this] { closed = true; });
        if (!socket)
            m_socket->connectToHost(QHostAddress::LocalHost, port);
    }

    QTcpSocket &socket() { return *m_socket; }
    bool connected() const { return m_socket->state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes) { m_socket->write(bytes); }
    QList<Response> responses() const { return parseResponses(received); }

    QByteArray received;
    bool closed = false;

private:
    std::unique_ptr<QTcpSocket> m_socket;
};

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extra = {})
{
    return QByteArray("POST ")
        .append(path)
        .append(" HTTP/1.1\r\nHost: localhost\r\nContent-Length: ")
        .append(QByteArray::number(body.size()))
        .append("\r\n")
        .append(extra)
        .append("\r\n")
        .append(body);
}

QByteArray get(const QByteArray &path, const QByteArray &extra = {})
{
    return QByteArray("GET ")
        .append(path)
        .append(" HTTP/1.1\r\nHost: localhost\r\n")
        .append(extra)
        .append("\r\n");
}

} // namespace

class TestHttpServer : public QObject {
    Q_OBJECT

private:
    RecordingHandler m_handler;
    ManualClock m_clock;
    std::unique_ptr<HttpServer> m_server;

    HttpServer &start(const HttpServerLimits &limits = {},
                      const std::optional<HttpTlsCredentials> &tls = std::nullopt)
    {
        m_handler = RecordingHandler();
        m_server = std::make_unique<HttpServer>(&m_handler);
        m_server->setClock(&m_clock);
        m_server->setLimits(limits);
        const QString sockets = qEnvironmentVariable("HOOKLINE_TEST_HTTP_SOCKETS");
        m_server->setNativeSockets(sockets != QLatin1String("qt"));
        m_server->setBatchedSends(sockets != QLatin1String("send"));
        const Status status = m_server->listen(QHostAddress(QHostAddress::LocalHost), 0, tls);
        if (!status)
            qFatal("listen failed: %s", qPrintable(status.error().toString()));
        return *m_server;
    }

    static HttpServerLimits shortLimits()
    {
        HttpServerLimits limits;
        limits.readTimeoutMs = 200;
        return limits;
    }

    static HttpTlsCredentials credentials(const SelfSignedCertificate &generated)
    {
        return {QSslCertificate(generated.certificatePem, QSsl::Pem),
                QSslKey(generated.privateKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey),
                {}};
    }

private slots:
    void cleanup() { m_server.reset(); }

    void echo()
    {
        HttpServer &server = start();
        QCOMPARE(server.serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(server.serverPort() != 0);
        QSignalSpy handled(&server, &HttpServer::requestHandled);

        RawClient client(server.serverPort());
        client.send(post("/hooks/a?x=1", "{\"ok\":true}", "X-Custom: yes\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);

        const Response r = client.responses().constFirst();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{\"ok\":true}"));
        QCOMPARE(r.header("X-Path"), QByteArray("/hooks/a"));
        QCOMPARE(r.header("X-Query"), QByteArray("x=1"));
        // The Date header comes from the injected clock (1'700'000'000'000 ms).
        QCOMPARE(r.header("Date"), QByteArray("Tue, 14 Nov 2023 22:13:20 GMT"));

        QCOMPARE(m_handler.requests.size(), 1);
        const HttpRequest &request = m_handler.requests.constFirst();
        QCOMPARE(request.remoteAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(request.remotePort, client.socket().localPort());
        QCOMPARE(request.receivedAtMs, m_clock.nowMs());
        QCOMPARE(request.header("x-custom"), QByteArray("yes"));
        QVERIFY(!request.secure);
        QCOMPARE(handled.size(), 1);
        QCOMPARE(handled.at(0).at(1).toInt(), 200);
        QVERIFY(!client.closed);
    }

    void keepAliveAndPipelining()
    {
        HttpServer &server = start();
        RawClient client(server.serverPort());
        client.send(get("/one"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        client.send(post("/two", "2"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 2, Wait);
        // Two more in one write: answered in order on the same connection.
        client.send(get("/three").append(post("/four", "4444")));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 4, Wait);

        const QList<Response> responses = client.responses();
        QCOMPARE(responses.at(0).header("X-Path"), QByteArray("/one"));
        QCOMPARE(responses.at(1).body, QByteArray("2"));
        QCOMPARE(responses.at(2).header("X-Path"), QByteArray("/three"));
        QCOMPARE(responses.at(3).body, QByteArray("4444"));
        QCOMPARE(server.connectionCount(), 1);
        QVERIFY(!client.closed);
    }

    void connectionCloseHonoured_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("1.1 Connection: close") << get("/", "Connection: close\r\n");
        QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n");
    }

    void connectionCloseHonoured()
    {
        QFETCH(QByteArray, request);
        HttpServer &server = start();
        RawClient client(server.serverPort());
        client.send(request);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        QCOMPARE(client.responses().size(), 1);
        QCOMPARE(client.responses().constFirst().header("Connection"), QByteArray("close"));
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
    }

    void http10KeepAlive()
    {
        HttpServer &server = start();
        RawClient client(server.serverPort());
        client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().header("Connection"), QByteArray("keep-alive"));
        QVERIFY(!client.closed);
    }

    void payloadTooLargeBeforeTheBody()
    {
        HttpServerLimits limits;
        limits.parser.maxBodySize = 1024;
        HttpServer &server = start(limits);
        QSignalSpy rejected(&server, &HttpServer::requestRejected);

        RawClient client(server.serverPort());
        // Only the header section: the 413 must come without the body ever being sent.
        client.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4096\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().status, 413);
        QCOMPARE(client.responses().constFirst().header("Connection"), QByteArray("close"));
        QVERIFY(m_handler.requests.isEmpty());
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).toInt(), 413);
        // The rest of the body is read and dropped, then the connection is closed.
        client.send(QByteArray(4096, 'x'));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
    }

    void chunkedOverTheLimit()
    {
        HttpServerLimits limits;
        limits.parser.maxBodySize = 1024;
        HttpServer &server = start(limits);
        RawClient client(server.serverPort());
        client.send("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "200\r\n");
        client.send(QByteArray(0x200, 'a').append("\r\n300\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().status, 413);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        QVERIFY(m_handler.requests.isEmpty());
    }

    void bodyAtTheLimitIsAccepted()
    {
        HttpServerLimits limits;
        limits.parser.maxBodySize = 200 * 1024; // several socket reads
        HttpServer &server = start(limits);
        RawClient client(server.serverPort());
        QByteArray body(limits.parser.maxBodySize, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char('a' + i % 26);
        client.send(post("/big", body));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().status, 200);
        QCOMPARE(client.responses().constFirst().body, body);
    }

    void malformedGets400_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("hello, server\r\n\r\n") << 400;
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe\r\n\r\n", 8) << 400;
        QTest::newRow("TLS ClientHello on plain HTTP")
            << QByteArray("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\n", 12) << 400;
        QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << 400;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
        QTest::newRow("gzip transfer coding")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
            << 501;
        QTest::newRow("headers too large") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-Big: ")
                                                  .append(QByteArray(20 * 1024, 'b'))
                                                  .append("\r\n\r\n")
                                           << 431;
    }

    void malformedGets400()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        HttpServer &server = start(shortLimits());
        QSignalSpy rejected(&server, &HttpServer::requestRejected);
        RawClient client(server.serverPort());
        client.send(bytes);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        QCOMPARE(client.responses().size(), 1);
        QCOMPARE(client.responses().constFirst().status, status);
        QVERIFY(!client.responses().constFirst().body.isEmpty()); // says why
        QCOMPARE(rejected.size(), 1);
        QVERIFY(m_handler.requests.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
    }

    void readTimeoutClosesAStalledRequest()
    {
        HttpServer &server = start(shortLimits());
        QSignalSpy rejected(&server, &HttpServer::requestRejected);
        RawClient client(server.serverPort());
        QElapsedTimer elapsed;
        elapsed.start();
        client.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Le");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        QVERIFY(elapsed.elapsed() >= 150);
        QCOMPARE(client.responses().size(), 1);
        QCOMPARE(client.responses().constFirst().status, 408);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).toInt(), 408);
        QCOMPARE(server.connectionCount(), 0);
    }

    void readTimeoutClosesAnIdleConnection()
    {
        HttpServer &server = start(shortLimits());
        RawClient silent(server.serverPort());
        RawClient afterOneRequest(server.serverPort());
        afterOneRequest.send(get("/"));
        QTRY_VERIFY_WITH_TIMEOUT(silent.closed && afterOneRequest.closed, Wait);
        QVERIFY(silent.received.isEmpty()); // idle: closed without a word
        QCOMPARE(afterOneRequest.responses().size(), 1);
        QCOMPARE(server.connectionCount(), 0);
    }

    void busyKeepAliveConnectionOutlivesTheReadTimeout()
    {
        // The read timeout counts from the latest response, however long the connection has
        // been open: a client that keeps sending requests is never cut off, and one that stops
        // is closed a read timeout after its last answer.
        HttpServer &server = start(shortLimits()); // 200 ms
        RawClient client(server.serverPort());
        int sent = 0;
        QElapsedTimer sinceLast;
        QTimer next;
        QObject::connect(&next, &QTimer::timeout, &next, [&] {
            if (sent == 8 || client.closed)
                return next.stop();
            client.send(get("/again"));
            ++sent;
            sinceLast.start();
        });
        next.start(70); // 8 requests over ~560 ms, almost three read timeouts
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        QCOMPARE(sent, 8);
        QCOMPARE(client.responses().size(), 8);
        QVERIFY2(sinceLast.elapsed() >= 150, qPrintable(QString::number(sinceLast.elapsed())));
    }

    void slowHeadersAreCutOff()
    {
        // Slowloris: a byte every 40 ms would take seconds to finish the header section; the
        // header deadline does not move with each byte.
        HttpServer &server = start(shortLimits());
        RawClient client(server.serverPort());
        const QByteArray request = get("/slow", "X-Padding: 0123456789012345678901234567890\r\n");
        qsizetype sent = 0;
        QTimer drip;
        QObject::connect(&drip, &QTimer::timeout, &drip, [&] {
            if (sent < request.size())
                client.send(request.mid(sent++, 1));
        });
        drip.start(40);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        drip.stop();
        QVERIFY(sent < request.size());
        QVERIFY(m_handler.requests.isEmpty());
    }

    void slowButSteadyBodyIsAccepted()
    {
        // A body that keeps arriving restarts the clock; only a stalled one is cut off.
        HttpServerLimits limits;
        limits.readTimeoutMs = 400;
        HttpServer &server = start(limits);
        RawClient client(server.serverPort());
        const QByteArray body = "0123456789";
        client.send(QByteArray("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n"));
        qsizetype sent = 0;
        QTimer drip;
        QObject::connect(&drip, &QTimer::timeout, &drip, [&] {
            if (sent < body.size())
                client.send(body.mid(sent++, 1));
        });
        drip.start(50); // 10 bytes over ~500 ms, longer than the read timeout
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().status, 200);
        QCOMPARE(client.responses().constFirst().body, body);
    }

    void connectionLimit()
    {
        HttpServerLimits limits;
        limits.maxConnections = 2;
        HttpServer &server = start(limits);
        QSignalSpy rejectedConnections(&server, &HttpServer::connectionRejected);

        RawClient first(server.serverPort());
        RawClient second(server.serverPort());
        first.send("GET / HTTP/1.1\r\n"); // half a request: the connection stays busy
        second.send("GET / HTTP/1.1\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, Wait);

        RawClient third(server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(third.closed, Wait);
        QCOMPARE(third.responses().size(), 1);
        QCOMPARE(third.responses().constFirst().status, 503);
        QCOMPARE(rejectedConnections.size(), 1);
        QCOMPARE(rejectedConnections.at(0).at(0).value<QHostAddress>(),
                 QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(server.connectionCount(), 2);

        // The two admitted connections are still served.
        first.send("Host: localhost\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(first.responses().size(), 1, Wait);
        QCOMPARE(first.responses().constFirst().status, 200);

        // A slot frees up when a client leaves.
        second.socket().abort();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, Wait);
        RawClient fourth(server.serverPort());
        fourth.send(get("/"));
        QTRY_COMPARE_WITH_TIMEOUT(fourth.responses().size(), 1, Wait);
        QCOMPARE(fourth.responses().constFirst().status, 200);
    }

    void delayedResponseBlocksNothing()
    {
        HttpServer &server = start();
        m_handler.respond = [](const HttpRequest &request) {
            HttpResponse response = HttpResponse::withStatus(202, request.path);
            if (request.path == "/slow")
                response.delayMs = 400;
            return response;
        };
        RawClient slow(server.serverPort());
        RawClient fast(server.serverPort());
        QElapsedTimer elapsed;
        elapsed.start();
        slow.send(get("/slow"));
        QTRY_COMPARE_WITH_TIMEOUT(m_handler.requests.size(), 1, Wait);
        fast.send(get("/fast"));
        QTRY_COMPARE_WITH_TIMEOUT(fast.responses().size(), 1, Wait);
        QVERIFY(slow.received.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(slow.responses().size(), 1, Wait);
        QVERIFY(elapsed.elapsed() >= 350);
        QCOMPARE(slow.responses().constFirst().status, 202);
        QCOMPARE(slow.responses().constFirst().body, QByteArray("/slow"));
    }

    void delayedResponsesStayInOrder()
    {
        HttpServer &server = start();
        m_handler.respond = [](const HttpRequest &request) {
            HttpResponse response = HttpResponse::withStatus(200, request.path);
            response.delayMs = request.path == "/a" ? 200 : 0;
            return response;
        };
        RawClient client(server.serverPort());
        client.send(get("/a").append(get("/b")));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 2, Wait);
        QCOMPARE(client.responses().at(0).body, QByteArray("/a"));
        QCOMPARE(client.responses().at(1).body, QByteArray("/b"));
    }

    void handlerDecidesStatusAndClose()
    {
        HttpServer &server = start();
        m_handler.respond = [](const HttpRequest &) {
            HttpResponse response;
            response.statusCode = 99; // not a final status: sent as 500
            response.closeConnection = true;
            response.headers.append(HttpHeader{"X-Injected", "a\r\nSet-Cookie: evil"});
            response.headers.append(HttpHeader{"Content-Length", "999"});
            return response;
        };
        RawClient client(server.serverPort());
        client.send(get("/"));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
        QCOMPARE(client.responses().size(), 1);
        const Response r = client.responses().constFirst();
        QCOMPARE(r.status, 500);
        QCOMPARE(r.header("Content-Length"), QByteArray("0"));
        QVERIFY(!r.head.contains("Set-Cookie"));
        QVERIFY(!r.head.contains("X-Injected"));
    }

    void expectContinue()
    {
        HttpServer &server = start();
        RawClient client(server.serverPort());
        client.send("POST / HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                    "Content-Length: 5\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.received.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), Wait);
        client.send("hello");
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 2, Wait);
        QCOMPARE(client.responses().at(1).status, 200);
        QCOMPARE(client.responses().at(1).body, QByteArray("hello"));
    }

    void survivesClientsThatVanish()
    {
        HttpServer &server = start();
        for (int i = 0; i < 20; ++i) {
            RawClient client(server.serverPort());
            QTRY_VERIFY_WITH_TIMEOUT(client.connected(), Wait);
            client.send(QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nab")
                            .left(10 + i * 3));
            QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() >= 1, Wait);
            client.socket().abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
        RawClient after(server.serverPort());
        after.send(get("/"));
        QTRY_COMPARE_WITH_TIMEOUT(after.responses().size(), 1, Wait);
    }

    void halfClosedClientStillGetsItsResponse()
    {
#ifdef Q_OS_UNIX
        // Some clients send the request, then shut down their sending side and read.
        HttpServer &server = start();
        RawClient client(server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(client.connected(), Wait);
        client.send(get("/half", "Connection: close\r\n"));
        QVERIFY(client.socket().waitForBytesWritten(Wait));
        QCOMPARE(::shutdown(int(client.socket().socketDescriptor()), SHUT_WR), 0);
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().header("X-Path"), QByteArray("/half"));
#else
        QSKIP("needs shutdown(2)");
#endif
    }

    void peerCloseIsNoticedAtOnce()
    {
#ifdef Q_OS_UNIX
        // A keep-alive request and the client's FIN arrive together: the server answers, sees
        // the close in the same turn and lets the connection go, long before the read timeout.
        HttpServerLimits limits;
        limits.readTimeoutMs = 60'000;
        HttpServer &server = start(limits);
        RawClient client(server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(client.connected(), Wait);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, Wait);
        const int fd = int(client.socket().socketDescriptor());
        const QByteArray request = get("/bye");
        QCOMPARE(::send(fd, request.constData(), size_t(request.size()), 0),
                 ssize_t(request.size()));
        QCOMPARE(::shutdown(fd, SHUT_WR), 0);
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        QCOMPARE(client.responses().constFirst().header("X-Path"), QByteArray("/bye"));
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
#else
        QSKIP("needs shutdown(2)");
#endif
    }

    void largePipelinedResponsesArriveWholeAndInOrder()
    {
        // Each answer is larger than the kernel takes at once: the first part of one goes
        // straight to the socket, the rest queues behind it, and the next answer must queue
        // after that rather than jump ahead.
        HttpServer &server = start();
        m_handler.respond = [](const HttpRequest &request) {
            const char fill = request.path.at(1);
            return HttpResponse::withStatus(200, QByteArray(3 * 1024 * 1024, fill));
        };
        RawClient client(server.serverPort());
        client.send(get("/a").append(get("/b")).append(get("/c")));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 3, 3 * Wait);
        const QList<Response> responses = client.responses();
        for (int i = 0; i < 3; ++i) {
            const char fill = char('a' + i);
            QCOMPARE(responses.at(i).status, 200);
            QCOMPARE(responses.at(i).body.size(), 3 * 1024 * 1024);
            QCOMPARE(responses.at(i).body.count(fill), 3 * 1024 * 1024);
        }
        QCOMPARE(client.received.size(), responses.at(0).head.size() + 4 + 3 * 1024 * 1024 +
                                             responses.at(1).head.size() + 4 + 3 * 1024 * 1024 +
                                             responses.at(2).head.size() + 4 + 3 * 1024 * 1024);
        // And the connection still serves a small request after the big ones.
        client.send(get("/d"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 4, Wait);
        QCOMPARE(client.responses().at(3).body.count('d'), 3 * 1024 * 1024);
    }

    void manyConnectionsOfOneTurnEachGetTheirOwnResponse()
    {
        // Responses written in one event-loop turn go out together at its end (one io_uring
        // submission where allowed): each must still reach its own connection, once, in order,
        // and a connection asked to close must close after its response.
        HttpServer &server = start();
        m_handler.respond = [](const HttpRequest &request) {
            return HttpResponse::withStatus(200, request.path + QByteArray(3000, '.'));
        };
        constexpr int Clients = 80; // more than one submission's worth
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < Clients; ++i)
            clients.push_back(std::make_unique<RawClient>(server.serverPort()));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                             [](const auto &c) { return c->connected(); }),
                                 Wait);
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < Clients; ++i) {
                const QByteArray path =
                    "/c" + QByteArray::number(i) + "r" + QByteArray::number(round);
                // Two pipelined requests each, the second of the last round closing.
                clients[i]->send(get(path + "a") + get(path + "b", round == 1 && i % 2
                                                                       ? "Connection: close\r\n"
                                                                       : QByteArray()));
            }
            for (int i = 0; i < Clients; ++i) {
                QTRY_COMPARE_WITH_TIMEOUT(clients[i]->responses().size(), 2 * (round + 1), Wait);
                const QList<Response> got = clients[i]->responses();
                for (int k = 0; k < 2; ++k) {
                    const QByteArray want = "/c" + QByteArray::number(i) + "r" +
                                            QByteArray::number(round) + (k ? "b" : "a");
                    QVERIFY2(got.at(2 * round + k).body.startsWith(QByteArray(want + '.')),
                             got.at(2 * round + k).body.left(20).constData());
                    QCOMPARE(got.at(2 * round + k).body.size(), want.size() + 3000);
                }
            }
        }
        for (int i = 1; i < Clients; i += 2)
            QTRY_VERIFY_WITH_TIMEOUT(clients[i]->closed, Wait);
        QCOMPARE(server.connectionCount(), Clients / 2);

        // Batched exactly when asked for, built in, and allowed by the kernel (a container's
        // seccomp policy may refuse io_uring; then each response goes out with send()).
        const QString sockets = qEnvironmentVariable("HOOKLINE_TEST_HTTP_SOCKETS");
        const bool wanted = sockets.isEmpty() && HttpServer::batchedSendsBuilt();
        if (wanted && !kernelAllowsIoUring())
            QSKIP("The kernel refuses io_uring here; the send() path was tested instead.");
        QCOMPARE(server.sendsBatched(), wanted);
    }

    void clientThatNeverReadsCannotPileUpResponses()
    {
        HttpServer &server = start(shortLimits());
        m_handler.respond = [](const HttpRequest &) {
            return HttpResponse::withStatus(200, QByteArray(512 * 1024, 'r'));
        };
        QTcpSocket client; // never reads: its kernel buffer fills, then the server's
        client.setReadBufferSize(1);
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, Wait);
        QByteArray requests;
        for (int i = 0; i < 100; ++i)
            requests.append(get("/big"));
        client.write(requests);
        // The server stops taking requests once the client stops taking responses, and drops
        // the connection when no progress is made for the read timeout.
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
        QVERIFY2(m_handler.requests.size() < 100,
                 qPrintable(QString::number(m_handler.requests.size())));
    }

    void serverGoesAwayWhileAClosingConnectionStillSends()
    {
        // A final response larger than the client takes: the connection waits to send the
        // rest before closing when the server is destroyed. Nothing may outlive it or crash.
        HttpServer &server = start();
        m_handler.respond = [](const HttpRequest &) {
            return HttpResponse::withStatus(200, QByteArray(8 * 1024 * 1024, 'z'));
        };
        QTcpSocket client; // reads nothing
        client.setReadBufferSize(1);
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, Wait);
        client.write(get("/big", "Connection: close\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_handler.requests.size(), 1, Wait);
        // The response is answered and the connection is finishing, not counted any more.
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
        m_server.reset();
        // The socket went with the server: once the client reads, it finds the end.
        client.setReadBufferSize(0);
        QObject::connect(&client, &QIODevice::readyRead, &client, [&client] { client.readAll(); });
        client.readAll();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, Wait);
    }

    void closeDropsConnections()
    {
        HttpServer &server = start();
        RawClient client(server.serverPort());
        client.send("GET / HTTP/1.1\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, Wait);
        server.close();
        QVERIFY(!server.isListening());
        QCOMPARE(server.connectionCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Wait);
    }

    void listenErrors()
    {
        HttpServer &server = start();
        RecordingHandler other;
        HttpServer second(&other);
        const Status inUse =
            second.listen(QHostAddress(QHostAddress::LocalHost), server.serverPort());
        QVERIFY(!inUse);
        QCOMPARE(inUse.error().code, ErrorCode::Conflict);
        QVERIFY(inUse.error().message.contains(QString::number(server.serverPort())));

        const Status again = server.listen();
        QCOMPARE(again.error().code, ErrorCode::Conflict);

        const Status noCertificate =
            second.listen(QHostAddress(QHostAddress::LocalHost), 0, HttpTlsCredentials{});
        QCOMPARE(noCertificate.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(noCertificate.error().field, QStringLiteral("certificate"));

        const auto a = SelfSignedCertificate::generate(m_clock);
        const auto b = SelfSignedCertificate::generate(m_clock);
        QVERIFY(a && b);
        HttpTlsCredentials mismatched = credentials(a.value());
        mismatched.privateKey = credentials(b.value()).privateKey;
        const Status wrongKey = second.listen(QHostAddress(QHostAddress::LocalHost), 0, mismatched);
        QCOMPARE(wrongKey.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(wrongKey.error().field, QStringLiteral("privateKey"));
        QVERIFY(!second.isListening());
    }

    void selfSignedCertificate()
    {
        const auto generated = SelfSignedCertificate::generate(m_clock);
        QVERIFY2(generated, qPrintable(generated.error().toString()));
        const QSslCertificate cert(generated->certificatePem, QSsl::Pem);
        QVERIFY(!cert.isNull());
        QVERIFY(cert.isSelfSigned());
        const auto names = cert.subjectAlternativeNames();
        QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        QCOMPARE(cert.subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("localhost")});
        QCOMPARE(cert.effectiveDate().toMSecsSinceEpoch(), m_clock.nowMs() - 86'400'000);
        QCOMPARE(cert.expiryDate().toMSecsSinceEpoch(), m_clock.nowMs() + 825 * 86'400'000LL);

        QCOMPARE(generated->sha256, cert.digest(QCryptographicHash::Sha256));
        const QString fingerprint = generated->fingerprint();
        QCOMPARE(fingerprint.size(), 32 * 3 - 1);
        QCOMPARE(fingerprint,
                 QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));

        const QSslKey key(generated->privateKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
        QVERIFY(!key.isNull());
        QVERIFY(privateKeyMatchesCertificate(generated->certificatePem, generated->privateKeyPem));

        const auto another = SelfSignedCertificate::generate(m_clock);
        QVERIFY(another->sha256 != generated->sha256); // random serial and key
        QVERIFY(!privateKeyMatchesCertificate(generated->certificatePem, another->privateKeyPem));
        QVERIFY(!privateKeyMatchesCertificate("not a certificate", generated->privateKeyPem));
    }

    void https_data()
    {
        QTest::addColumn<QString>("peerName");
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
        QTest::newRow("localhost") << QStringLiteral("localhost");
    }

    void https()
    {
        QFETCH(QString, peerName);
        // Valid now (not at the test clock's time): the client checks dates against real time.
        const auto generated = SelfSignedCertificate::generate();
        QVERIFY(generated);
        HttpServer &server = start({}, credentials(generated.value()));
        QVERIFY(server.isSecure());

        auto *ssl = new QSslSocket;
        QList<QSslError> errors;
        QObject::connect(ssl, &QSslSocket::sslErrors, ssl,
                         [&](const QList<QSslError> &e) { errors = e; });
        QSslConfiguration configuration = ssl->sslConfiguration();
        // Trust exactly this certificate, as a sender pinning the receiver would.
        configuration.setCaCertificates(
            QList<QSslCertificate>{QSslCertificate(generated->certificatePem)});
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        ssl->setSslConfiguration(configuration);
        RawClient client(server.serverPort(), ssl);
        ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(), peerName);
        QTRY_VERIFY2_WITH_TIMEOUT(ssl->isEncrypted() || !errors.isEmpty(), "no handshake", Wait);
        QVERIFY2(errors.isEmpty(),
                 qPrintable(errors.isEmpty() ? QString() : errors.constFirst().errorString()));
        QCOMPARE(ssl->peerCertificate().digest(QCryptographicHash::Sha256), generated->sha256);

        client.send(post("/secure", "over TLS"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, Wait);
        client.send(get("/again"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 2, Wait);
        QCOMPARE(client.responses().at(0).body, QByteArray("over TLS"));
        QCOMPARE(client.responses().at(1).header("X-Path"), QByteArray("/again"));
        // A body larger than the socket's read buffer, through TLS.
        const QByteArray big(300 * 1024, 'T');
        client.send(post("/big", big));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 3, Wait);
        QCOMPARE(client.responses().at(2).body, big);
        QCOMPARE(m_handler.requests.size(), 3);
        QVERIFY(m_handler.requests.constFirst().secure);
        QCOMPARE(server.connectionCount(), 1);
    }

    void httpsRefusesPlainAndSilentClients()
    {
        const auto generated = SelfSignedCertificate::generate();
        QVERIFY(generated);
        HttpServerLimits limits;
        limits.readTimeoutMs = 1000;
        limits.maxConnections = 2;
        HttpServer &server = start(limits, credentials(generated.value()));
        QSignalSpy rejectedConnections(&server, &HttpServer::connectionRejected);

        // Connections in their handshake count toward the limit.
        RawClient silent1(server.serverPort());
        RawClient silent2(server.serverPort());
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, Wait);
        // Over the limit, a TLS client is closed without a handshake.
        RawClient third(server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(third.closed, Wait);
        QVERIFY(third.received.isEmpty());
        QCOMPARE(rejectedConnections.size(), 1);
        // Silence during the handshake hits the read timeout.
        QTRY_VERIFY_WITH_TIMEOUT(silent1.closed && silent2.closed, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);

        // Plain HTTP on the HTTPS port fails the handshake and is closed.
        RawClient plain(server.serverPort());
        plain.send(get("/"));
        QTRY_VERIFY_WITH_TIMEOUT(plain.closed, Wait);
        QVERIFY(m_handler.requests.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Wait);
    }

    void responseFraming()
    {
        HttpResponse response = HttpResponse::withStatus(404, "missing");
        response.headers.append(HttpHeader{"Bad Name", "x"});
        response.headers.append(HttpHeader{"Transfer-Encoding", "chunked"});
        HttpResponseFraming framing;
        framing.nowMs = 0;
        const QByteArray bytes = serializeHttpResponse(response, framing);
        QCOMPARE(bytes, QByteArray("HTTP/1.1 404 Not Found\r\n"
                                   "Content-Type: text/plain; charset=utf-8\r\n"
                                   "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
                                   "Content-Length: 7\r\n\r\nmissing"));

        framing.headRequest = true;
        framing.keepAlive = false;
        QCOMPARE(serializeHttpResponse(response, framing),
                 QByteArray("HTTP/1.1 404 Not Found\r\n"
                            "Content-Type: text/plain; charset=utf-8\r\n"
                            "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
                            "Content-Length: 7\r\nConnection: close\r\n\r\n"));

        HttpResponse noContent = HttpResponse::withStatus(204, "ignored");
        noContent.setHeader("Date", "fixed");
        framing = {};
        QCOMPARE(serializeHttpResponse(noContent, framing),
                 QByteArray("HTTP/1.1 204 No Content\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            "Date: fixed\r\n\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
