#include "HttpRequestParser.h"

#include <QVarLengthArray>
#include <QtGlobal>

#include <utility>

namespace hookline {

namespace {

// A chunk-size line holds a few hex digits; extensions are allowed but nobody needs a long one.
constexpr qint64 MaxChunkSizeLine = 1024;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// Calls f(item) for each element of a comma-separated list value, trimmed; empty elements
// included, so callers decide whether they are allowed.
template <typename F> bool forEachListItem(QByteArrayView value, F f)
{
    for (;;) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView item = trimmedOws(comma < 0 ? value : value.first(comma));
        if (!f(item))
            return false;
        if (comma < 0)
            return true;
        value = value.sliced(comma + 1);
    }
}

bool startsWithCaseInsensitive(QByteArrayView v, QByteArrayView prefix)
{
    return v.size() >= prefix.size() && httpTokenEquals(v.first(prefix.size()), prefix);
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpParserLimits &limits)
    : m_limits(limits)
{}

HttpRequestParser::Status HttpRequestParser::feed(QByteArrayView data)
{
    append(data);
    return parse();
}

void HttpRequestParser::append(QByteArrayView data)
{
    if (data.isEmpty() || m_state == State::Failed)
        return;
    // Drop consumed bytes once they are at least half the buffer: each byte is moved at most a
    // bounded number of times, so pipelined input stays linear.
    if (m_pos > 0 && m_pos * 2 >= m_buffer.size()) {
        m_buffer.remove(0, m_pos);
        m_scanFrom -= m_pos;
        m_pos = 0;
    }
    m_buffer.append(data.data(), data.size());
}

HttpRequestParser::Status HttpRequestParser::parse()
{
    for (;;) {
        switch (m_state) {
        case State::Done:
        case State::Failed:
            return m_status;

        case State::RequestLine:
        case State::Headers: {
            QByteArrayView line;
            const LineResult r = nextHeadLine(line);
            if (r == LineResult::NeedMore)
                return Status::Incomplete;
            if (r == LineResult::Failed)
                return m_status;
            if (m_state == State::RequestLine) {
                // RFC 9112 §2.2: ignore empty lines before the request line (some clients
                // send a stray CRLF after a body). They still count toward the size limit.
                if (line.isEmpty())
                    break;
                if (!parseRequestLine(line))
                    return m_status;
                m_state = State::Headers;
            } else if (line.isEmpty()) {
                if (!finishHead())
                    return m_status;
            } else if (!parseField(line, m_request.headers, m_fieldCount)) {
                return m_status;
            }
            break;
        }

        case State::FixedBody:
        case State::ChunkData: {
            const qsizetype available = m_buffer.size() - m_pos;
            if (available == 0)
                return Status::Incomplete;
            const qsizetype n = qsizetype(qMin<qint64>(available, m_remaining));
            m_request.body.append(m_buffer.constData() + m_pos, n);
            consume(n);
            m_remaining -= n;
            if (m_remaining > 0)
                return Status::Incomplete;
            if (m_state == State::FixedBody)
                complete();
            else
                m_state = State::ChunkDataEnd;
            break;
        }

        case State::ChunkDataEnd: {
            const qsizetype available = m_buffer.size() - m_pos;
            if ((available >= 1 && m_buffer.at(m_pos) != '\r') ||
                (available >= 2 && m_buffer.at(m_pos + 1) != '\n'))
                return fail(Status::BadRequest,
                            QStringLiteral("chunk data is not followed by CRLF"));
            if (available < 2)
                return Status::Incomplete;
            consume(2);
            m_state = State::ChunkSize;
            break;
        }

        case State::ChunkSize: {
            QByteArrayView line;
            const LineResult r = nextChunkedLine(
                line, MaxChunkSizeLine, Status::BadRequest,
                QStringLiteral("chunk-size line longer than %1 bytes").arg(MaxChunkSizeLine));
            if (r == LineResult::NeedMore)
                return Status::Incomplete;
            if (r == LineResult::Failed || !parseChunkSizeLine(line))
                return m_status;
            break;
        }

        case State::Trailers: {
            QByteArrayView line;
            const LineResult r = nextChunkedLine(
                line, m_limits.maxHeaderSectionSize - m_sectionBytes, Status::HeadersTooLarge,
                QStringLiteral("trailer section larger than %1 bytes")
                    .arg(m_limits.maxHeaderSectionSize));
            if (r == LineResult::NeedMore)
                return Status::Incomplete;
            if (r == LineResult::Failed)
                return m_status;
            if (line.isEmpty())
                complete();
            else if (!parseField(line, m_request.trailers, m_fieldCount))
                return m_status;
            break;
        }
        }
    }
}

HttpRequest HttpRequestParser::takeRequest()
{
    Q_ASSERT(m_state == State::Done);
    if (m_state != State::Done)
        return {};
    m_previous.method = m_request.method;
    m_previous.target = m_request.target;
    m_previous.path = m_request.path;
    m_previous.query = m_request.query;
    m_previous.headers = m_request.headers;
    HttpRequest taken = std::exchange(m_request, HttpRequest());
    m_state = State::RequestLine;
    m_status = Status::Incomplete;
    m_errorReason.clear();
    m_sectionBytes = 0;
    m_consumed = 0;
    m_remaining = 0;
    m_extensionBytes = 0;
    m_fieldCount = 0;
    m_expectContinue = false;
    return taken;
}

void HttpRequestParser::reset()
{
    *this = HttpRequestParser(m_limits);
}

bool HttpRequestParser::readingBody() const
{
    switch (m_state) {
    case State::FixedBody:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::Trailers:
        return true;
    default:
        return false;
    }
}

bool HttpRequestParser::hasPartialRequest() const
{
    return m_state != State::RequestLine || m_consumed > 0 || bufferedBytes() > 0;
}

bool HttpRequestParser::takeExpectContinue()
{
    return std::exchange(m_expectContinue, false);
}

int HttpRequestParser::statusCode(Status status)
{
    switch (status) {
    case Status::BadRequest:
        return 400;
    case Status::PayloadTooLarge:
        return 413;
    case Status::HeadersTooLarge:
        return 431;
    case Status::VersionNotSupported:
        return 505;
    case Status::NotImplemented:
        return 501;
    case Status::Incomplete:
    case Status::Complete:
        break;
    }
    return 0;
}

HttpRequestParser::LineResult HttpRequestParser::nextHeadLine(QByteArrayView &line)
{
    const qint64 limit = m_limits.maxHeaderSectionSize;
    const qsizetype lf = m_buffer.indexOf('\n', m_scanFrom);
    if (lf < 0) {
        m_scanFrom = m_buffer.size();
        if (m_sectionBytes + bufferedBytes() > limit) {
            fail(Status::HeadersTooLarge,
                 QStringLiteral("header section larger than %1 bytes").arg(limit));
            return LineResult::Failed;
        }
        return LineResult::NeedMore;
    }
    const qsizetype length = lf + 1 - m_pos;
    if (m_sectionBytes + length > limit) {
        fail(Status::HeadersTooLarge,
             QStringLiteral("header section larger than %1 bytes").arg(limit));
        return LineResult::Failed;
    }
    m_sectionBytes += length;
    line = QByteArrayView(m_buffer.constData() + m_pos, lf - m_pos);
    // CRLF or bare LF; a CR left anywhere else is caught by the checks on each part.
    if (!line.isEmpty() && line.back() == '\r')
        line.chop(1);
    consume(length);
    return LineResult::Line;
}

HttpRequestParser::LineResult HttpRequestParser::nextChunkedLine(QByteArrayView &line,
                                                                 qint64 maxLineSize,
                                                                 Status overflowStatus,
                                                                 const QString &overflowReason)
{
    const qsizetype lf = m_buffer.indexOf('\n', m_scanFrom);
    if (lf < 0) {
        m_scanFrom = m_buffer.size();
        if (bufferedBytes() > maxLineSize) {
            fail(overflowStatus, overflowReason);
            return LineResult::Failed;
        }
        return LineResult::NeedMore;
    }
    const qsizetype length = lf + 1 - m_pos;
    if (length > maxLineSize) {
        fail(overflowStatus, overflowReason);
        return LineResult::Failed;
    }
    if (length < 2 || m_buffer.at(lf - 1) != '\r') {
        fail(Status::BadRequest, QStringLiteral("a line in a chunked body must end with CRLF"));
        return LineResult::Failed;
    }
    m_sectionBytes += length;
    line = QByteArrayView(m_buffer.constData() + m_pos, length - 2);
    consume(length);
    return LineResult::Line;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1) {
        fail(Status::BadRequest,
             QStringLiteral("malformed request line (expected: METHOD /path HTTP/1.1)"));
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);

