#include "HeaderRedaction.h"

#include "signing/WebhookSigner.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace hookline {

bool HeaderRedaction::isSignatureHeader(const QByteArray &name)
{
    using namespace signing_headers;
    for (const char *signature : {XWebhookSignature, XWebhookSignaturePrevious, WebhookSignature,
                                  HubSignature256, HubSignature256Previous, StripeSignature})
        if (name.compare(signature, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

namespace {

bool namesCredential(const QByteArray &name)
{
    // The standard ones, cookies, and the names people give API keys and tokens (X-Api-Key,
    // X-Auth-Token, X-Client-Secret, ...): an api_key or custom_header webhook sends its
    // credential under a name of the user's choosing.
    const QByteArray lower = name.toLower();
    const std::string_view n(lower.constData(), size_t(lower.size()));
    if (n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "set-cookie")
        return true;
    for (const std::string_view part : {"auth", "token", "secret", "password", "passwd", "api-key",
                                        "apikey", "api_key", "session"})
        if (n.find(part) != std::string_view::npos)
            return true;
    return false;
}

} // namespace

bool HeaderRedaction::isCredentialHeader(const QByteArray &name)
{
    // Asked for every header of every received request, where the same few names come back
    // again and again: remembered per thread in a small direct-mapped table. Its slot comes from
    // the length and three bytes, not from qHash (SipHash where Qt is built for baseline x86-64,
    // which cost more than the recorder's own JSON writing); a name that maps to a taken slot
    // replaces it, so random names cannot grow it.
    struct Slot {
        QByteArray name;
        bool credential = false;
    };
    constexpr size_t Slots = 64;
    thread_local std::array<Slot, Slots> remembered;
    const qsizetype n = name.size();
    if (n == 0)
        return false;
    const auto byte = [&](qsizetype i) { return size_t(uchar(name.at(i)) | 0x20); };
    Slot &slot = remembered[(size_t(n) * 7 + byte(0) * 31 + byte(n / 2) * 3 + byte(n - 1)) % Slots];
    if (slot.name == name)
        return slot.credential;
    slot.credential = namesCredential(name);
    slot.name = name;
    return slot.credential;
}

HttpHeaders HeaderRedaction::redactCredentials(const HttpHeaders &headers)
{
    // Shared, not copied, when there is nothing to redact (almost always).
    const bool any = std::any_of(headers.cbegin(), headers.cend(),
                                 [](const HttpHeader &h) { return isCredentialHeader(h.name); });
    if (!any)
        return headers;
    HttpHeaders out = headers;
    for (HttpHeader &h : out)
        if (isCredentialHeader(h.name))
            h.value = redactedCredential(h.value);
    return out;
}

bool HeaderRedaction::isRedacted(const QByteArray &value)
{
    return value.contains(Placeholder);
}

QByteArray HeaderRedaction::redactedCredential(const QByteArray &value)
{
    if (isRedacted(value))
        return value;
    const qsizetype space = value.indexOf(' ');
    // "Bearer xyz" → "Bearer [redacted]": the scheme helps reading and is not secret.
    if (space > 0 && space < 20)
        return value.left(space + 1) + Placeholder;
    return Placeholder;
}

HeaderPairs HeaderRedaction::redact(const HeaderPairs &headers, bool revealSignatures)
{
    HeaderPairs out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        if (isCredentialHeader(name))
            out.append({name, redactedCredential(value)});
        else if (!revealSignatures && isSignatureHeader(name))
            out.append({name, Placeholder});
        else
            out.append({name, value});
    }
    return out;
}

} // namespace hookline
