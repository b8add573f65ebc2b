#include "HttpTransport.h"

#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>
#endif
#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <unistd.h>
#endif
#ifdef HOOKLINE_IO_URING
#include <liburing.h>
#endif

#include <algorithm>
#include <climits>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace hookline {

namespace {

// Qt stops reading from the kernel when this much is buffered and not yet parsed, so a client
// that sends faster than requests are answered is slowed down by TCP itself.
constexpr qint64 QtReadBufferSize = 64 * 1024;

#ifdef Q_OS_UNIX
// Sends as much of `data` as the kernel takes now. Returns the bytes sent, or -1 on an error
// other than a full socket buffer.
qint64 sendNow(int fd, const char *data, qint64 size)
{
    qint64 sent = 0;
    while (sent < size) {
        const ssize_t n = ::send(fd, data + sent, size_t(size - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return -1;
        break;
    }
    return sent;
}
#endif

class QtTransport final : public QObject, public HttpTransport {
public:
    QtTransport(QTcpSocket *socket, bool tls)
        : m_socket(socket)
        , m_tls(tls)
    {
        m_socket->setParent(this);
        m_socket->setReadBufferSize(QtReadBufferSize);
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // (No events before a connection takes the transport, or for one turned away at once.)
        connect(m_socket, &QIODevice::readyRead, this, [this] {
            if (m_events)
                m_events->transportReadable();
        });
        connect(m_socket, &QIODevice::bytesWritten, this, [this](qint64 bytes) {
            if (m_events)
                m_events->transportWritten(bytes);
        });
        connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
            if (m_events)
                m_events->transportDisconnected();
        });
        connect(m_socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError error) {
                    // The client closed its sending side: Qt still sends what is buffered (a
                    // client that half-closes after its request is waiting for it), then
                    // reports `disconnected`.
                    if (m_events && error != QAbstractSocket::RemoteHostClosedError)
                        m_events->transportFailed();
                });
        if (m_tls)
            connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this, [this] {
                if (m_events)
                    m_events->transportEncrypted();
            });
    }

    QHostAddress peerAddress() const override { return m_socket->peerAddress(); }
    quint16 peerPort() const override { return m_socket->peerPort(); }

    bool mayRead() const override { return m_socket->bytesAvailable() > 0; }

    qint64 read(char *into, qint64 max) override
    {
        const qint64 n = m_socket->read(into, std::min(max, m_socket->bytesAvailable()));
        return std::max<qint64>(n, 0);
    }

    void write(const QByteArray &data) override
    {
#ifdef Q_OS_UNIX
        // A plain socket with nothing queued: straight to the kernel. Through QTcpSocket, every
        // response would switch the socket's write notifier on and then off again (flush),
        // which under GLib's event loop costs two poll-set changes and two wake-up writes.
        if (!m_tls && m_socket->bytesToWrite() == 0 && isConnected()) {
            const qint64 sent =
                sendNow(int(m_socket->socketDescriptor()), data.constData(), data.size());
            // An error: Qt finds and reports it on the write below.
            const qint64 taken = std::max<qint64>(sent, 0);
            if (taken == data.size())
                return;
            m_socket->write(data.constData() + taken, data.size() - taken);
            return;
        }
#endif
        m_socket->write(data);
        // Send now rather than when the socket next reports it is writable: flush() never
        // blocks, and what the kernel does not take waits for the write notification.
        m_socket->flush();
    }

    qint64 pendingWrite() const override
    {
        qint64 pending = m_socket->bytesToWrite();
        if (m_tls)
            pending += static_cast<const QSslSocket *>(m_socket)->encryptedBytesToWrite();
        return pending;
    }

    bool closeGracefully() override
    {
        if (isConnected()) {
            // Sends what is still buffered (and TLS's close_notify), then closes.
            m_socket->disconnectFromHost();
            if (m_socket->state() != QAbstractSocket::UnconnectedState)
                return false;
        }
        m_socket->abort();
        return true;
    }

    void abort() override
    {
        m_socket->abort();
    }

    void startServerEncryption(const QSslConfiguration &configuration) override
    {
        if (!m_tls)
            return;
        auto *ssl = static_cast<QSslSocket *>(m_socket);
        ssl->setSslConfiguration(configuration);
        ssl->startServerEncryption();
    }

private:
    bool isConnected() const
    {
        return m_socket->state() == QAbstractSocket::ConnectedState;
    }

    QTcpSocket *m_socket;
    bool m_tls;
};

} // namespace