    if (!isHttpToken(method)) {
        fail(Status::BadRequest, QStringLiteral("invalid character in the method"));
        return false;
    }
    if (version == "HTTP/1.1") {
        m_request.version = HttpVersion::Http11;
    } else if (version == "HTTP/1.0") {
        m_request.version = HttpVersion::Http10;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && isDigit(version[5]) &&
               version[6] == '.' && isDigit(version[7])) {
        fail(Status::VersionNotSupported,
             QStringLiteral("HTTP version %1 is not supported (use HTTP/1.1)")
                 .arg(QString::fromLatin1(version.sliced(5))));
        return false;
    } else {
        fail(Status::BadRequest,
             QStringLiteral("malformed HTTP version in the request line (expected HTTP/1.1)"));
        return false;
    }
    for (const char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) {
            fail(Status::BadRequest, QStringLiteral("control character in the request target"));
            return false;
        }
    }

    // origin-form ("/path?query") is what clients send to a server; absolute-form must be
    // accepted too (RFC 9112 §3.2.2), and "OPTIONS *" is the asterisk-form.
    QByteArrayView pathAndQuery;
    if (target.startsWith('/')) {
        pathAndQuery = target;
    } else if (target == "*" && method == "OPTIONS") {
        pathAndQuery = target;
    } else if (startsWithCaseInsensitive(target, "http://") ||
               startsWithCaseInsensitive(target, "https://")) {
        const qsizetype authorityStart = target.indexOf("://") + 3;
        qsizetype end = authorityStart;
        while (end < target.size() && target[end] != '/' && target[end] != '?')
            ++end;
        if (end == authorityStart) {
            fail(Status::BadRequest, QStringLiteral("request target has an empty authority"));
            return false;
        }
        pathAndQuery = target.sliced(end);
    } else {
        fail(Status::BadRequest, QStringLiteral("request target must start with '/'"));
        return false;
    }

    m_request.method = sharedIfEqual(method, m_previous.method);
    m_request.target = sharedIfEqual(target, m_previous.target);
    const qsizetype q = pathAndQuery.indexOf('?');
    const QByteArrayView path = q < 0 ? pathAndQuery : pathAndQuery.first(q);
    m_request.path = path.isEmpty() ? QByteArrayLiteral("/") : sharedIfEqual(path, m_previous.path);
    m_request.hasQuery = q >= 0;
    m_request.query =
        q < 0 ? QByteArray() : sharedIfEqual(pathAndQuery.sliced(q + 1), m_previous.query);
    return true;
}

