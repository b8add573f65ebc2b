#include "http/HttpRequestParser.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace hookline;
using Status = HttpRequestParser::Status;

namespace {

// Everything a parse produced, in order, so two ways of feeding the same bytes can be compared.
struct Outcome {
    QList<HttpRequest> requests;
    Status status = Status::Incomplete;
    QString reason;
};

// Feeds `input` in pieces whose sizes come from `nextChunk` and collects every request.
Outcome run(const QByteArray &input, const HttpParserLimits &limits,
            const std::function<qsizetype()> &nextChunk)
{
    HttpRequestParser parser(limits);
    Outcome out;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype n = qMin(qMax<qsizetype>(nextChunk(), 1), input.size() - pos);
        parser.append(QByteArrayView(input.constData() + pos, n));
        pos += n;
        for (;;) {
            out.status = parser.parse();
            if (out.status != Status::Complete)
                break;
            out.requests.append(parser.takeRequest());
        }
        if (out.status != Status::Incomplete) {
            out.reason = parser.errorReason();
            return out;
        }
    }
    // Input that ends exactly after its last request counts as Complete.
    if (!out.requests.isEmpty() && !parser.hasPartialRequest())
        out.status = Status::Complete;
    return out;
}

Outcome runWhole(const QByteArray &input, const HttpParserLimits &limits = {})
{
    return run(input, limits, [&] { return input.size(); });
}

Outcome runByteByByte(const QByteArray &input, const HttpParserLimits &limits = {})
{
    return run(input, limits, [] { return qsizetype(1); });
}

QByteArray describe(const HttpHeaders &headers)
{
    QByteArray out;
    for (const HttpHeader &h : headers) {
        out.append(h.name);
        out.append(": ");
        out.append(h.value);
        out.append('\n');
    }
    return out;
}

QByteArray describe(const HttpRequest &r)
{
    QByteArray out;
    out.append(r.method);
    out.append(' ');
    out.append(r.target);
    out.append(" path=");
    out.append(r.path);
    out.append(r.hasQuery ? " query=" : " noquery");
    out.append(r.query);
    out.append(' ');
    out.append(r.versionString());
    out.append(r.chunked ? " chunked" : "");
    out.append(" head=");
    out.append(QByteArray::number(r.headerSize));
    out.append(" wire=");
    out.append(QByteArray::number(r.wireSize));
    out.append('\n');
    out.append(describe(r.headers));
    out.append("--trailers\n");
    out.append(describe(r.trailers));
    out.append("--body ");
    out.append(QByteArray::number(r.body.size()));
    out.append('\n');
    out.append(r.body);
    return out;
}

QByteArray describe(const Outcome &o)
{
    QByteArray out;
    for (const HttpRequest &r : o.requests) {
        out.append(describe(r));
        out.append("\n====\n");
    }
    out.append("status ");
    out.append(QByteArray::number(int(o.status)));
    out.append(' ');
    out.append(o.reason.toUtf8());
    return out;
}

const char *const Get = "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n";

// A header section of exactly `size` bytes (request line through the final empty line).
QByteArray headOfSize(qsizetype size)
{
    const QByteArray start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
    const QByteArray end = "\r\n\r\n";
    QByteArray head = start;
    head.append(QByteArray(size - start.size() - end.size(), 'p'));
    head.append(end);
    return head;
}

QByteArray withHeaders(int count)
{
    QByteArray head = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 1; i < count; ++i)
        head.append("X-H").append(QByteArray::number(i)).append(": v\r\n");
    head.append("\r\n");
    return head;
}

QByteArray chunkedBody(const QList<int> &chunkSizes)
{
    QByteArray out = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const int size : chunkSizes) {
        out.append(QByteArray::number(size, 16)).append("\r\n");
        out.append(QByteArray(size, 'c')).append("\r\n");
    }
    out.append("0\r\n\r\n");
    return out;
}

} // namespace

