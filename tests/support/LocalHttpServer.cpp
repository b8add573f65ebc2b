#include "LocalHttpServer.h"

#include "http/SelfSignedCertificate.h"

#include <QMutexLocker>
#include <QSslCertificate>
#include <QSslKey>

namespace hookline::test {

namespace {

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// One certificate per test process, generated on first use: nothing secret is checked in.
const SelfSignedCertificate &certificate()
{
    static const SelfSignedCertificate cert = [] {
        auto generated = SelfSignedCertificate::generate();
        if (!generated)
            qFatal("cannot generate a test certificate: %s",
                   qPrintable(generated.error().toString()));
        return generated.value();
    }();
    return cert;
}

constexpr int kHangMs = 24 * 3600 * 1000;

} // namespace

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &[n, v] : headers)
        if (sameName(n, name))
            return v;
    return {};
}

bool ReceivedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &[n, v] : headers)
        if (sameName(n, name))
            return true;
    return false;
}

QList<QByteArray> ReceivedRequest::headerValues(const QByteArray &name) const
{
    QList<QByteArray> out;
    for (const auto &[n, v] : headers)
        if (sameName(n, name))
            out << v;
    return out;
}

LocalHttpServer::LocalHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<HttpServer>(static_cast<IRequestHandler *>(this), this))
{
    HttpServerLimits limits;
    limits.readTimeoutMs = 60'000; // a test may keep a connection waiting on purpose
    limits.maxConnections = 1024;
    m_server->setLimits(limits);
}

LocalHttpServer::~LocalHttpServer()
{
    m_server->close();
}

void LocalHttpServer::enableTls()
{
    if (m_tls)
        return;
    m_tls = true;
    if (m_server->isListening()) { // listen again, now with TLS (on a new port)
        m_server->close();
        start();
    }
}

bool LocalHttpServer::start()
{
    std::optional<HttpTlsCredentials> tls;
    if (m_tls) {
        HttpTlsCredentials credentials;
        credentials.certificate = QSslCertificate(certificate().certificatePem, QSsl::Pem);
        credentials.privateKey = QSslKey(certificate().privateKeyPem, QSsl::Ec, QSsl::Pem);
        tls = credentials;
    }
    const Status s = m_server->listen(QHostAddress(QHostAddress::LocalHost), 0, tls);
    if (!s)
        qWarning("LocalHttpServer: %s", qPrintable(s.error().toString()));
    return s.ok();
}

quint16 LocalHttpServer::port() const
{
    return m_server->serverPort();
}

QString LocalHttpServer::url(const QString &path) const
{
    return QStringLiteral("%1://127.0.0.1:%2%3")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(port())
        .arg(path);
}

QString LocalHttpServer::certificateSha256()
{
    return QString::fromLatin1(certificate().sha256.toHex());
}

void LocalHttpServer::setResponse(const CannedResponse &response)
{
    QMutexLocker lock(&m_mutex);
    m_response = response;
}

void LocalHttpServer::setHandler(
    std::function<CannedResponse(const ReceivedRequest &, int index)> handler)
{
    QMutexLocker lock(&m_mutex);
    m_handler = std::move(handler);
}

QList<ReceivedRequest> LocalHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

QHash<QByteArray, int> LocalHttpServer::deliveryIdCounts() const
{
    QMutexLocker lock(&m_mutex);
    return m_idCounts;
}

void LocalHttpServer::clear()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
    m_idCounts.clear();
    m_count = 0;
}

HttpResponse LocalHttpServer::handle(const HttpRequest &request)
{
    ReceivedRequest r;
    r.method = request.method;
    r.path = request.path;
    r.body = request.body;
    r.secure = request.secure;
    for (const HttpHeader &h : request.headers)
        r.headers.append({h.name, h.value});

    CannedResponse response;
    std::function<CannedResponse(const ReceivedRequest &, int)> handler;
    int index = 0;
    {
        QMutexLocker lock(&m_mutex);
        index = m_count.fetch_add(1);
        ++m_idCounts[r.header("X-Webhook-Id")];
        if (m_recording)
            m_requests.append(r);
        response = m_response;
        handler = m_handler;
    }
    if (handler)
        response = handler(r, index);
    emit requestReceived(index + 1);

    HttpResponse out;
    out.statusCode = response.status;
    out.body = response.body;
    for (const auto &[name, value] : response.headers)
        out.headers.append(HttpHeader{name, value});
    out.delayMs = response.hang ? kHangMs : response.delayMs;
    return out;
}

} // namespace hookline::test
