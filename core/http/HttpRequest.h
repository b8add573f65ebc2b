#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QMetaType>

namespace hookline {

// One header field as it arrived: the name keeps its case, the value has its surrounding
// whitespace removed. Order is preserved, so a request can be shown exactly as it was sent.
struct HttpHeader {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};
using HttpHeaders = QList<HttpHeader>;

enum class HttpVersion { Http10, Http11 };

// One null address for every request to start from: QHostAddress's default constructor
// allocates, and requests are made (and dropped) by the thousand per second. A copy of it only
// counts a reference; assigning the peer's address later shares that one instead.
const QHostAddress &sharedNullHostAddress();

// ASCII case-insensitive equality, the rule for header names and most HTTP tokens.
bool httpTokenEquals(QByteArrayView a, QByteArrayView b);
// RFC 9110 token (methods, header names, transfer codings): one or more tchar.
bool isHttpToken(QByteArrayView v);
// A field value may hold anything but control characters (HTAB aside).
bool isHttpFieldValue(QByteArrayView v);

// A complete request, as parsed by HttpRequestParser and completed by HttpServer.
struct HttpRequest {
    QByteArray method;
    // The request-target exactly as received ("/hooks/a?x=1").
    QByteArray target;
    // The target split at the first '?'; both stay percent-encoded as received.
    QByteArray path;
    QByteArray query;
    bool hasQuery = false;
    HttpVersion version = HttpVersion::Http11;
    HttpHeaders headers;
    // Fields sent after a chunked body; rare, kept for display.
    HttpHeaders trailers;
    QByteArray body;
    bool chunked = false;
    // Bytes the request occupied on the wire: the header section, and everything up to the end
    // of the body including chunk framing.
    qint64 headerSize = 0;
    qint64 wireSize = 0;

    // Set by the server.
    QHostAddress remoteAddress = sharedNullHostAddress();
    quint16 remotePort = 0;
    qint64 receivedAtMs = 0; // when the last byte arrived, from the server's Clock
    bool secure = false;     // arrived over TLS

    // All values of `name`, in order; names compare case-insensitively.
    QList<QByteArray> headerValues(QByteArrayView name) const;
    // All values of `name` joined with ", " (RFC 9110 §5.3); empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Whether the connection stays open after this request: HTTP/1.1 unless "Connection: close",
    // HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive() const;
    // True when a "Connection" header lists `token`.
    bool connectionHasToken(QByteArrayView token) const;
    QByteArray versionString() const;
};

} // namespace hookline

Q_DECLARE_METATYPE(hookline::HttpRequest)