class TestHttpParser : public QObject {
    Q_OBJECT

private slots:
    void parsesRequests_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<bool>("hasQuery");
        QTest::addColumn<bool>("http10");
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("simple GET")
            << QByteArray(Get) << QByteArray("GET") << QByteArray("/") << QByteArray() << false
            << false << QByteArray("Host: example.test\n") << QByteArray();
        QTest::newRow("query split")
            << QByteArray("GET /hooks/a?x=1&y=%20 HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
            << QByteArray("/hooks/a") << QByteArray("x=1&y=%20") << true << false
            << QByteArray("Host: h\n") << QByteArray();
        QTest::newRow("empty query") << QByteArray("GET /p? HTTP/1.1\r\nHost: h\r\n\r\n")
                                     << QByteArray("GET") << QByteArray("/p") << QByteArray()
                                     << true << false << QByteArray("Host: h\n") << QByteArray();
        QTest::newRow("second ? stays in the query")
            << QByteArray("GET /p?a=?b HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
            << QByteArray("/p") << QByteArray("a=?b") << true << false << QByteArray("Host: h\n")
            << QByteArray();
        QTest::newRow("POST with Content-Length")
            << QByteArray("POST /in HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello")
            << QByteArray("POST") << QByteArray("/in") << QByteArray() << false << false
            << QByteArray("Host: h\nContent-Length: 5\n") << QByteArray("hello");
        QTest::newRow("any method token")
            << QByteArray("M-SEARCH /x HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("M-SEARCH")
            << QByteArray("/x") << QByteArray() << false << false << QByteArray("Host: h\n")
            << QByteArray();
        QTest::newRow("HTTP/1.0 needs no Host")
            << QByteArray("GET /old HTTP/1.0\r\n\r\n") << QByteArray("GET") << QByteArray("/old")
            << QByteArray() << false << true << QByteArray() << QByteArray();
        QTest::newRow("bare LF line ends in the head")
            << QByteArray("POST / HTTP/1.1\nHost: h\nContent-Length: 2\n\nhi") << QByteArray("POST")
            << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nContent-Length: 2\n") << QByteArray("hi");
        QTest::newRow("empty line before the request line")
            << QByteArray("\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
            << QByteArray("/") << QByteArray() << false << false << QByteArray("Host: h\n")
            << QByteArray();
        QTest::newRow("absolute-form")
            << QByteArray("GET http://example.test/p?q=1 HTTP/1.1\r\nHost: example.test\r\n\r\n")
            << QByteArray("GET") << QByteArray("/p") << QByteArray("q=1") << true << false
            << QByteArray("Host: example.test\n") << QByteArray();
        QTest::newRow("absolute-form without a path")
            << QByteArray("GET HTTPS://example.test HTTP/1.1\r\nHost: example.test\r\n\r\n")
            << QByteArray("GET") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: example.test\n") << QByteArray();
        QTest::newRow("OPTIONS *") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")
                                   << QByteArray("OPTIONS") << QByteArray("*") << QByteArray()
                                   << false << false << QByteArray("Host: h\n") << QByteArray();
        QTest::newRow("value whitespace trimmed, inner kept")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t a  b \t\r\nX-Empty:\r\n\r\n")
            << QByteArray("GET") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nX-A: a  b\nX-Empty: \n") << QByteArray();
        QTest::newRow("non-ASCII value bytes kept")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-Name: caf\xc3\xa9\r\n\r\n")
            << QByteArray("GET") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nX-Name: caf\xc3\xa9\n") << QByteArray();
        QTest::newRow("Content-Length 0")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
            << QByteArray("POST") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nContent-Length: 0\n") << QByteArray();
        QTest::newRow("repeated equal Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                          "Content-Length: 3, 003\r\n\r\nabc")
            << QByteArray("POST") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nContent-Length: 3\nContent-Length: 3, 003\n")
            << QByteArray("abc");
        QTest::newRow("chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5\r\nhello\r\nA\r\n, world!!!\r\n0\r\n\r\n")
            << QByteArray("POST") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nTransfer-Encoding: chunked\n") << QByteArray("hello, world!!!");
        QTest::newRow("chunked with extensions")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                          "5;name=value\r\nhello\r\n1 ; a=\"q; x\";b\r\n!\r\n0;last\r\n\r\n")
            << QByteArray("POST") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nTransfer-Encoding: Chunked\n") << QByteArray("hello!");
        QTest::newRow("chunked with trailers")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n")
            << QByteArray("POST") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nTransfer-Encoding: chunked\n") << QByteArray("abc");
        QTest::newRow("chunk size with leading zeros and upper case")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "000B\r\nhello world\r\n0000\r\n\r\n")
            << QByteArray("POST") << QByteArray("/") << QByteArray() << false << false
            << QByteArray("Host: h\nTransfer-Encoding: chunked\n") << QByteArray("hello world");
    }

    void parsesRequests()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, query);
        QFETCH(bool, hasQuery);
        QFETCH(bool, http10);
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, body);