std::unique_ptr<HttpTransport> makeQtTransport(QTcpSocket *socket, bool tls)
{
    return std::make_unique<QtTransport>(socket, tls);
}

#ifdef Q_OS_LINUX

// Edge-triggered: a descriptor is reported when something changes (input arrived, the peer
// closed, room to write appeared), and the socket remembers what it learnt until it has acted
// on it, so the set never has to be modified while a connection lives.
class EpollSocketSet::Socket final : public HttpTransport {
public:
    Socket(EpollSocketSet *set, int fd, quint64 id, const QHostAddress &peer, quint16 peerPort)
        : m_set(set)
        , m_fd(fd)
        , m_id(id)
        , m_peer(peer)
        , m_peerPort(peerPort)
    {}
    ~Socket() override { closeNow(); }

    QHostAddress peerAddress() const override { return m_peer; }
    quint16 peerPort() const override { return m_peerPort; }

    bool mayRead() const override { return m_fd >= 0 && m_readable; }

    qint64 read(char *into, qint64 max) override
    {
        if (m_fd < 0 || !m_readable || max <= 0)
            return 0;
        for (;;) {
            const ssize_t n = ::recv(m_fd, into, size_t(max), 0);
            if (n > 0) {
                // A short read emptied the socket; new input raises a new edge. Once the
                // peer has closed, keep reading until recv() says so.
                if (n < max && !m_peerClosing)
                    m_readable = false;
                return n;
            }
            m_readable = false;
            if (n == 0) {
                // The peer closed its side: what is queued still goes out, then the
                // connection is reported gone (as QTcpSocket does).
                m_closing = true;
                if (pendingWrite() == 0)
                    m_set->reportLater(m_id);
                return 0;
            }
            if (errno == EINTR) {
                m_readable = true;
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                fail();
            return 0;
        }
    }

    void write(const QByteArray &data) override
    {
        if (m_fd < 0 || m_failed || data.isEmpty())
            return;
        if (pendingWrite() > 0) {
            if (m_outPos > 0 && m_outPos >= m_out.size() / 2) {
                m_out.remove(0, m_outPos);
                m_outPos = 0;
            }
            m_out.append(data);
            return;
        }
        if (m_set->m_turn) {
            // Sent with the rest of this turn's responses (EpollSocketSet::sendTurnsResponses).
            m_out = data; // shared, not copied
            m_outPos = 0;
            m_set->m_written.push_back(m_id);
            return;
        }
        const qint64 sent = sendNow(m_fd, data.constData(), data.size());
        if (sent < 0) {
            fail();
            return;
        }
        if (sent < data.size()) {
            m_out = data; // shared, not copied
            m_outPos = sent;
        }
    }

    int descriptor() const { return m_fd; }
    const char *pendingData() const { return m_out.constData() + m_outPos; }

    // At the end of a turn: `sent` bytes of the queue went out (from the ring), or, with
    // `sent` null, send what the kernel takes now. A full socket buffer leaves the rest queued
    // for EPOLLOUT, as a short send() does.
    void turnSent(std::optional<int> sent)
    {
        if (m_fd < 0 || pendingWrite() == 0)
            return;
        qint64 written = 0;
        if (!sent) {
            written = flush();
        } else if (*sent >= 0) {
            written = std::min<qint64>(*sent, pendingWrite());
            m_outPos += written;
            if (pendingWrite() == 0) {
                m_out.clear();
                m_outPos = 0;
            }
        } else if (*sent != -EAGAIN && *sent != -EWOULDBLOCK && *sent != -EINTR) {
            fail();
            return;
        }
        if (m_fd < 0)
            return;
        if (written > 0)
            m_events->transportWritten(written);
        if (m_fd >= 0 && m_closing && pendingWrite() == 0) {
            closeNow();
            m_events->transportDisconnected();
        }
    }

    qint64 pendingWrite() const override { return m_out.size() - m_outPos; }

    bool closeGracefully() override
    {
        if (m_fd < 0)
            return true;
        if (pendingWrite() == 0 || m_failed) {
            closeNow();
            return true;
        }
        m_closing = true;
        return false;
    }

    void abort() override { closeNow(); }

    // From EpollSocketSet::serve().
    void handle(quint32 events)
    {
        if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))
            m_peerClosing = true;
        if ((events & EPOLLOUT) && pendingWrite() > 0) {
            const qint64 written = flush();
            if (m_fd < 0)
                return;
            if (written > 0)
                m_events->transportWritten(written);
            if (m_fd < 0)
                return;
            if (m_closing && pendingWrite() == 0) {
                // A graceful close, or the peer's, waited for this.
                closeNow();
                m_events->transportDisconnected();
                return;
            }
        }
        if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
            m_readable = true;
            if (m_fd >= 0)
                m_events->transportReadable();
        }
    }

    // Queued from reportLater(): the connection is gone (closed by either side, or broken).
    void report()
    {
        closeNow();
        m_events->transportDisconnected();
    }

    // The set is going away first (the server is being destroyed).
    void detach()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_set = nullptr;
    }

