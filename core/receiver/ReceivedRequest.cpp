#include "ReceivedRequest.h"

#include <QJsonDocument>

#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

namespace hookline {

namespace {

// The length of the strict UTF-8 sequence (no overlong forms, surrogates or code points past
// U+10FFFF) that starts at `s` with a byte >= 0x80, within `available` bytes; 0 if invalid.
int utf8SequenceLength(const unsigned char *s, qsizetype available)
{
    const unsigned char c = s[0];
    int extra = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c >= 0xc2 && c <= 0xdf) {
        extra = 1;
        cp = c & 0x1f;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        extra = 2;
        cp = c & 0x0f;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        extra = 3;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (extra >= available)
        return 0;
    for (int k = 1; k <= extra; ++k) {
        const unsigned char cc = s[k];
        if ((cc & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return extra + 1;
}

// Strict UTF-8, as utf8SequenceLength() defines it.
bool isValidUtf8(QByteArrayView v)
{
    const auto *s = reinterpret_cast<const unsigned char *>(v.data());
    const qsizetype n = v.size();
    qsizetype i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: the usual case for JSON bodies and header values.
        while (i + 8 <= n) {
            quint64 word;
            memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(s + i, n - i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

// A JSON text built directly as UTF-8: the NDJSON printer and the recorder produce one per
// request at thousands per second, where QJsonDocument's CBOR round trip would dominate.
class JsonWriter {
public:
    explicit JsonWriter(qsizetype reserve) { m_out.reserve(size_t(reserve)); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(const char *name)
    {
        comma();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_afterKey = true;
    }
    // Bytes that should be UTF-8; invalid sequences become U+FFFD, as QString::fromUtf8 does.
    void string(QByteArrayView utf8)
    {
        comma();
        if (!escapedIfUtf8(utf8, false))
            escaped(QString::fromUtf8(utf8).toUtf8());
    }
    // Bytes as a JSON string when they are valid UTF-8 without NUL bytes (text); otherwise
    // writes nothing and returns false.
    bool text(QByteArrayView bytes)
    {
        const bool first = m_first;
        const bool afterKey = m_afterKey;
        const size_t before = m_out.size();
        comma();
        if (escapedIfUtf8(bytes, true))
            return true;
        m_out.resize(before); // as if not called: the caller writes the value another way
        m_first = first;
        m_afterKey = afterKey;
        return false;
    }
    // Header names are tokens (ASCII); anything else is shown byte for byte as Latin-1.
    void latin1(QByteArrayView bytes)
    {
        comma();
        if (isAscii(bytes))
            escaped(bytes);
        else
            escaped(QString::fromLatin1(bytes).toUtf8());
    }
    void string(const QString &text)
    {
        comma();
        escaped(text.toUtf8());
    }
    void number(qint64 n)
    {
        comma();
        char buffer[24];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
        m_out.append(buffer, size_t(end - buffer));
    }
    void boolean(bool b)
    {
        comma();
        m_out += b ? "true" : "false";
    }
    void null()
    {
        comma();
        m_out += "null";
    }
    void raw(QByteArrayView json)
    {
        comma();
        put(json);
    }
    QByteArray take() const { return QByteArray(m_out.data(), qsizetype(m_out.size())); }

private:
    void put(QByteArrayView v) { m_out.append(v.data(), size_t(v.size())); }
    void open(char c)
    {
        comma();
        m_out += c;
        m_first = true;
    }
    void close(char c)
    {
        m_out += c;
        m_first = false;
    }
    void comma()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first)
            m_out += ',';
        m_first = false;
    }
    static bool isAscii(QByteArrayView v)
    {
        for (const char c : v)
            if (static_cast<unsigned char>(c) >= 0x80)
                return false;
        return true;
    }

    static constexpr quint64 Ones = 0x0101010101010101ULL;
    static constexpr quint64 Highs = 0x8080808080808080ULL;
    static constexpr quint64 hasZeroByte(quint64 x) { return (x - Ones) & ~x & Highs; }
    // The bytes JSON requires escaped: controls, '"' and backslash.
    static bool needsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
    void escape(unsigned char c)
    {
        static const char hex[] = "0123456789abcdef";
        switch (c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\t':
            m_out += "\\t";
            break;
        case '\b':
            m_out += "\\b";
            break;
        case '\f':
            m_out += "\\f";
            break;
        default:
            m_out += "\\u00";
            m_out += hex[c >> 4];
            m_out += hex[c & 0xf];
            break;
        }
    }

    // `s` as a JSON string; callers pass UTF-8 they made or checked.
    void escaped(QByteArrayView s)
    {
        if (!escapedIfUtf8(s, false)) // not expected; never invalid UTF-8 in the output
            escapedIfUtf8(QString::fromUtf8(s).toUtf8(), false);
    }

    // `s` as a JSON string when it is valid UTF-8 (and, with `nulIsBinary`, has no NUL byte),
    // checked while escaping: one pass where checking first and escaping then took three over a
    // kilobyte body. Writes nothing and returns false when the check fails.
    bool escapedIfUtf8(QByteArrayView s, bool nulIsBinary)
    {
        const size_t start = m_out.size();
        m_out += '"';
        const auto *data = reinterpret_cast<const unsigned char *>(s.data());
        const qsizetype n = s.size();
        qsizetype plain = 0; // start of the run of bytes written as they are
        qsizetype i = 0;
        while (i < n) {
            // Eight bytes at a time while all are printable ASCII other than '"' and backslash.
            if (i + 8 <= n) {
                quint64 w;
                memcpy(&w, data + i, 8);
                const quint64 marks = (w & Highs) | ((w - Ones * 0x20) & ~w & Highs) |
                                      hasZeroByte(w ^ (Ones * '"')) |
                                      hasZeroByte(w ^ (Ones * '\\'));
                if (!marks) {
                    i += 8;
                    continue;
                }
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
                // The lowest mark is exact (a borrow only runs upwards from a marked byte): the
                // bytes before it are plain, so go straight to it.
                i += std::countr_zero(marks) / 8;
#endif
            }
            const unsigned char c = data[i];
            if (c >= 0x80) {
                const int length = utf8SequenceLength(data + i, n - i);
                if (length == 0) {
                    m_out.resize(start);
                    return false;
                }
                i += length;
                continue;
            }
            if (!needsEscape(c)) {
                ++i;
                continue;
            }
            if (c == 0 && nulIsBinary) {
                m_out.resize(start);
                return false;
            }
            m_out.append(s.data() + plain, size_t(i - plain));
            plain = i + 1;
            escape(c);
            ++i;
        }
        m_out.append(s.data() + plain, size_t(n - plain));
        m_out += '"';
        return true;
    }

    // std::string: its appends are inline, QByteArray's are calls; thousands of rows a second
    // append a few hundred times each.
    std::string m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

void writeHeaders(JsonWriter &w, const HttpHeaders &headers)
{
    w.beginArray();
    for (const HttpHeader &h : headers) {
        w.beginArray();
        w.latin1(h.name);
        w.string(QByteArrayView(h.value));
        w.endArray();
    }
    w.endArray();
}

void writeVerdict(JsonWriter &w, const ReceivedRequest &r, bool includeExpected)
{
    const Verdict &v = r.verdict;
    w.beginObject();
    w.key("outcome");
    w.string(v.outcomeName());
    w.key("scheme");
    if (r.scheme)
        w.string(schemeName(*r.scheme));
    else
        w.null();
    w.key("secret");
    if (v.secretLabel.isEmpty())
        w.null();
    else
        w.string(v.secretLabel);
    w.key("header");
    if (v.header.isEmpty())
        w.null();
    else
        w.string(v.header);
    w.key("message");
    w.string(v.message);
    if (v.skewSeconds) {
        w.key("skew_seconds");
        w.number(*v.skewSeconds);
    }
    if (includeExpected && !v.expected.isEmpty()) {
        w.key("expected");
        w.latin1(v.expected);
    }
    w.endObject();
}

// "2026-01-02T03:04:05.678Z" without QDateTime (days-to-civil, H. Hinnant's algorithm).
QByteArray isoTimeUtf8(qint64 ms)
{
    qint64 days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
    const qint64 msOfDay = ms - days * 86'400'000;
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const qint64 doe = days - era * 146'097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) { // not a time a receiver stamps; printf handles the sign
        char buffer[48];
        const int n = std::snprintf(
            buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
            static_cast<long long>(year), static_cast<long long>(month),
            static_cast<long long>(day), static_cast<long long>(msOfDay / 3'600'000),
            static_cast<long long>(msOfDay / 60'000 % 60),
            static_cast<long long>(msOfDay / 1000 % 60), static_cast<long long>(msOfDay % 1000));
        return QByteArray(buffer, n);
    }
    // printf's format parsing cost more than the rest of an NDJSON line's head.
    char out[25] = "0000-00-00T00:00:00.000Z";
    const auto put = [&out](int at, qint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i) {
            out[at + i] = char('0' + value % 10);
            value /= 10;
        }
    };
    put(0, year, 4);
    put(5, month, 2);
    put(8, day, 2);
    put(11, msOfDay / 3'600'000, 2);
    put(14, msOfDay / 60'000 % 60, 2);
    put(17, msOfDay / 1000 % 60, 2);
    put(20, msOfDay % 1000, 3);
    return QByteArray(out, 24);
}

// The verdict's JSON, made once for a run of equal verdicts: most requests of a burst carry the
// same one ("verified with secret X"). One per thread (the recorder's, the CLI's printer).
const QByteArray &cachedVerdictJson(const ReceivedRequest &r, bool includeExpected)
{
    struct Cache {
        bool valid = false;
        bool includeExpected = false;
        std::optional<SignatureScheme> scheme;
        Verdict verdict;
        QByteArray json;
    };
    thread_local Cache cache;
    const Verdict &v = r.verdict;
    const Verdict &c = cache.verdict;
    if (!cache.valid || includeExpected != cache.includeExpected || r.scheme != cache.scheme ||
        v.outcome != c.outcome || v.skewSeconds != c.skewSeconds ||
        v.secretLabel != c.secretLabel || v.header != c.header || v.message != c.message ||
        v.expected != c.expected) {
        cache.verdict = v;
        cache.scheme = r.scheme;
        cache.includeExpected = includeExpected;
        cache.json = r.verdictDetailJsonUtf8(includeExpected);
        cache.valid = true;
    }
    return cache.json;
}

} // namespace

QByteArray ReceivedRequest::remoteUtf8() const
{
    if (remoteAddress.isNull())
        return {};
    bool isV4 = false;
    const quint32 v4 = remoteAddress.toIPv4Address(&isV4);
    if (isV4 && remoteAddress.protocol() == QAbstractSocket::IPv4Protocol) {
        // QHostAddress::toString() costs more than the rest of a recorded row.
        QByteArray out;
        out.reserve(21);
        char digits[8];
        for (int shift = 24; shift >= 0; shift -= 8) {
            const auto end = std::to_chars(digits, digits + sizeof digits, (v4 >> shift) & 0xff);
            out.append(digits, end.ptr - digits);
            out.append(shift > 0 ? '.' : ':');
        }
        const auto end = std::to_chars(digits, digits + sizeof digits, unsigned(remotePort));
        out.append(digits, end.ptr - digits);
        return out;
    }
    const QByteArray port = QByteArray::number(remotePort);
    if (remoteAddress.protocol() == QAbstractSocket::IPv6Protocol)
        return '[' + remoteAddress.toString().toLatin1() + "]:" + port;
    return remoteAddress.toString().toLatin1() + ':' + port;
}

QString ReceivedRequest::remote() const
{
    return QString::fromLatin1(remoteUtf8());
}

QByteArray ReceivedRequest::headersJsonUtf8(const HttpHeaders &headers)
{
    JsonWriter w(64 * headers.size() + 2);
    writeHeaders(w, headers);
    return w.take();
}

QByteArray ReceivedRequest::verdictDetailJsonUtf8(bool includeExpected) const
{
    JsonWriter w(256);
    writeVerdict(w, *this, includeExpected);
    return w.take();
}

QByteArray ReceivedRequest::verdictDetailJsonUtf8Cached(bool includeExpected) const
{
    return cachedVerdictJson(*this, includeExpected);
}

QByteArray ReceivedRequest::validUtf8(const QByteArray &bytes)
{
    if (isValidUtf8(bytes))
        return bytes;
    return QString::fromUtf8(bytes).toUtf8();
}

QString ReceivedRequest::headersJson(const HttpHeaders &headers)
{
    return QString::fromUtf8(headersJsonUtf8(headers));
}

QString ReceivedRequest::verdictDetailJson(bool includeExpected) const
{
    return QString::fromUtf8(verdictDetailJsonUtf8(includeExpected));
}

QJsonObject ReceivedRequest::verdictJson(bool includeExpected) const
{
    return QJsonDocument::fromJson(verdictDetailJson(includeExpected).toUtf8()).object();
}

QByteArray ReceivedRequest::toJsonLine(bool includeExpected) const
{
    JsonWriter w(512 + body.size() * 4 / 3 + 64 * headers.size());
    w.beginObject();
    w.key("time");
    w.raw(QByteArray('"' + isoTimeUtf8(receivedAtMs) + '"'));
    w.key("receiver");
    w.string(receiverId);
    w.key("sequence");
    w.number(sequence);
    w.key("method");
    w.latin1(method);
    w.key("path");
    w.string(QByteArrayView(path));
    w.key("query");
    if (hasQuery)
        w.string(QByteArrayView(query));
    else
        w.null();
    w.key("headers");
    if (preparedHeadersJson.isEmpty())
        writeHeaders(w, headers);
    else
        w.raw(preparedHeadersJson);
    w.key("body");
    const bool text = w.text(QByteArrayView(body));
    if (!text)
        w.latin1(body.toBase64());
    w.key("body_encoding");
    w.raw(text ? "\"text\"" : "\"base64\"");
    w.key("size");
    w.number(body.size());
    w.key("wire_size");
    w.number(wireSize);
    w.key("remote");
    w.latin1(preparedRemote.isEmpty() ? remoteUtf8() : preparedRemote);
    w.key("tls");
    w.boolean(secure);
    w.key("status");
    w.number(responseStatus);
    if (responseDelayMs > 0) {
        w.key("delay_ms");
        w.number(responseDelayMs);
    }
    w.key("recorded");
    w.boolean(recorded);
    w.key("verdict");
    w.raw(cachedVerdictJson(*this, includeExpected));
    w.endObject();
    return w.take();
}

QJsonObject ReceivedRequest::toJson(bool includeExpected) const
{
    return QJsonDocument::fromJson(toJsonLine(includeExpected)).object();
}

} // namespace hookline
