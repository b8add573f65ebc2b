// libFuzzer target for HttpRequestParser. Each input is a byte stream as a client would send it
// on one connection; it is parsed twice — in one piece and in pieces whose sizes are derived from
// the input — and the two runs must agree exactly. Any crash, sanitizer report, disagreement or
// request over the limits aborts.
#include "http/HttpRequestParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace hookline;

namespace {

struct Run {
    QByteArray requests; // a description of every request, to compare runs
    HttpRequestParser::Status status = HttpRequestParser::Status::Incomplete;
};

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant violated: %s\n", what);
        std::abort();
    }
}

void describe(QByteArray &out, const HttpRequest &r)
{
    out.append(r.method).append(' ').append(r.target).append(' ').append(r.path);
    out.append(r.hasQuery ? "?" : "").append(r.query).append(r.versionString());
    out.append(QByteArray::number(r.headerSize)).append('/').append(QByteArray::number(r.wireSize));
    for (const HttpHeader &h : r.headers)
        out.append(h.name).append(':').append(h.value).append('\n');
    for (const HttpHeader &h : r.trailers)
        out.append(h.name).append(':').append(h.value).append('\n');
    out.append(QByteArray::number(r.body.size())).append(r.body).append("\n==\n");
}

// Parses `data`; `chunk` returns the size of the next piece to feed.
template <typename NextChunk>
Run parse(const uint8_t *data, size_t size, const HttpParserLimits &limits, NextChunk chunk)
{
    HttpRequestParser parser(limits);
    Run run;
    size_t pos = 0;
    while (pos < size) {
        size_t n = chunk();
        if (n == 0 || n > size - pos)
            n = size - pos;
        parser.append(QByteArrayView(reinterpret_cast<const char *>(data + pos), qsizetype(n)));
        pos += n;
        for (;;) {
            run.status = parser.parse();
            if (run.status != HttpRequestParser::Status::Complete)
                break;
            const HttpRequest r = parser.takeRequest();
            check(r.body.size() <= limits.maxBodySize, "body over the limit");
            check(r.headers.size() <= limits.maxHeaderCount, "too many headers");
            check(r.trailers.size() <= limits.maxHeaderCount, "too many trailers");
            check(r.headerSize <= limits.maxHeaderSectionSize, "header section over the limit");
            check(r.wireSize > 0 && size_t(r.wireSize) <= size, "impossible wire size");
            describe(run.requests, r);
        }
        if (run.status != HttpRequestParser::Status::Incomplete) {
            check(!parser.errorReason().isEmpty(), "error without a reason");
            check(HttpRequestParser::statusCode(run.status) >= 400, "error without a status");
            break;
        }
    }
    return run;
}

void differential(const uint8_t *data, size_t size, const HttpParserLimits &limits)
{
    const Run whole = parse(data, size, limits, [] { return size_t(0); });
    // Piece sizes from a small generator seeded by the input, so a crash reproduces.
    uint32_t state = 2166136261u;
    for (size_t i = 0; i < size && i < 16; ++i)
        state = (state ^ data[i]) * 16777619u;
    const Run split = parse(data, size, limits, [&] {
        state = state * 1103515245u + 12345u;
        return size_t(1 + (state >> 16) % 23);
    });
    const Run bytes = parse(data, size, limits, [] { return size_t(1); });
    check(whole.status == split.status && whole.requests == split.requests,
          "split input parsed differently");
    check(whole.status == bytes.status && whole.requests == bytes.requests,
          "byte-by-byte input parsed differently");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Small limits reach the 413/431 paths quickly; the defaults are what ships.
    HttpParserLimits small;
    small.maxBodySize = 512;
    small.maxHeaderSectionSize = 1024;
    small.maxHeaderCount = 16;
    differential(data, size, small);
    differential(data, size, HttpParserLimits());
    return 0;
}