private:
    qint64 flush()
    {
        const qint64 sent = sendNow(m_fd, m_out.constData() + m_outPos, pendingWrite());
        if (sent < 0) {
            fail();
            return 0;
        }
        m_outPos += sent;
        if (pendingWrite() == 0) {
            m_out.clear();
            m_outPos = 0;
        }
        return sent;
    }

    void fail()
    {
        m_failed = true;
        m_readable = false;
        m_out.clear();
        m_outPos = 0;
        m_set->reportLater(m_id);
    }

    void closeNow()
    {
        if (m_fd < 0)
            return;
        ::epoll_ctl(m_set->m_epoll, EPOLL_CTL_DEL, m_fd, nullptr);
        ::close(m_fd);
        m_fd = -1;
        m_readable = false;
        m_out.clear();
        m_outPos = 0;
        m_set->forget(m_id);
    }

    EpollSocketSet *m_set;
    int m_fd;
    quint64 m_id;
    QHostAddress m_peer;
    quint16 m_peerPort;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    bool m_readable = false;    // input (or the peer's close) may be waiting
    bool m_peerClosing = false; // the peer closed or reset: read until recv() says which
    bool m_closing = false;     // closes once everything queued is sent
    bool m_failed = false;
};

struct EpollSocketSetIndex {
    std::unordered_map<quint64, EpollSocketSet::Socket *> sockets;
};

#ifdef HOOKLINE_IO_URING
struct EpollSendRing {
    static constexpr unsigned Entries = 64;
    io_uring ring{};
};
#else
struct EpollSendRing {};
#endif

EpollSocketSet::EpollSocketSet(bool batchedSends, QObject *parent)
    : QObject(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_index(std::make_unique<EpollSocketSetIndex>())
{
    if (m_epoll < 0)
        return;
#ifdef HOOKLINE_IO_URING
    if (batchedSends) {
        auto ring = std::make_unique<EpollSendRing>();
        if (io_uring_queue_init(EpollSendRing::Entries, &ring->ring, 0) == 0)
            m_ring = std::move(ring);
    }
#else
    Q_UNUSED(batchedSends);
#endif
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { serve(); });
}

EpollSocketSet::~EpollSocketSet()
{
    for (const auto &[id, socket] : m_index->sockets)
        socket->detach();
    m_index->sockets.clear();
    delete m_notifier;
    dropRing();
    if (m_epoll >= 0)
        ::close(m_epoll);
}

std::unique_ptr<HttpTransport> EpollSocketSet::adopt(int descriptor)
{
    sockaddr_storage peer{};
    socklen_t peerSize = sizeof peer;
    const int flags = ::fcntl(descriptor, F_GETFL);
    const int noDelay = 1;
    if (m_epoll < 0 || flags < 0 || ::fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) < 0 ||
        ::getpeername(descriptor, reinterpret_cast<sockaddr *>(&peer), &peerSize) < 0) {
        ::close(descriptor);
        return nullptr;
    }
    ::setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    quint16 port = 0;
    if (peer.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&peer)->sin_port);
    else if (peer.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&peer)->sin6_port);

    const quint64 id = m_nextId++;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    event.data.u64 = id;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, descriptor, &event) < 0) {
        ::close(descriptor);
        return nullptr;
    }
    auto socket = std::make_unique<Socket>(
        this, descriptor, id, QHostAddress(reinterpret_cast<const sockaddr *>(&peer)), port);
    m_index->sockets.emplace(id, socket.get());
    return socket;
}

void EpollSocketSet::serve()
{
    epoll_event events[64];
    const int n = ::epoll_wait(m_epoll, events, int(std::size(events)), 0);
    m_turn = true;
    for (int i = 0; i < n; ++i) {
        // A socket closed by an earlier event of this batch is no longer in the index.
        const auto it = m_index->sockets.find(events[i].data.u64);
        if (it != m_index->sockets.end())
            it->second->handle(events[i].events);
    }
    m_turn = false;
    sendTurnsResponses();
}