        const Outcome whole = runWhole(input);
        QCOMPARE(whole.status, Status::Complete);
        QCOMPARE(whole.requests.size(), 1);
        const HttpRequest &r = whole.requests.constFirst();
        QCOMPARE(r.method, method);
        QCOMPARE(r.path, path);
        QCOMPARE(r.query, query);
        QCOMPARE(r.hasQuery, hasQuery);
        QCOMPARE(r.version, http10 ? HttpVersion::Http10 : HttpVersion::Http11);
        QCOMPARE(describe(r.headers), headers);
        QCOMPARE(r.body, body);
        QCOMPARE(r.wireSize, input.size());

        // However the bytes are split, the result is the same.
        QCOMPARE(describe(runByteByByte(input)), describe(whole));
    }

    void trailersAreKept()
    {
        const Outcome o =
            runWhole("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "1\r\nx\r\n0\r\nX-Checksum: 1\r\nx-other:  2 \r\n\r\n");
        QCOMPARE(o.status, Status::Complete);
        QCOMPARE(describe(o.requests.constFirst().trailers),
                 QByteArray("X-Checksum: 1\nx-other: 2\n"));
        QVERIFY(o.requests.constFirst().chunked);
    }

    void headersKeepOrderAndCase()
    {
        const Outcome o = runWhole("GET / HTTP/1.1\r\nhost: h\r\nX-Multi: a\r\nContent-Type: t\r\n"
                                   "x-multi: b\r\nX-MULTI: c, d\r\n\r\n");
        QCOMPARE(o.status, Status::Complete);
        const HttpRequest &r = o.requests.constFirst();
        QCOMPARE(describe(r.headers),
                 QByteArray("host: h\nX-Multi: a\nContent-Type: t\nx-multi: b\nX-MULTI: c, d\n"));
        QCOMPARE(r.header("X-Multi"), QByteArray("a, b, c, d"));
        QCOMPARE(r.headerValues("x-MULTI"), (QList<QByteArray>{"a", "b", "c, d"}));
        QCOMPARE(r.header("HOST"), QByteArray("h"));
        QVERIFY(r.hasHeader("content-type"));
        QVERIFY(!r.hasHeader("content-length"));
        QCOMPARE(r.header("missing"), QByteArray());
    }

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1 default") << QByteArray(Get) << true;
        QTest::newRow("1.1 close")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n") << false;
        QTest::newRow("1.1 close in a list")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade, close\r\n\r\n")
            << false;
        QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    }

    void keepAlive()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, keepAlive);
        const Outcome o = runWhole(input);
        QCOMPARE(o.status, Status::Complete);
        QCOMPARE(o.requests.constFirst().keepAlive(), keepAlive);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");

        const int bad = int(Status::BadRequest);
        auto head = [](const char *headers) {
            return QByteArray("POST / HTTP/1.1\r\nHost: h\r\n").append(headers).append("\r\n");
        };
        auto chunked = [](const char *body) {
            return QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
                .append(body);
        };

        QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << bad
                                 << QStringLiteral("malformed request line");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\n", 10) << bad
                                << QStringLiteral("malformed request line");
        QTest::newRow("HTTP/0.9") << QByteArray("GET /\r\n\r\n") << bad
                                  << QStringLiteral("malformed request line");
        QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") << bad
                                      << QStringLiteral("malformed request line");
        QTest::newRow("trailing space")
            << QByteArray("GET / HTTP/1.1 \r\nHost: h\r\n\r\n") << bad
            << QStringLiteral("malformed HTTP version in the request line");
        QTest::newRow("lower-case version")
            << QByteArray("GET / http/1.1\r\nHost: h\r\n\r\n") << bad
            << QStringLiteral("malformed HTTP version in the request line");
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: h\r\n\r\n")
                                  << int(Status::VersionNotSupported)
                                  << QStringLiteral("HTTP version 2.0 is not supported");
        QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\nHost: h\r\n\r\n")
                                  << int(Status::VersionNotSupported)
                                  << QStringLiteral("HTTP version 1.2 is not supported");
        QTest::newRow("invalid method") << QByteArray("GE(T / HTTP/1.1\r\nHost: h\r\n\r\n") << bad
                                        << QStringLiteral("invalid character in the method");
        QTest::newRow("relative target") << QByteArray("GET foo HTTP/1.1\r\nHost: h\r\n\r\n") << bad
                                         << QStringLiteral("request target must start with '/'");
        QTest::newRow("tab in target") << QByteArray("GET /a\tb HTTP/1.1\r\nHost: h\r\n\r\n") << bad
                                       << QStringLiteral("control character in the request target");
        QTest::newRow("bare CR in request line")
            << QByteArray("GET /a\rb HTTP/1.1\r\nHost: h\r\n\r\n") << bad
            << QStringLiteral("control character in the request target");
        QTest::newRow("bare CR ending a line")
            << QByteArray("GET / HTTP/1.1\rHost: h\r\n\r\n") << bad
            << QStringLiteral("malformed HTTP version in the request line");
        QTest::newRow("bare CR in a value")
            << head("X-A: a\rb\r\n") << bad
            << QStringLiteral("control character in the value of X-A");
        QTest::newRow("missing Host")
            << QByteArray("GET / HTTP/1.1\r\n\r\n") << bad << QStringLiteral("missing Host header");
        QTest::newRow("two Host") << head("Host: other\r\n") << bad
                                  << QStringLiteral("more than one Host header");
        QTest::newRow("obs-fold") << head("X-A: a\r\n  continued\r\n") << bad
                                  << QStringLiteral("obsolete line folding");
        QTest::newRow("obs-fold with tab")
            << head("X-A: a\r\n\tcontinued\r\n") << bad << QStringLiteral("obsolete line folding");
        QTest::newRow("space before colon")
            << head("X-A : a\r\n") << bad << QStringLiteral("invalid character in a header name");
        QTest::newRow("no colon") << head("X-A a\r\n") << bad
                                  << QStringLiteral("header line without a colon");
        QTest::newRow("empty name")
            << head(": a\r\n") << bad << QStringLiteral("empty header name");
        QTest::newRow("NUL in value")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0b\r\n\r\n", 36) << bad
            << QStringLiteral("control character in the value of X-A");
        QTest::newRow("control in value")
            << head("X-A: a\x01"
                    "b\r\n")
            << bad << QStringLiteral("control character in the value of X-A");
        QTest::newRow("DEL in value") << head("X-A: a\x7f\r\n") << bad
                                      << QStringLiteral("control character in the value of X-A");
        QTest::newRow("control in name")
            << head("X\x01"
                    "A: a\r\n")
            << bad << QStringLiteral("invalid character in a header name");
        QTest::newRow("both lengths")
            << head("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n") << bad
            << QStringLiteral("both Content-Length and Transfer-Encoding are present");
        QTest::newRow("differing lengths")
            << head("Content-Length: 3\r\nContent-Length: 4\r\n") << bad
            << QStringLiteral("conflicting Content-Length values");
        QTest::newRow("differing lengths in a list")
            << head("Content-Length: 3, 4\r\n") << bad
            << QStringLiteral("conflicting Content-Length values");
        QTest::newRow("empty length")
            << head("Content-Length:\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("negative length")
            << head("Content-Length: -1\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("plus length")
            << head("Content-Length: +1\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("hex length")
            << head("Content-Length: 0x10\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("decimal length")
            << head("Content-Length: 1.0\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("two numbers")
            << head("Content-Length: 1 2\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("empty list item")
            << head("Content-Length: 3,\r\n") << bad << QStringLiteral("invalid Content-Length");
        QTest::newRow("gzip then chunked")
            << head("Transfer-Encoding: gzip, chunked\r\n") << int(Status::NotImplemented)
            << QStringLiteral("transfer coding gzip is not supported");
        QTest::newRow("gzip only")
            << head("Transfer-Encoding: gzip\r\n") << bad
            << QStringLiteral("Transfer-Encoding must end with chunked in a request");
        QTest::newRow("chunked twice")
            << head("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") << bad
            << QStringLiteral("chunked is applied more than once");
        QTest::newRow("empty transfer-encoding")
            << head("Transfer-Encoding:\r\n") << bad << QStringLiteral("empty Transfer-Encoding");
        QTest::newRow("transfer-encoding in 1.0")
            << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << bad
            << QStringLiteral("Transfer-Encoding is not allowed in an HTTP/1.0 request");
        QTest::newRow("invalid chunk size")
            << chunked("zz\r\n") << bad << QStringLiteral("invalid chunk size");
        QTest::newRow("missing chunk size")
            << chunked(";ext\r\n") << bad << QStringLiteral("invalid chunk size");
        QTest::newRow("chunk extension without ;")
            << chunked("5 x\r\nhello\r\n0\r\n\r\n") << bad << QStringLiteral("invalid chunk size");
        QTest::newRow("control in chunk extension")
            << chunked("5;a\x01\r\nhello\r\n0\r\n\r\n") << bad
            << QStringLiteral("control character in a chunk extension");
        QTest::newRow("chunk data too long")
            << chunked("5\r\nhelloXX\r\n0\r\n\r\n") << bad
            << QStringLiteral("chunk data is not followed by CRLF");
        QTest::newRow("chunk data without CRLF")
            << chunked("5\r\nhello\n0\r\n\r\n") << bad
            << QStringLiteral("chunk data is not followed by CRLF");
        QTest::newRow("bare LF after chunk size")
            << chunked("5\nhello\r\n0\r\n\r\n") << bad
            << QStringLiteral("a line in a chunked body must end with CRLF");
        QTest::newRow("bare LF after last chunk")
            << chunked("0\n\r\n") << bad
            << QStringLiteral("a line in a chunked body must end with CRLF");
        QTest::newRow("bare LF ending trailers")
            << chunked("0\r\n\n") << bad
            << QStringLiteral("a line in a chunked body must end with CRLF");
        QTest::newRow("bad trailer") << chunked("0\r\nX-T a\r\n\r\n") << bad
                                     << QStringLiteral("header line without a colon");
        QTest::newRow("chunk-size line too long")
            << chunked(QByteArray("5;").append(QByteArray(2000, 'x')).append("\r\n").constData())
            << bad << QStringLiteral("chunk-size line longer than");
        QTest::newRow("length over limit")
            << head("Content-Length: 1048577\r\n") << int(Status::PayloadTooLarge)
            << QStringLiteral("body of");
        QTest::newRow("huge length") << head("Content-Length: 99999999999999999999999999\r\n")
                                     << int(Status::PayloadTooLarge) << QStringLiteral("body of");
        QTest::newRow("huge chunk")
            << chunked("FFFFFFFFFFFFFFFFFFFFFFFF\r\n") << int(Status::PayloadTooLarge)
            << QStringLiteral("chunked body grows over the");
        QTest::newRow("headers too large")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-Big: ")
                   .append(QByteArray(20 * 1024, 'b'))
                   .append("\r\n\r\n")
            << int(Status::HeadersTooLarge) << QStringLiteral("header section larger than");
        QTest::newRow("request line too large")
            << QByteArray("GET /").append(QByteArray(20 * 1024, 'a')).append(" HTTP/1.1\r\n")
            << int(Status::HeadersTooLarge) << QStringLiteral("header section larger than");
        QTest::newRow("endless line") << QByteArray(20 * 1024, 'G') << int(Status::HeadersTooLarge)
                                      << QStringLiteral("header section larger than");
        QTest::newRow("too many headers") << withHeaders(101) << int(Status::HeadersTooLarge)
                                          << QStringLiteral("more than 100 header fields");
    }

    void rejects()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const Outcome whole = runWhole(input);
        QCOMPARE(int(whole.status), status);
        QVERIFY(whole.requests.isEmpty());
        QVERIFY2(whole.reason.contains(reason), qPrintable(whole.reason));
        QVERIFY(HttpRequestParser::statusCode(whole.status) >= 400);
        QCOMPARE(describe(runByteByByte(input)), describe(whole));
    }

    void errorIsSticky()
    {
        HttpRequestParser parser;
        QCOMPARE(parser.feed("BAD\r\n\r\n"), Status::BadRequest);
        QCOMPARE(parser.feed(Get), Status::BadRequest);
        QCOMPARE(parser.parse(), Status::BadRequest);
        parser.reset();
        QCOMPARE(parser.feed(Get), Status::Complete);
    }

    void statusCodes()
    {
        QCOMPARE(HttpRequestParser::statusCode(Status::BadRequest), 400);
        QCOMPARE(HttpRequestParser::statusCode(Status::PayloadTooLarge), 413);
        QCOMPARE(HttpRequestParser::statusCode(Status::HeadersTooLarge), 431);
        QCOMPARE(HttpRequestParser::statusCode(Status::NotImplemented), 501);
        QCOMPARE(HttpRequestParser::statusCode(Status::VersionNotSupported), 505);
        QCOMPARE(HttpRequestParser::statusCode(Status::Complete), 0);
    }

    void payloadTooLargeWithoutTheBody()
    {
        // 413 as soon as the header section is in: the body need not (and will not) be read.
        HttpRequestParser parser;
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n"),
                 Status::PayloadTooLarge);
        QVERIFY(parser.errorReason().contains(QStringLiteral("2000000")));
    }

    void chunkedOverLimitStopsAtTheChunkSize()
    {
        HttpParserLimits limits;
        limits.maxBodySize = 10;
        HttpRequestParser parser(limits);
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "8\r\n12345678\r\n"),
                 Status::Incomplete);
        // The next chunk would make 11 bytes: refused before its data arrives.
        QCOMPARE(parser.feed("3\r\n"), Status::PayloadTooLarge);
    }

    void limitsAtBoundary_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("bodySize");

        const qint64 body = 100;
        const QByteArray atLimit =
            QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n")
                .append(QByteArray(body, 'b'));
        QTest::newRow("Content-Length at limit") << atLimit << int(Status::Complete) << 100;
        QTest::newRow("Content-Length over limit")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n")
            << int(Status::PayloadTooLarge) << 0;
        QTest::newRow("chunked at limit") << chunkedBody({60, 40}) << int(Status::Complete) << 100;
        QTest::newRow("chunked over limit")
            << chunkedBody({60, 41}) << int(Status::PayloadTooLarge) << 0;
        QTest::newRow("single chunk over limit")
            << chunkedBody({101}) << int(Status::PayloadTooLarge) << 0;
        QTest::newRow("header section at limit") << headOfSize(200) << int(Status::Complete) << 0;
        QTest::newRow("header section over limit")
            << headOfSize(201) << int(Status::HeadersTooLarge) << 0;
        QTest::newRow("header count at limit") << withHeaders(5) << int(Status::Complete) << 0;
        QTest::newRow("header count over limit")
            << withHeaders(6) << int(Status::HeadersTooLarge) << 0;
        const QByteArray trailerStart =
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: ";
        // The trailer section is "X-T: <pad>\r\n\r\n": 9 bytes plus the padding.
        QTest::newRow("trailer section at limit")
            << QByteArray(trailerStart).append(QByteArray(191, 't')).append("\r\n\r\n")
            << int(Status::Complete) << 0;
        QTest::newRow("trailer section over limit")
            << QByteArray(trailerStart).append(QByteArray(192, 't')).append("\r\n\r\n")
            << int(Status::HeadersTooLarge) << 0;
    }

    void limitsAtBoundary()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        QFETCH(int, bodySize);
        HttpParserLimits limits;
        limits.maxBodySize = 100;
        limits.maxHeaderSectionSize = 200;
        limits.maxHeaderCount = 5;

        const Outcome whole = runWhole(input, limits);
        QCOMPARE(int(whole.status), status);
        if (whole.status == Status::Complete) {
            QCOMPARE(whole.requests.size(), 1);
            QCOMPARE(whole.requests.constFirst().body.size(), bodySize);
        }
        QCOMPARE(describe(runByteByByte(input, limits)), describe(whole));
    }

    void headerSizeIsCounted()
    {
        const Outcome o = runWhole(headOfSize(300));
        QCOMPARE(o.status, Status::Complete);
        QCOMPARE(o.requests.constFirst().headerSize, 300);
    }

    void pipelined()
    {
        const QByteArray post = "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
        const QByteArray chunked =
            "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n";
        QByteArray input = Get;
        input.append(post).append(chunked);

        const Outcome whole = runWhole(input);
        QCOMPARE(whole.status, Status::Complete);
        QCOMPARE(whole.requests.size(), 3);
        QCOMPARE(whole.requests.at(0).path, QByteArray("/"));
        QCOMPARE(whole.requests.at(1).body, QByteArray("abc"));
        QCOMPARE(whole.requests.at(1).wireSize, post.size());
        QCOMPARE(whole.requests.at(2).body, QByteArray("xy"));
        QCOMPARE(whole.requests.at(2).wireSize, chunked.size());
        QCOMPARE(describe(runByteByByte(input)), describe(whole));
    }

    // A connection's next request shares the bytes it repeats from the previous one (no
    // allocation), and everything it changes is its own: values never leak from one request
    // into the next, whatever moves, appears or disappears.
    void nextRequestSharesWhatItRepeats()
    {
        HttpRequestParser parser;
        QCOMPARE(parser.feed("POST /hooks/a?x=1 HTTP/1.1\r\nHost: h\r\nX-Sig: aaaa\r\n"
                             "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
                 Status::Complete);
        const HttpRequest first = parser.takeRequest();
        QCOMPARE(parser.feed("POST /hooks/a?x=1 HTTP/1.1\r\nHost: h\r\nX-Sig: bbbb\r\n"
                             "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"),
                 Status::Complete);
        const HttpRequest second = parser.takeRequest();
        QCOMPARE(second.headers.size(), 4);
        QCOMPARE(second.headers.at(1).value, QByteArray("bbbb"));
        QCOMPARE(second.body, QByteArray("[]"));
        QVERIFY(second.method.isSharedWith(first.method));
        QVERIFY(second.path.isSharedWith(first.path));
        QVERIFY(second.query.isSharedWith(first.query));
        QVERIFY(second.headers.at(0).name.isSharedWith(first.headers.at(0).name));
        QVERIFY(second.headers.at(0).value.isSharedWith(first.headers.at(0).value));
        QVERIFY(second.headers.at(1).name.isSharedWith(first.headers.at(1).name));
        QVERIFY(!second.headers.at(1).value.isSharedWith(first.headers.at(1).value));
        QVERIFY(second.headers.at(2).value.isSharedWith(first.headers.at(2).value));

        // Another order, a field gone, one new, an empty value, another method and no query.
        QCOMPARE(parser.feed("GET /hooks/a HTTP/1.1\r\nContent-Type: application/json\r\n"
                             "Host: h\r\nX-Sig:\r\nX-New: aaaa\r\n\r\n"),
                 Status::Complete);
        const HttpRequest third = parser.takeRequest();
        QCOMPARE(third.method, QByteArray("GET"));
        QCOMPARE(third.path, QByteArray("/hooks/a"));
        QVERIFY(!third.hasQuery);
        QVERIFY(third.query.isEmpty());
        const HttpHeaders expected = {
            {"Content-Type", "application/json"}, {"Host", "h"}, {"X-Sig", ""}, {"X-New", "aaaa"}};
        QCOMPARE(third.headers, expected);
        QVERIFY(third.body.isEmpty());
        // What the earlier requests hold is untouched by the later ones.
        QCOMPARE(first.headers.at(1).value, QByteArray("aaaa"));
        QCOMPARE(first.body, QByteArray("{}"));
        QCOMPARE(second.headers.at(0).value, QByteArray("h"));

        // reset() forgets the previous request.
        QCOMPARE(parser.feed(Get), Status::Complete);
        const HttpRequest fourth = parser.takeRequest();
        QVERIFY(fourth.method.isSharedWith(third.method));
        parser.reset();
        QCOMPARE(parser.feed(Get), Status::Complete);
        const HttpRequest afterReset = parser.takeRequest();
        QCOMPARE(afterReset.method, QByteArray("GET"));
        QVERIFY(!afterReset.method.isSharedWith(fourth.method));
        QVERIFY(!afterReset.headers.at(0).name.isSharedWith(fourth.headers.at(0).name));
    }

    void pipelinedLeftoverWaits()
    {
        HttpRequestParser parser;
        QByteArray input = Get;
        input.append("GET /second HTTP/1.1\r\nHo");
        QCOMPARE(parser.feed(input), Status::Complete);
        QCOMPARE(parser.feed("st: h\r\n"), Status::Complete); // sticky until taken
        QCOMPARE(parser.takeRequest().path, QByteArray("/"));
        QVERIFY(parser.hasPartialRequest());
        QCOMPARE(parser.parse(), Status::Incomplete);
        QCOMPARE(parser.feed("\r\n"), Status::Complete);
        QCOMPARE(parser.takeRequest().path, QByteArray("/second"));
        QVERIFY(!parser.hasPartialRequest());
        QCOMPARE(parser.bufferedBytes(), 0);
    }

    void expectContinue()
    {
        HttpRequestParser parser;
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\n"
                             "Content-Length: 2\r\n\r\n"),
                 Status::Incomplete);
        QVERIFY(parser.readingBody());
        QVERIFY(parser.takeExpectContinue());
        QVERIFY(!parser.takeExpectContinue());
        QCOMPARE(parser.feed("ok"), Status::Complete);

        HttpRequestParser plain;
        QCOMPARE(plain.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n"),
                 Status::Incomplete);
        QVERIFY(!plain.takeExpectContinue());
    }

    // Work grows linearly with input however it is split. A parser that rescanned its buffer
    // on every feed, or moved the leftover after every pipelined request, would take minutes
    // here instead of milliseconds.
    void linearTime()
    {
        QElapsedTimer timer;
        timer.start();

        HttpParserLimits limits;
        limits.maxHeaderSectionSize = 4 * 1024 * 1024;
        HttpRequestParser longLine(limits);
        longLine.append("GET / HTTP/1.1\r\nHost: h\r\nX-Long: ");
        const QByteArray piece(64, 'v');
        for (int i = 0; i < 2 * 1024 * 1024 / 64; ++i)
            QCOMPARE(longLine.feed(piece), Status::Incomplete);
        QCOMPARE(longLine.feed("\r\n\r\n"), Status::Complete);

        QByteArray many;
        for (int i = 0; i < 20'000; ++i)
            many.append(Get);
        HttpRequestParser pipelined;
        pipelined.append(many);
        int count = 0;
        while (pipelined.parse() == Status::Complete) {
            pipelined.takeRequest();
            ++count;
        }
        QCOMPARE(count, 20'000);

        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    // The fuzz target's job, run in the normal suite: mutated valid requests, fed in random
    // pieces, never crash, never yield a body over the limit, and parse the same whichever way
    // they are split.
    void mutationLoop()
    {
        HttpParserLimits limits;
        limits.maxBodySize = 64;
        limits.maxHeaderSectionSize = 256;
        limits.maxHeaderCount = 8;

        const QList<QByteArray> seeds = {
            Get,
            "POST /hooks/a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
            "Content-Length: 11\r\n\r\n{\"a\":[1,2]}",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            "4;x=y\r\nabcd\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 1\r\n\r\n",
            "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n",
            "PUT /p HTTP/1.1\nHost: h\nContent-Length: 3\n\nxyzGET / HTTP/1.1\r\nHost: h\r\n\r\n",
        };
        const QByteArray interesting = QByteArray("\r\n :;,\t0189aAfF\x7f\xff-", 19).append('\0');
        const QList<QByteArray> lines = {"Content-Length: 5\r\n",
                                         "Transfer-Encoding: chunked\r\n",
                                         "Content-Length: 999999999999999999999\r\n",
                                         "Transfer-Encoding: gzip\r\n",
                                         "Host: x\r\n",
                                         "\r\n",
                                         "0\r\n\r\n",
                                         "\n",
                                         " x\r\n",
                                         "GET / HTTP/1.2\r\nHost: h\r\n\r\n"};

        QRandomGenerator rng(20240601);
        int statuses[7] = {};
        int requests = 0;
        for (int iteration = 0; iteration < 50'000; ++iteration) {
            QByteArray input = seeds.at(rng.bounded(int(seeds.size())));
            const int mutations = 1 + rng.bounded(4);
            for (int m = 0; m < mutations; ++m) {
                const int at = rng.bounded(int(input.size()) + 1);
                switch (rng.bounded(7)) {
                case 0: // replace a byte with anything
                    if (at < input.size())
                        input[at] = char(rng.bounded(256));
                    break;
                case 1: // insert a byte that means something to HTTP
                    input.insert(at, interesting.at(rng.bounded(int(interesting.size()))));
                    break;
                case 2: // delete a run
                    input.remove(at, rng.bounded(8));
                    break;
                case 3: { // duplicate a run
                    const QByteArray run = input.mid(at, rng.bounded(40));
                    input.insert(at, run);
                    break;
                }
                case 4: { // insert a whole line
                    input.insert(at, lines.at(rng.bounded(int(lines.size()))));
                    break;
                }
                case 5: // grow a run of bytes (pushes past the limits)
                    input.insert(at, QByteArray(rng.bounded(300), 'z'));
                    break;
                case 6: // truncate
                    input.truncate(at);
                    break;
                }
            }
            const Outcome whole = runWhole(input, limits);
            const Outcome split =
                run(input, limits, [&] { return qsizetype(1 + rng.bounded(32)); });
            ++statuses[int(whole.status)];
            requests += int(whole.requests.size());
            for (const HttpRequest &r : whole.requests) {
                QVERIFY(r.body.size() <= limits.maxBodySize);
                QVERIFY(r.headers.size() <= limits.maxHeaderCount);
                QVERIFY(r.headerSize <= limits.maxHeaderSectionSize);
                QVERIFY(r.wireSize <= input.size());
            }
            if (describe(split) != describe(whole)) {
                qWarning() << "input" << input.toHex();
                QCOMPARE(describe(split), describe(whole));
            }
        }
        // The loop reaches every outcome, so it tests something.
        for (int s = 0; s < 7; ++s)
            QVERIFY2(s == int(Status::Complete) || statuses[s] > 0,
                     qPrintable(QStringLiteral("status %1 never seen").arg(s)));
        QVERIFY(requests > 10'000);
    }
};

QTEST_APPLESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
