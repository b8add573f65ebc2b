#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace hookline {

// What a client may send before the parser gives up. The defaults suit a local webhook receiver.
struct HttpParserLimits {
    // Body bytes after chunked decoding. A Content-Length above this is refused (413) as soon as
    // the header section has arrived, without reading the body.
    qint64 maxBodySize = 1024 * 1024;
    // The request line, the header fields and the empty line that ends them, line ends included.
    // The trailer section of a chunked body has the same budget of its own.
    qint64 maxHeaderSectionSize = 16 * 1024;
    // Header fields in one request (and, separately, trailer fields).
    int maxHeaderCount = 100;
};

// An incremental HTTP/1.0 and 1.1 request parser (RFC 9112). Feed it bytes as they arrive; it
// keeps what is left over after a complete request, so pipelined requests on one connection come
// out one after the other. Every byte is examined a bounded number of times: the work is linear
// in the input, however it is split.
//
// Line ends: the request line and header fields may end with CRLF or a bare LF (RFC 9112 §2.2
// allows a recipient to accept LF, and hand-typed requests use it). Chunked framing — chunk-size
// lines, the CRLF after chunk data and the trailer section — must use CRLF, because leniency there
// is what request-smuggling attacks exploit. A CR anywhere else is rejected.
class HttpRequestParser {
public:
    enum class Status {
        Incomplete,          // more bytes needed
        Complete,            // request() holds a request; takeRequest() to move on
        BadRequest,          // 400: malformed; errorReason() says why
        PayloadTooLarge,     // 413: the body is over maxBodySize
        HeadersTooLarge,     // 431: header section over maxHeaderSectionSize or maxHeaderCount
        VersionNotSupported, // 505: "HTTP/x.y" other than 1.0 and 1.1
        NotImplemented,      // 501: a transfer coding other than chunked
    };

    explicit HttpRequestParser(const HttpParserLimits &limits = {});

    const HttpParserLimits &limits() const { return m_limits; }

    // Appends bytes and parses as far as they allow.
    Status feed(QByteArrayView data);
    // Appends bytes without parsing yet.
    void append(QByteArrayView data);
    // Parses what is buffered. Complete and the error statuses are sticky until takeRequest()
    // (after Complete) or reset().
    Status parse();
    Status status() const { return m_status; }

    // The request parsed so far; complete once parse() returned Complete.
    const HttpRequest &request() const { return m_request; }
    // Hands over the complete request and starts on the next one; bytes already buffered stay,
    // so call parse() again for a pipelined request.
    HttpRequest takeRequest();
    // Drops everything, buffered bytes included.
    void reset();

    // Why the request was refused, for a person; empty unless an error status.
    const QString &errorReason() const { return m_errorReason; }
    // The head of the current request has been parsed and its body is being read.
    bool readingBody() const;
    // Some bytes of a next request have arrived (or been buffered) since the last takeRequest().
    bool hasPartialRequest() const;
    // Bytes appended but not consumed yet.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    // True once per request when an HTTP/1.1 client sent "Expect: 100-continue" and waits for an
    // interim "100 Continue" before sending the body.
    bool takeExpectContinue();

    // The HTTP status code that answers an error status (400, 413, 431, 501, 505); 0 otherwise.
    static int statusCode(Status status);

private:
    enum class State {
        RequestLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done,
        Failed,
    };
    enum class LineResult { Line, NeedMore, Failed };

    LineResult nextHeadLine(QByteArrayView &line);
    LineResult nextChunkedLine(QByteArrayView &line, qint64 maxLineSize, Status overflowStatus,
                               const QString &overflowReason);
    bool parseRequestLine(QByteArrayView line);
    bool parseField(QByteArrayView line, HttpHeaders &into, int &count);
    static QByteArray sharedIfEqual(QByteArrayView bytes, const QByteArray &previous);
    bool finishHead();
    bool parseChunkSizeLine(QByteArrayView line);
    void consume(qsizetype n);
    void complete();
    Status fail(Status status, const QString &reason);

    HttpParserLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;      // first unconsumed byte
    qsizetype m_scanFrom = 0; // where the search for the next LF resumes
    State m_state = State::RequestLine;
    Status m_status = Status::Incomplete;
    QString m_errorReason;
    HttpRequest m_request;
    // The previous request's head: a client's next request mostly repeats its method, target and
    // most fields, and an equal one shares those bytes (a reference count) instead of allocating.
    HttpRequest m_previous;
    qint64 m_sectionBytes = 0;   // bytes of the head (or trailer section) consumed so far
    qint64 m_consumed = 0;       // bytes of the current request consumed so far
    qint64 m_remaining = 0;      // body bytes still expected (fixed body or current chunk)
    qint64 m_extensionBytes = 0; // chunk extension bytes in this request
    int m_fieldCount = 0;
    bool m_expectContinue = false;
};

} // namespace hookline
