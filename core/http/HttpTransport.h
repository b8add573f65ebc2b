#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>
#include <vector>

class QSocketNotifier;
class QTcpSocket;

namespace hookline {

// What an HttpServer connection reads from and writes to: a QTcpSocket (QSslSocket for HTTPS), or
// on Linux a plain socket served through one epoll set per server (EpollSocketSet). Internal to
// core/http.
class HttpTransport {
public:
    // Implemented by the connection. Called from the event loop, never from inside a transport
    // call the connection made itself.
    class Events {
    public:
        virtual ~Events() = default;
        // Bytes may have arrived (or the peer closed its side: read() will say so).
        virtual void transportReadable() = 0;
        // Queued bytes went to the kernel.
        virtual void transportWritten(qint64 bytes) = 0;
        // The connection is gone: the peer closed it and everything queued was sent, it broke,
        // or a graceful close() finished.
        virtual void transportDisconnected() = 0;
        // An error other than the peer's orderly close; transportDisconnected() may follow.
        virtual void transportFailed() = 0;
        // HTTPS: the handshake completed.
        virtual void transportEncrypted() {}
    };

    virtual ~HttpTransport() = default;

    void setEvents(Events *events) { m_events = events; }

    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;

    // Something may be waiting to be read (read() may still find nothing).
    virtual bool mayRead() const = 0;
    // Up to `max` bytes into `into`; 0 when nothing is there now (or the peer closed).
    virtual qint64 read(char *into, qint64 max) = 0;
    // Hands `data` to the kernel as far as it takes it now; the rest is queued and sent as the
    // peer reads (transportWritten()).
    virtual void write(const QByteArray &data) = 0;
    // Bytes queued and not yet taken by the kernel (TLS: plaintext and ciphertext).
    virtual qint64 pendingWrite() const = 0;

    // Sends what is queued, then closes. True when closed at once; otherwise
    // transportDisconnected() follows (or the caller gives up and calls abort()).
    virtual bool closeGracefully() = 0;
    // Closes now, dropping what is queued.
    virtual void abort() = 0;

    // HTTPS only.
    virtual void startServerEncryption(const QSslConfiguration &) {}

protected:
    Events *m_events = nullptr;
};

// Wraps an accepted QTcpSocket or QSslSocket, which the transport then owns.
std::unique_ptr<HttpTransport> makeQtTransport(QTcpSocket *socket, bool tls);

#ifdef Q_OS_LINUX
// One epoll set that serves a server's plain-HTTP connections, watched by the event loop through
// a single socket notifier. Qt's sockets cost an ioctl, a copy into their ring buffer and poll-set
// changes per request, and Qt's event loop polls every connection on every turn; with an epoll set
// the event loop sees one descriptor, and a turn serves every connection that has input with a
// recv() each. Lives in (and is used from) the server's thread.
//
// Responses written during a turn are sent together at its end, in one io_uring submission where
// the kernel allows it (`batchedSends`), else with a send() each. A client on the same machine
// (a load generator, a local sender) is woken by each response it gets; woken one send() at a
// time, it preempted the server after almost every response (~0.55 times per request under wrk
// on two cores), and the two took turns on one core instead of working side by side.
class EpollSocketSet final : public QObject {
public:
    explicit EpollSocketSet(bool batchedSends = true, QObject *parent = nullptr);
    ~EpollSocketSet() override;

    // False when the kernel refused an epoll set (the caller falls back to Qt's sockets).
    bool isValid() const { return m_epoll >= 0; }
    // Whether a turn's responses go out in one io_uring submission (asked for, built with
    // liburing, and allowed by the kernel: containers' seccomp policies often refuse io_uring).
    bool sendsBatched() const { return m_ring != nullptr; }
    // Takes over an accepted, connected descriptor. Null (and the descriptor closed) on failure.
    std::unique_ptr<HttpTransport> adopt(int descriptor);

private:
    class Socket;
    friend class Socket;
    friend struct EpollSocketSetIndex;

    void serve();
    void forget(quint64 id);
    void reportLater(quint64 id);
    // Sends what this turn's connections wrote (Socket::write queues it while m_turn is true).
    void sendTurnsResponses();
    void dropRing();

    int m_epoll = -1;
    bool m_turn = false;
    std::vector<quint64> m_written; // sockets with a response queued in this turn
    std::unique_ptr<struct EpollSendRing> m_ring;
    QSocketNotifier *m_notifier = nullptr;
    quint64 m_nextId = 1;
    std::unique_ptr<struct EpollSocketSetIndex> m_index;
};
#endif

} // namespace hookline
