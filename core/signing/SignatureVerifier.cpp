#include "SignatureVerifier.h"

#include "registry/WebhookRegistry.h"
#include "secrets/Crypto.h"
#include "secrets/SecretVault.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>

namespace hookline {

namespace {

using Outcome = Verdict::Outcome;

constexpr qsizetype MacSize = 32; // HMAC-SHA256
constexpr qsizetype MaxTimestampDigits = 18;
const QChar kEllipsis(0x2026);

QString latin1(const char *s)
{
    // The signing header names are named in every verdict: made once, then shared.
    using namespace signing_headers;
    static const std::array<std::pair<const char *, QString>, 8> known = [] {
        std::array<std::pair<const char *, QString>, 8> names;
        const char *const all[] = {XWebhookSignature,
                                   XWebhookSignaturePrevious,
                                   WebhookId,
                                   WebhookTimestamp,
                                   WebhookSignature,
                                   HubSignature256,
                                   HubSignature256Previous,
                                   StripeSignature};
        for (size_t i = 0; i < names.size(); ++i)
            names[i] = {all[i], QString::fromLatin1(all[i])};
        return names;
    }();
    for (const auto &[name, text] : known)
        if (name == s)
            return text;
    return QString::fromLatin1(s);
}

// The first header called `name` (case-insensitive), or nullopt.
std::optional<QByteArray> findHeader(const RawHeaderList &headers, const char *name)
{
    const QByteArrayView wanted(name);
    for (const auto &h : headers)
        if (QByteArrayView(h.first).compare(wanted, Qt::CaseInsensitive) == 0)
            return h.second;
    return std::nullopt;
}

// A short, printable excerpt of a received value for messages.
QString preview(QByteArrayView v)
{
    constexpr qsizetype Max = 24;
    QString out;
    for (qsizetype i = 0; i < v.size() && i < Max; ++i) {
        const char c = v.at(i);
        out.append(c >= 0x20 && c < 0x7f ? QChar::fromLatin1(c) : QChar(u'?'));
    }
    if (v.size() > Max)
        out.append(kEllipsis);
    return QStringLiteral("\"%1\"").arg(out);
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

// Exactly 64 hex digits (either case) -> 32 bytes.
std::optional<QByteArray> decodeHexMac(QByteArrayView v)
{
    if (v.size() != 2 * MacSize)
        return std::nullopt;
    QByteArray out(MacSize, Qt::Uninitialized);
    char *bytes = out.data(); // once: QByteArray::operator[] checks for sharing on every call
    for (qsizetype i = 0; i < MacSize; ++i) {
        const int hi = hexValue(v[2 * i]);
        const int lo = hexValue(v[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        bytes[i] = char((hi << 4) | lo);
    }
    return out;
}

// Strict, padded base64 of exactly 32 bytes.
std::optional<QByteArray> decodeBase64Mac(QByteArrayView v)
{
    if (v.size() != 44) // 4 * ceil(32 / 3)
        return std::nullopt;
    auto decoded =
        QByteArray::fromBase64Encoding(v.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != MacSize)
        return std::nullopt;
    return std::move(decoded.decoded);
}

// 1 to 18 decimal digits, nothing else.
std::optional<qint64> parseTimestamp(QByteArrayView v)
{
    if (v.isEmpty() || v.size() > MaxTimestampDigits)
        return std::nullopt;
    qint64 n = 0;
    for (const char c : v) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// JSON text without the whitespace between tokens, keeping key order and number spelling: the
// compact form of a body that was only pretty-printed on the way. Linear; `json` must be valid.
QByteArray stripJsonWhitespace(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        } else if (c == '"') {
            inString = true;
        }
        out.append(c);
    }
    return out;
}

QString hexProblem(QByteArrayView v)
{
    if (v.size() != 2 * MacSize)
        return QStringLiteral("it has %1 characters where an HMAC-SHA256 in hex has 64")
            .arg(v.size());
    return QStringLiteral("it contains characters that are not hex digits");
}

// A received signature and the header it came in.
struct Received {
    QByteArray mac;
    QString header;
};

using Candidate = VerificationKeys::Candidate;

// What the scheme-specific parsing produced.
struct Parsed {
    QList<Received> signatures;
    QByteArray id;                   // standard-webhooks
    std::optional<qint64> timestamp; // standard-webhooks, stripe
    QString timestampHeader;
    QString timestampWhat; // "Header webhook-timestamp", "The t= timestamp in Stripe-Signature"
};

class Check {
public:
    Check(const VerificationKeys &keys, const RawHeaderList &headers, const QByteArray &body,
          bool computeExpected)
        : m_scheme(keys.scheme)
        , m_secrets(keys.secrets)
        , m_candidates(keys.candidates)
        , m_headers(headers)
        , m_body(body)
        , m_computeExpected(computeExpected)
    {}

    Verdict run(qint64 nowSeconds, qint64 toleranceSeconds);

private:
    // Fills `value` with the trimmed header, or sets the verdict and returns false.
    bool require(const char *name, QByteArray &value);
    bool optional(const char *name, std::optional<QByteArray> &value);
    bool checkLength(const char *name, const QByteArray &raw);
    // Records the verdict; fail() returns false for the parsing code's early returns.
    bool fail(Outcome outcome, const QString &header, const QString &message);
    void settle(Outcome outcome, const QString &header, const QString &message)
    {
        fail(outcome, header, message);
    }
    QString otherSchemeHint() const;

    bool parse();
    bool parseHexHeader(const char *name, const QByteArray &value, bool github);
    bool parseStandardWebhooks();
    bool parseStripe();

    QByteArray mac(const QByteArray &key, const QByteArray &body) const;
    // Index of the first candidate whose signature over `body` matches a received one, or -1.
    // Compares every candidate with every received value, each in constant time.
    int match(const QByteArray &body, QString *matchedHeader) const;
    QString labels() const;

    SignatureScheme m_scheme;
    const QList<VerificationSecret> &m_secrets;
    const QList<Candidate> &m_candidates;
    const RawHeaderList &m_headers;
    const QByteArray &m_body;
    const bool m_computeExpected;
    Parsed m_parsed;
    Verdict m_verdict;
};

bool Check::fail(Outcome outcome, const QString &header, const QString &message)
{
    m_verdict.outcome = outcome;
    m_verdict.header = header;
    m_verdict.message = message;
    return false;
}

QString Check::otherSchemeHint() const
{
    struct Known {
        const char *header;
        SignatureScheme scheme;
    };
    static const Known known[] = {
        {signing_headers::XWebhookSignature, SignatureScheme::XWebhookSignature},
        {signing_headers::WebhookSignature, SignatureScheme::StandardWebhooks},
        {signing_headers::HubSignature256, SignatureScheme::GitHub},
        {signing_headers::StripeSignature, SignatureScheme::Stripe},
    };
    for (const Known &k : known)
        if (k.scheme != m_scheme && findHeader(m_headers, k.header))
            return QStringLiteral(" The request carries %1, the header of the %2 scheme: is the "
                                  "sender using %2?")
                .arg(latin1(k.header), schemeName(k.scheme));
    return {};
}

bool Check::checkLength(const char *name, const QByteArray &raw)
{
    if (raw.size() <= MaxSignatureHeaderBytes)
        return true;
    return fail(Outcome::HeaderMalformed, latin1(name),
                QStringLiteral("Header %1 is %2 bytes, more than the %3 bytes Hookline considers; "
                               "a signature header is never that long.")
                    .arg(latin1(name))
                    .arg(raw.size())
                    .arg(MaxSignatureHeaderBytes));
}

bool Check::require(const char *name, QByteArray &value)
{
    const auto raw = findHeader(m_headers, name);
    if (!raw)
        return fail(Outcome::HeaderMissing, latin1(name),
                    QStringLiteral("Header %1 is missing; a %2 sender always sends it. Check that "
                                   "the sender signs with the %2 scheme.")
                            .arg(latin1(name), schemeName(m_scheme)) +
                        otherSchemeHint());
    if (!checkLength(name, *raw))
        return false;
    value = raw->trimmed();
    if (value.isEmpty())
        return fail(Outcome::HeaderMalformed, latin1(name),
                    QStringLiteral("Header %1 is present but empty.").arg(latin1(name)));
    return true;
}

bool Check::optional(const char *name, std::optional<QByteArray> &value)
{
    const auto raw = findHeader(m_headers, name);
    if (!raw)
        return true;
    if (!checkLength(name, *raw))
        return false;
    value = raw->trimmed();
    if (value->isEmpty())
        return fail(Outcome::HeaderMalformed, latin1(name),
                    QStringLiteral("Header %1 is present but empty.").arg(latin1(name)));
    return true;
}

bool Check::parseHexHeader(const char *name, const QByteArray &value, bool github)
{
    const QString header = latin1(name);
    QByteArrayView hex(value);
    if (github) {
        const QByteArrayView prefix("sha256=");
        if (hex.size() < prefix.size() ||
            hex.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
            return fail(Outcome::HeaderMalformed, header,
                        QStringLiteral("Header %1 should be \"sha256=\" followed by 64 hex digits, "
                                       "but it starts with %2.")
                            .arg(header, preview(hex)));
        hex = hex.sliced(prefix.size());
    } else if (hex.startsWith(QByteArrayView("sha256="))) {
        return fail(Outcome::HeaderMalformed, header,
                    QStringLiteral("Header %1 should be 64 hex digits alone, but it starts with "
                                   "\"sha256=\" as the github scheme writes it. Is the sender "
                                   "using the github scheme?")
                        .arg(header));
    }
    const auto mac = decodeHexMac(hex);
    if (!mac)
        return fail(Outcome::HeaderMalformed, header,
                    QStringLiteral("Header %1 is not a hex HMAC-SHA256: %2 (received %3).")
                        .arg(header, hexProblem(hex), preview(hex)));
    m_parsed.signatures.append({*mac, header});
    return true;
}

bool Check::parseStandardWebhooks()
{
    using namespace signing_headers;
    QByteArray timestamp, signature;
    if (!require(WebhookId, m_parsed.id) || !require(WebhookTimestamp, timestamp) ||
        !require(WebhookSignature, signature))
        return false;
    m_parsed.timestampHeader = latin1(WebhookTimestamp);
    m_parsed.timestampWhat = QStringLiteral("Header webhook-timestamp");
    m_parsed.timestamp = parseTimestamp(timestamp);
    if (!m_parsed.timestamp)
        return fail(Outcome::HeaderMalformed, latin1(WebhookTimestamp),
                    QStringLiteral("Header webhook-timestamp should be Unix seconds (digits only), "
                                   "but it is %1.")
                        .arg(preview(timestamp)));
    const QString header = latin1(WebhookSignature);
    qsizetype pos = 0;
    int entry = 0;
    while (pos < signature.size()) {
        qsizetype end = signature.indexOf(' ', pos);
        if (end < 0)
            end = signature.size();
        const QByteArrayView item = QByteArrayView(signature).sliced(pos, end - pos);
        pos = end + 1;
        if (item.isEmpty())
            continue;
        ++entry;
        const qsizetype comma = item.indexOf(',');
        if (comma <= 0)
            return fail(Outcome::HeaderMalformed, header,
                        QStringLiteral("Entry %1 of header webhook-signature is %2; each entry "
                                       "should be \"v1,\" followed by a base64 signature.")
                            .arg(entry)
                            .arg(preview(item)));
        if (item.first(comma) != QByteArrayView("v1"))
            continue; // another version (e.g. v1a, asymmetric): not ours to check
        const auto mac = decodeBase64Mac(item.sliced(comma + 1));
        if (!mac)
            return fail(
                Outcome::HeaderMalformed, header,
                QStringLiteral("Entry %1 of header webhook-signature is not \"v1,\" followed "
                               "by the base64 of 32 bytes (received %2).")
                    .arg(entry)
                    .arg(preview(item)));
        m_parsed.signatures.append({*mac, header});
    }
    if (m_parsed.signatures.isEmpty())
        return fail(Outcome::HeaderMalformed, header,
                    QStringLiteral("Header webhook-signature has no \"v1,\" entry (received %1).")
                        .arg(preview(signature)));
    return true;
}

bool Check::parseStripe()
{
    using namespace signing_headers;
    QByteArray value;
    if (!require(StripeSignature, value))
        return false;
    const QString header = latin1(StripeSignature);
    m_parsed.timestampHeader = header;
    m_parsed.timestampWhat = QStringLiteral("The t= timestamp in Stripe-Signature");
    bool sawT = false;
    qsizetype pos = 0;
    while (pos < value.size()) {
        qsizetype end = value.indexOf(',', pos);
        if (end < 0)
            end = value.size();
        const QByteArrayView item = QByteArrayView(value).sliced(pos, end - pos).trimmed();
        pos = end + 1;
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        if (eq <= 0)
            return fail(
                Outcome::HeaderMalformed, header,
                QStringLiteral("Header Stripe-Signature should be \"t=<unix seconds>,v1=<hex>"
                               "\", but it has an item without a key: %1.")
                    .arg(preview(item)));
        const QByteArrayView key = item.first(eq);
        const QByteArrayView val = item.sliced(eq + 1);
        if (key == QByteArrayView("t")) {
            if (sawT)
                return fail(Outcome::HeaderMalformed, header,
                            QStringLiteral("Header Stripe-Signature has more than one t= item."));
            sawT = true;
            m_parsed.timestamp = parseTimestamp(val);
            if (!m_parsed.timestamp)
                return fail(Outcome::HeaderMalformed, header,
                            QStringLiteral("The t= item of Stripe-Signature should be Unix seconds "
                                           "(digits only), but it is %1.")
                                .arg(preview(val)));
        } else if (key == QByteArrayView("v1")) {
            const auto mac = decodeHexMac(val);
            if (!mac)
                return fail(Outcome::HeaderMalformed, header,
                            QStringLiteral("A v1= item of Stripe-Signature is not a hex "
                                           "HMAC-SHA256: %1 (received %2).")
                                .arg(hexProblem(val), preview(val)));
            m_parsed.signatures.append({*mac, header});
        }
        // Other items (v0=, future schemes) are ignored, as Stripe's libraries do.
    }
    if (!sawT)
        return fail(Outcome::HeaderMalformed, header,
                    QStringLiteral("Header Stripe-Signature has no t= timestamp (received %1).")
                        .arg(preview(value)));
    if (m_parsed.signatures.isEmpty())
        return fail(Outcome::HeaderMalformed, header,
                    QStringLiteral("Header Stripe-Signature has no v1= signature (received %1).")
                        .arg(preview(value)));
    return true;
}

bool Check::parse()
{
    using namespace signing_headers;
    switch (m_scheme) {
    case SignatureScheme::XWebhookSignature:
    case SignatureScheme::GitHub: {
        const bool gh = m_scheme == SignatureScheme::GitHub;
        const char *mainName = gh ? HubSignature256 : XWebhookSignature;
        const char *previousName = gh ? HubSignature256Previous : XWebhookSignaturePrevious;
        QByteArray main;
        std::optional<QByteArray> previous;
        if (!require(mainName, main) || !optional(previousName, previous))
            return false;
        if (!parseHexHeader(mainName, main, gh))
            return false;
        return !previous || parseHexHeader(previousName, *previous, gh);
    }
    case SignatureScheme::StandardWebhooks:
        return parseStandardWebhooks();
    case SignatureScheme::Stripe:
        return parseStripe();
    case SignatureScheme::None:
        break;
    }
    return false;
}

QByteArray Check::mac(const QByteArray &key, const QByteArray &body) const
{
    switch (m_scheme) {
    case SignatureScheme::XWebhookSignature:
    case SignatureScheme::GitHub:
        return WebhookSigner::bodyMac(key, body);
    case SignatureScheme::StandardWebhooks:
        return WebhookSigner::standardWebhooksMac(key, m_parsed.id, *m_parsed.timestamp, body);
    case SignatureScheme::Stripe:
        return WebhookSigner::stripeMac(key, *m_parsed.timestamp, body);
    case SignatureScheme::None:
        break;
    }
    return {};
}

int Check::match(const QByteArray &body, QString *matchedHeader) const
{
    int found = -1;
    for (int i = 0; i < m_candidates.size(); ++i) {
        for (const QByteArray &key : m_candidates.at(i).keys) {
            const QByteArray expected = mac(key, body);
            for (const Received &r : m_parsed.signatures) {
                if (crypto::constantTimeEquals(expected, r.mac) && found < 0) {
                    found = i;
                    if (matchedHeader)
                        *matchedHeader = r.header;
                }
            }
        }
    }
    return found;
}

QString Check::labels() const
{
    QStringList names;
    for (const Candidate &c : m_candidates)
        names << c.label;
    return names.join(QStringLiteral(", "));
}

Verdict Check::run(qint64 nowSeconds, qint64 toleranceSeconds)
{
    if (m_scheme == SignatureScheme::None) {
        settle(
            Outcome::NotChecked, {},
            QStringLiteral("Scheme none: requests are not signed, so there is nothing to verify."));
        return m_verdict;
    }
    if (m_secrets.isEmpty()) {
        settle(Outcome::NoSecrets, {},
               QStringLiteral("No secret is attached for the %1 scheme; add the sender's signing "
                              "secret (or pick its Hookline webhook) to verify requests.")
                   .arg(schemeName(m_scheme)));
        return m_verdict;
    }

    const bool parsed = parse();
    // The expected value for the first secret, whenever the request gives enough to compute it.
    const bool timestamped =
        m_scheme == SignatureScheme::StandardWebhooks || m_scheme == SignatureScheme::Stripe;
    if (m_computeExpected &&
        (!timestamped || (m_parsed.timestamp && (m_scheme != SignatureScheme::StandardWebhooks ||
                                                 !m_parsed.id.isEmpty()))))
        m_verdict.expected =
            WebhookSigner::headerValue(m_scheme, m_secrets.first().secret, m_parsed.id,
                                       m_parsed.timestamp.value_or(0), m_body);
    if (m_parsed.timestamp) {
        // Saturating, so no injected "now" can overflow; the timestamp has at most 18 digits.
        qint64 skew = 0;
        if (qSubOverflow(nowSeconds, *m_parsed.timestamp, &skew))
            skew = std::numeric_limits<qint64>::min() + 1;
        m_verdict.skewSeconds = qMax(skew, std::numeric_limits<qint64>::min() + 1);
    }
    if (!parsed)
        return m_verdict;

    QString header;
    if (timestamped) {
        const qint64 skew = *m_verdict.skewSeconds;
        if (skew > toleranceSeconds || skew < -toleranceSeconds) {
            const int who = match(m_body, nullptr);
            QString message =
                QStringLiteral("%1 is %2 s in the %3; tolerance is %4 s. Check the sender's clock "
                               "or replay protection.")
                    .arg(m_parsed.timestampWhat)
                    .arg(skew < 0 ? -skew : skew)
                    .arg(skew < 0 ? QStringLiteral("future") : QStringLiteral("past"))
                    .arg(toleranceSeconds);
            if (who >= 0) {
                m_verdict.secretLabel = m_candidates.at(who).label;
                message += QStringLiteral(" The signature itself is valid (secret %1).")
                               .arg(m_verdict.secretLabel);
            } else {
                message += QStringLiteral(" The signature does not match any secret either.");
            }
            settle(Outcome::TimestampOutOfTolerance, m_parsed.timestampHeader, message);
            return m_verdict;
        }
    }

    const int who = match(m_body, &header);
    if (who >= 0) {
        m_verdict.secretLabel = m_candidates.at(who).label;
        // Concatenated rather than arg(): this is every verified request's message.
        settle(Outcome::Verified, header,
               QStringLiteral("Verified with the secret ") + m_verdict.secretLabel +
                   QStringLiteral(" (header ") + header + QStringLiteral(")."));
        return m_verdict;
    }

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(m_body, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull()) {
        // Whitespace removed in place (key order kept), then Qt's compact and indented forms
        // (keys sorted), with and without the indented form's final newline.
        const QByteArray indented = doc.toJson(QJsonDocument::Indented);
        const QByteArray forms[] = {stripJsonWhitespace(m_body), doc.toJson(QJsonDocument::Compact),
                                    indented,
                                    indented.endsWith('\n') ? indented.chopped(1) : indented};
        for (qsizetype f = 0; f < qsizetype(std::size(forms)); ++f) {
            const QByteArray &form = forms[f];
            if (form == m_body || std::find(forms, forms + f, form) != forms + f)
                continue;
            const int reencoded = match(form, &header);
            if (reencoded >= 0) {
                m_verdict.secretLabel = m_candidates.at(reencoded).label;
                settle(
                    Outcome::BodyReencoded, header,
                    QStringLiteral("The body was re-encoded (whitespace/key order changed) before "
                                   "verification; verify the raw bytes as received. (With the "
                                   "secret %1, the signature matches a re-serialized form of "
                                   "this body.)")
                        .arg(m_verdict.secretLabel));
                return m_verdict;
            }
        }
    }

    const QString received = m_parsed.signatures.size() == 1 ? QStringLiteral("the received value")
                                                             : QStringLiteral("any received value");
    const QString message =
        m_candidates.size() == 1
            ? QStringLiteral("Signature mismatch: the secret %1 did not produce %2. Is the "
                             "receiver using the current secret?")
                  .arg(m_candidates.first().label, received)
            : QStringLiteral("Signature mismatch: none of %1 secrets (%2) produced %3. Is the "
                             "receiver using the current secret?")
                  .arg(m_candidates.size())
                  .arg(labels(), received);
    settle(Outcome::SignatureMismatch, m_parsed.signatures.first().header,
           message + otherSchemeHint());
    return m_verdict;
}

} // namespace

VerificationSecret VerificationSecret::fromSigningKey(const SigningKey &key)
{
    const QString prefix =
        key.prefix.isEmpty() ? SecretVault::secretPrefix(key.secret) : key.prefix;
    return {key.secret,
            prefix + kEllipsis +
                (key.expiresAtMs ? QStringLiteral(" (previous)") : QStringLiteral(" (current)"))};
}

QList<VerificationSecret> VerificationSecret::fromSigningKeys(const QList<SigningKey> &keys)
{
    QList<VerificationSecret> out;
    out.reserve(keys.size());
    for (const SigningKey &k : keys)
        out << fromSigningKey(k);
    return out;
}

QString Verdict::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Verified:
        return QStringLiteral("verified");
    case Outcome::HeaderMissing:
        return QStringLiteral("header_missing");
    case Outcome::HeaderMalformed:
        return QStringLiteral("header_malformed");
    case Outcome::TimestampOutOfTolerance:
        return QStringLiteral("timestamp_out_of_tolerance");
    case Outcome::SignatureMismatch:
        return QStringLiteral("signature_mismatch");
    case Outcome::BodyReencoded:
        return QStringLiteral("body_reencoded");
    case Outcome::NoSecrets:
        return QStringLiteral("no_secrets");
    case Outcome::NotChecked:
        return QStringLiteral("not_checked");
    }
    return {};
}

VerificationKeys VerificationKeys::prepare(SignatureScheme scheme,
                                           const QList<VerificationSecret> &secrets)
{
    VerificationKeys prepared;
    prepared.scheme = scheme;
    prepared.secrets = secrets;
    if (scheme == SignatureScheme::None)
        return prepared;
    prepared.candidates.reserve(secrets.size());
    for (const VerificationSecret &s : secrets) {
        Candidate c;
        c.label = s.label.isEmpty() ? SecretVault::secretPrefix(s.secret) + kEllipsis : s.label;
        c.keys << WebhookSigner::hmacKey(scheme, s.secret);
        if (scheme == SignatureScheme::StandardWebhooks &&
            !s.secret.startsWith(QLatin1String("whsec_"))) {
            // Pasted without its prefix: the Standard Webhooks libraries would decode it.
            auto decoded = QByteArray::fromBase64Encoding(s.secret.toUtf8(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (decoded && !decoded.decoded.isEmpty() && decoded.decoded != c.keys.first())
                c.keys << decoded.decoded;
        }
        prepared.candidates << c;
    }
    return prepared;
}

Verdict SignatureVerifier::verify(SignatureScheme scheme, const QList<VerificationSecret> &secrets,
                                  const RawHeaderList &headers, const QByteArray &body,
                                  qint64 nowSeconds, qint64 toleranceSeconds, bool computeExpected)
{
    return verify(VerificationKeys::prepare(scheme, secrets), headers, body, nowSeconds,
                  toleranceSeconds, computeExpected);
}

Verdict SignatureVerifier::verify(const VerificationKeys &keys, const RawHeaderList &headers,
                                  const QByteArray &body, qint64 nowSeconds,
                                  qint64 toleranceSeconds, bool computeExpected)
{
    return Check(keys, headers, body, computeExpected)
        .run(nowSeconds, qMax<qint64>(0, toleranceSeconds));
}

} // namespace hookline