QByteArray HttpRequestParser::sharedIfEqual(QByteArrayView bytes, const QByteArray &previous)
{
    // Empty views cost no allocation either way, and keep their own null-ness.
    if (!bytes.isEmpty() && QByteArrayView(previous) == bytes)
        return previous;
    return bytes.toByteArray();
}

bool HttpRequestParser::parseField(QByteArrayView line, HttpHeaders &into, int &count)
{
    if (line.front() == ' ' || line.front() == '\t') {
        fail(Status::BadRequest,
             QStringLiteral("obsolete line folding (a header line starting with whitespace)"));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        fail(Status::BadRequest, QStringLiteral("header line without a colon"));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    if (!isHttpToken(name)) {
        fail(Status::BadRequest,
             name.isEmpty() ? QStringLiteral("empty header name")
                            : QStringLiteral("invalid character in a header name"
                                             " (no whitespace is allowed before the colon)"));
        return false;
    }
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    if (!isHttpFieldValue(value)) {
        fail(Status::BadRequest,
             QStringLiteral("control character in the value of %1").arg(QString::fromLatin1(name)));
        return false;
    }
    if (++count > m_limits.maxHeaderCount) {
        fail(Status::HeadersTooLarge,
             QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderCount));
        return false;
    }
    if (into.isEmpty())
        into.reserve(16); // a typical request's fields, without growing the list field by field
    // Fields usually come in the same order as in the previous request on this connection.
    const qsizetype at = into.size();
    if (&into == &m_request.headers && at < m_previous.headers.size()) {
        const HttpHeader &before = m_previous.headers.at(at);
        into.append(
            HttpHeader{sharedIfEqual(name, before.name), sharedIfEqual(value, before.value)});
        return true;
    }
    into.append(HttpHeader{name.toByteArray(), value.toByteArray()});
    return true;
}

