#include "HttpResponse.h"

#include <QDateTime>
#include <QLocale>

#include <charconv>
#include <limits>

namespace hookline {

namespace {

// RFC 9110 IMF-fixdate. Formatting costs more than the rest of a small response, and a busy
// server answers thousands of requests within one second: each thread formats a second once.
QByteArray httpDate(qint64 ms)
{
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QByteArray cached;
    const qint64 second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    if (second != cachedSecond) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::UTC);
        cached = QLocale::c().toString(at, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
        cachedSecond = second;
    }
    return cached;
}

// Decimal digits without a temporary QByteArray (one allocation per response otherwise).
void appendNumber(QByteArray &out, qint64 n)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end - digits);
}

} // namespace

HttpResponse HttpResponse::withStatus(int statusCode, const QByteArray &body,
                                      const QByteArray &contentType)
{
    HttpResponse response;
    response.statusCode = statusCode;
    response.body = body;
    if (!body.isEmpty())
        response.headers.append(HttpHeader{QByteArrayLiteral("Content-Type"), contentType});
    return response;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const HttpHeader &h) { return httpTokenEquals(h.name, name); });
    headers.append(HttpHeader{name, value});
}

int HttpResponse::wireStatusCode() const
{
    return (statusCode >= 200 && statusCode <= 599) ? statusCode : 500;
}

QByteArray HttpResponse::reasonPhrase(int statusCode)
{
    const QByteArray phrase = standardReasonPhrase(statusCode);
    return phrase.isEmpty() ? QByteArrayLiteral("Unknown") : phrase;
}

QByteArray HttpResponse::standardReasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return {};
    }
}

QByteArray serializeHttpResponse(const HttpResponse &response, const HttpResponseFraming &framing)
{
    const int status = response.wireStatusCode();
    // RFC 9110 §6.4.1: no content in 204 and 304 responses, nor in any answer to HEAD.
    const bool statusAllowsBody = status != 204 && status != 304;
    const bool sendBody = statusAllowsBody && !framing.headRequest;

    QByteArray out;
    out.reserve(256 + response.body.size());
    out.append("HTTP/1.1 ");
    appendNumber(out, status);
    out.append(' ');
    out.append(HttpResponse::reasonPhrase(status));
    out.append("\r\n");

    bool hasDate = false;
    for (const HttpHeader &h : response.headers) {
        if (!isHttpToken(h.name) || !isHttpFieldValue(h.value))
            continue;
        if (httpTokenEquals(h.name, "content-length") || httpTokenEquals(h.name, "connection") ||
            httpTokenEquals(h.name, "transfer-encoding") || httpTokenEquals(h.name, "keep-alive"))
            continue;
        hasDate = hasDate || httpTokenEquals(h.name, "date");
        out.append(h.name);
        out.append(": ");
        out.append(h.value);
        out.append("\r\n");
    }
    if (!hasDate) {
        out.append("Date: ");
        out.append(httpDate(framing.nowMs));
        out.append("\r\n");
    }
    if (statusAllowsBody) {
        out.append("Content-Length: ");
        appendNumber(out, response.body.size());
        out.append("\r\n");
    }
    if (!framing.keepAlive)
        out.append("Connection: close\r\n");
    else if (framing.http10Client)
        out.append("Connection: keep-alive\r\n");
    out.append("\r\n");
    if (sendBody)
        out.append(response.body);
    return out;
}

} // namespace hookline
