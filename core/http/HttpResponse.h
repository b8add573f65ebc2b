#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>

namespace hookline {

// What a handler answers. The server adds the framing itself (Content-Length, Connection, Date),
// so a handler cannot break the connection with a wrong length or an injected header line.
struct HttpResponse {
    int statusCode = 200;
    HttpHeaders headers;
    QByteArray body;
    // The server waits this long before sending the response, without blocking anything else.
    int delayMs = 0;
    // Close the connection after this response even if the client wanted to keep it.
    bool closeConnection = false;

    // A response with a body and its Content-Type (when the body is not empty).
    static HttpResponse withStatus(int statusCode, const QByteArray &body = {},
                                   const QByteArray &contentType = "text/plain; charset=utf-8");
    // Replaces every header named `name` (case-insensitively) with one field.
    void setHeader(const QByteArray &name, const QByteArray &value);

    // The code that goes on the wire: statusCode, or 500 when it is outside 200..599 (interim
    // 1xx responses are the server's business, not a handler's).
    int wireStatusCode() const;

    // "Not Found" for 404; "Unknown" for codes without a standard phrase.
    static QByteArray reasonPhrase(int statusCode);
    // The same, but empty for codes without a standard phrase (for display next to a code).
    static QByteArray standardReasonPhrase(int statusCode);
};

// How the server frames a response for one particular request.
struct HttpResponseFraming {
    bool keepAlive = true;
    bool http10Client = false; // announce keep-alive explicitly when keeping a 1.0 client
    bool headRequest = false;  // send the headers a GET would get, without the body
    qint64 nowMs = 0;          // for the Date header
};

// The bytes on the wire, with wireStatusCode(). Header fields with an invalid name or value, and
// the framing fields the server owns, are dropped from `response.headers`.
QByteArray serializeHttpResponse(const HttpResponse &response, const HttpResponseFraming &framing);

} // namespace hookline