bool HttpRequestParser::finishHead()
{
    m_request.headerSize = m_sectionBytes;
    int hosts = 0;
    // On the stack: every request passes here, and almost all have one length or coding.
    QVarLengthArray<QByteArrayView, 4> lengths;
    QVarLengthArray<QByteArrayView, 4> codings;
    bool emptyCodingField = false;
    for (const HttpHeader &h : std::as_const(m_request.headers)) {
        if (httpTokenEquals(h.name, "host")) {
            ++hosts;
        } else if (httpTokenEquals(h.name, "content-length")) {
            lengths.append(h.value);
        } else if (httpTokenEquals(h.name, "transfer-encoding")) {
            forEachListItem(h.value, [&](QByteArrayView item) {
                if (!item.isEmpty())
                    codings.append(item);
                return true;
            });
            emptyCodingField = emptyCodingField || h.value.isEmpty();
        }
    }

    if (hosts == 0 && m_request.version == HttpVersion::Http11) {
        fail(Status::BadRequest, QStringLiteral("missing Host header (required in HTTP/1.1)"));
        return false;
    }
    if (hosts > 1) {
        fail(Status::BadRequest, QStringLiteral("more than one Host header"));
        return false;
    }

    const bool hasTransferEncoding = !codings.isEmpty() || emptyCodingField;
    if (hasTransferEncoding) {
        if (m_request.version == HttpVersion::Http10) {
            fail(Status::BadRequest,
                 QStringLiteral("Transfer-Encoding is not allowed in an HTTP/1.0 request"));
            return false;
        }
        if (!lengths.isEmpty()) {
            fail(Status::BadRequest,
                 QStringLiteral("both Content-Length and Transfer-Encoding are present"));
            return false;
        }
        if (codings.isEmpty()) {
            fail(Status::BadRequest, QStringLiteral("empty Transfer-Encoding"));
            return false;
        }
        if (!httpTokenEquals(codings.back(), "chunked")) {
            fail(Status::BadRequest,
                 QStringLiteral("Transfer-Encoding must end with chunked in a request"));
            return false;
        }
        for (qsizetype i = 0; i + 1 < codings.size(); ++i) {
            if (httpTokenEquals(codings.at(i), "chunked")) {
                fail(Status::BadRequest, QStringLiteral("chunked is applied more than once"));
                return false;
            }
            fail(Status::NotImplemented,
                 isHttpToken(codings.at(i))
                     ? QStringLiteral("transfer coding %1 is not supported (only chunked is)")
                           .arg(QString::fromLatin1(codings.at(i)))
                     : QStringLiteral("invalid transfer coding"));
            return false;
        }
        m_request.chunked = true;
        m_state = State::ChunkSize;
    } else if (!lengths.isEmpty()) {
        // Several Content-Length fields (or a list in one) are allowed only if all agree.
        QByteArrayView agreed;
        bool valid = true;
        bool conflicting = false;
        for (const QByteArrayView field : std::as_const(lengths)) {
            forEachListItem(field, [&](QByteArrayView item) {
                if (item.isEmpty()) {
                    valid = false;
                    return false;
                }
                for (const char c : item) {
                    if (!isDigit(c)) {
                        valid = false;
                        return false;
                    }
                }
                while (item.size() > 1 && item.front() == '0')
                    item = item.sliced(1);
                if (agreed.isNull())
                    agreed = item;
                else if (item != agreed)
                    conflicting = true;
                return true;
            });
            if (!valid)
                break;
        }
        if (!valid) {
            fail(Status::BadRequest, QStringLiteral("invalid Content-Length"));
            return false;
        }
        if (conflicting) {
            fail(Status::BadRequest, QStringLiteral("conflicting Content-Length values"));
            return false;
        }
        // At most 18 digits fit in a qint64; anything longer is certainly over the limit.
        const qint64 length = agreed.size() > 18 ? -1 : agreed.toLongLong();
        if (length < 0 || length > m_limits.maxBodySize) {
            fail(Status::PayloadTooLarge,
                 QStringLiteral("body of %1 bytes is over the %2 byte limit")
                     .arg(QString::fromLatin1(agreed))
                     .arg(m_limits.maxBodySize));
            return false;
        }
        m_remaining = length;
        m_state = State::FixedBody;
        if (length == 0) {
            complete();
            return true;
        }
    } else {
        complete();
        return true;
    }

    m_expectContinue = m_request.version == HttpVersion::Http11 &&
                       httpTokenEquals(m_request.header("expect"), "100-continue");
    return true;
}