void EpollSocketSet::sendTurnsResponses()
{
    // Each socket is listed once per turn: a second response of the turn joins the first in its
    // queue. What turnSent() reports may write more (a pipelined request's response): not in a
    // turn any more, that goes out at once.
    std::vector<quint64> written;
    written.swap(m_written);
    const auto socketOf = [this](quint64 id) -> Socket * {
        const auto it = m_index->sockets.find(id);
        return it == m_index->sockets.end() ? nullptr : it->second;
    };
#ifdef HOOKLINE_IO_URING
    // Completions of `count` submitted sends, reported to their sockets. With MSG_DONTWAIT each
    // send completes within the submission, so this does not wait for the network. A send
    // whose completion cannot be read may or may not have gone out: its connection is dropped
    // rather than risk sending a response twice.
    const auto reap = [&](io_uring *ring, const std::vector<quint64> &submitted, size_t count) {
        std::vector<std::pair<quint64, int>> done;
        done.reserve(count);
        bool unreadable = false;
        while (done.size() < count) {
            io_uring_cqe *cqe = nullptr;
            const int rc = io_uring_wait_cqe(ring, &cqe);
            if (rc == -EINTR)
                continue;
            if (rc != 0) {
                unreadable = true;
                break;
            }
            done.emplace_back(io_uring_cqe_get_data64(cqe), cqe->res);
            io_uring_cqe_seen(ring, cqe);
        }
        for (const auto &[id, result] : done)
            if (Socket *socket = socketOf(id))
                socket->turnSent(result);
        if (!unreadable)
            return;
        for (size_t k = 0; k < count; ++k) {
            const quint64 id = submitted[k];
            const bool reported = std::any_of(done.begin(), done.end(),
                                              [id](const auto &d) { return d.first == id; });
            if (Socket *socket = reported ? nullptr : socketOf(id))
                socket->turnSent(-EIO); // fails the connection
        }
    };
    for (size_t from = 0; m_ring && from < written.size();) {
        io_uring *ring = &m_ring->ring;
        std::vector<quint64> submitted;
        for (; from < written.size() && submitted.size() < EpollSendRing::Entries; ++from) {
            Socket *socket = socketOf(written[from]);
            if (!socket || socket->pendingWrite() == 0)
                continue;
            io_uring_sqe *sqe = io_uring_get_sqe(ring);
            if (!sqe)
                break;
            // MSG_DONTWAIT: a full socket buffer completes at once with -EAGAIN instead of
            // waiting in the kernel for the client to read.
            io_uring_prep_send(sqe, socket->descriptor(), socket->pendingData(),
                               size_t(std::min<qint64>(socket->pendingWrite(), INT_MAX)),
                               MSG_NOSIGNAL | MSG_DONTWAIT);
            io_uring_sqe_set_data64(sqe, written[from]);
            submitted.push_back(written[from]);
        }
        if (submitted.empty())
            continue;
        int rc;
        do
            rc = io_uring_submit_and_wait(ring, unsigned(submitted.size()));
        while (rc == -EINTR);
        if (rc == int(submitted.size())) {
            reap(ring, submitted, submitted.size());
            continue;
        }
        // Refused (a seccomp policy, a resource limit) or only partly taken: what was taken
        // completes, everything else of this turn and every later turn goes out with send().
        qWarning("HTTP server: io_uring refused a submission (%s); sending with send() from now",
                 strerror(rc < 0 ? -rc : EIO));
        reap(ring, submitted, size_t(std::max(rc, 0)));
        dropRing();
    }
    if (m_ring)
        return;
#endif
    for (quint64 id : written)
        if (Socket *socket = socketOf(id))
            socket->turnSent(std::nullopt);
}

void EpollSocketSet::dropRing()
{
#ifdef HOOKLINE_IO_URING
    if (m_ring)
        io_uring_queue_exit(&m_ring->ring);
#endif
    m_ring.reset();
}

void EpollSocketSet::forget(quint64 id)
{
    m_index->sockets.erase(id);
}

void EpollSocketSet::reportLater(quint64 id)
{
    // Not from inside the connection's own call into the socket: from the event loop.
    QMetaObject::invokeMethod(
        this,
        [this, id] {
            if (const auto it = m_index->sockets.find(id); it != m_index->sockets.end())
                it->second->report();
        },
        Qt::QueuedConnection);
}

#endif // Q_OS_LINUX

} // namespace hookline
