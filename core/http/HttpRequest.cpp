#include "HttpRequest.h"

namespace hookline {

const QHostAddress &sharedNullHostAddress()
{
    static const QHostAddress null;
    return null;
}

namespace {
char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}
bool isTchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}
} // namespace

bool isHttpToken(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (const char c : v) {
        if (!isTchar(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

bool isHttpFieldValue(QByteArrayView v)
{
    for (const char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if (u != '\t' && (u < 0x20 || u == 0x7f))
            return false;
    }
    return true;
}

bool httpTokenEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    }
    return true;
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const HttpHeader &h : headers) {
        if (httpTokenEquals(h.name, name))
            values.append(h.value);
    }
    return values;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    QByteArray joined;
    bool first = true;
    for (const HttpHeader &h : headers) {
        if (!httpTokenEquals(h.name, name))
            continue;
        if (!first)
            joined.append(", ");
        joined.append(h.value);
        first = false;
    }
    return joined;
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const HttpHeader &h : headers) {
        if (httpTokenEquals(h.name, name))
            return true;
    }
    return false;
}

bool HttpRequest::connectionHasToken(QByteArrayView token) const
{
    for (const HttpHeader &h : headers) {
        if (!httpTokenEquals(h.name, "connection"))
            continue;
        QByteArrayView rest(h.value);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView item = comma < 0 ? rest : rest.first(comma);
            if (httpTokenEquals(trimmedOws(item), token))
                return true;
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
        }
    }
    return false;
}

bool HttpRequest::keepAlive() const
{
    if (connectionHasToken("close"))
        return false;
    return version == HttpVersion::Http11 || connectionHasToken("keep-alive");
}

QByteArray HttpRequest::versionString() const
{
    return version == HttpVersion::Http10 ? QByteArrayLiteral("HTTP/1.0")
                                          : QByteArrayLiteral("HTTP/1.1");
}

} // namespace hookline