bool HttpRequestParser::parseChunkSizeLine(QByteArrayView line)
{
    const qint64 allowed = m_limits.maxBodySize - m_request.body.size();
    qint64 size = 0;
    bool tooLarge = false;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const int digit = hexValue(line[i]);
        if (digit < 0)
            break;
        if (!tooLarge) {
            size = size * 16 + digit; // cannot overflow: size <= allowed before this step
            tooLarge = size > allowed;
        }
    }
    if (i == 0) {
        fail(Status::BadRequest, QStringLiteral("invalid chunk size"));
        return false;
    }
    // chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ): ignored, but it must be
    // introduced by ';' and may not hide control characters.
    const QByteArrayView extension = line.sliced(i);
    if (!extension.isEmpty()) {
        const QByteArrayView trimmed = trimmedOws(extension);
        if (!trimmed.startsWith(';')) {
            fail(Status::BadRequest, QStringLiteral("invalid chunk size"));
            return false;
        }
        if (!isHttpFieldValue(extension)) {
            fail(Status::BadRequest, QStringLiteral("control character in a chunk extension"));
            return false;
        }
        m_extensionBytes += extension.size();
        if (m_extensionBytes > m_limits.maxHeaderSectionSize) {
            fail(Status::BadRequest, QStringLiteral("chunk extensions longer than %1 bytes")
                                         .arg(m_limits.maxHeaderSectionSize));
            return false;
        }
    }
    if (tooLarge) {
        fail(Status::PayloadTooLarge,
             QStringLiteral("chunked body grows over the %1 byte limit").arg(m_limits.maxBodySize));
        return false;
    }
    if (size == 0) {
        m_state = State::Trailers;
        m_sectionBytes = 0;
        m_fieldCount = 0;
    } else {
        m_remaining = size;
        m_state = State::ChunkData;
    }
    return true;
}

void HttpRequestParser::consume(qsizetype n)
{
    m_pos += n;
    m_consumed += n;
    if (m_scanFrom < m_pos)
        m_scanFrom = m_pos;
}

void HttpRequestParser::complete()
{
    m_request.wireSize = m_consumed;
    m_state = State::Done;
    m_status = Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::fail(Status status, const QString &reason)
{
    m_state = State::Failed;
    m_status = status;
    m_errorReason = reason;
    return status;
}

} // namespace hookline
