#include "Crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <QtGlobal>

#include <algorithm>
#include <memory>
#include <vector>

namespace hookline::crypto {

namespace {
struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

unsigned char *u(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}
const unsigned char *u(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}
} // namespace

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(u(out), count) != 1)
        qFatal("OpenSSL RAND_bytes failed: refusing to continue without a working CSPRNG");
    return out;
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    // EVP_Q_mac fetches HMAC and SHA-256 from the provider on every call, and so does
    // EVP_MAC_init given the digest by name; that, and hashing the key into the inner and
    // outer pads, cost more than the MAC of a 1 KB body (the receiver computes one per request,
    // nearly always with the same few keys). So each thread keeps a context per recent key,
    // keyed once; re-initialising it without a key restarts from the keyed state.
    using MacCtx = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;
    struct Keyed {
        QByteArray key;
        MacCtx ctx{nullptr, &EVP_MAC_CTX_free};
    };
    constexpr size_t MaxKeys = 8;
    thread_local std::vector<Keyed> recent;                              // most recently used last
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr); // shared, immutable
    if (!mac)
        qFatal("OpenSSL has no HMAC");

    auto it =
        std::find_if(recent.begin(), recent.end(), [&](const Keyed &k) { return k.key == key; });
    if (it == recent.end()) {
        Keyed entry{key, MacCtx(EVP_MAC_CTX_new(mac), &EVP_MAC_CTX_free)};
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
        // An empty key is legal for HMAC, but OpenSSL wants a non-null pointer.
        static const unsigned char empty = 0;
        const unsigned char *k = key.isEmpty() ? &empty : u(key);
        if (!entry.ctx || !EVP_MAC_init(entry.ctx.get(), k, size_t(key.size()), params))
            qFatal("OpenSSL HMAC-SHA256 failed");
        if (recent.size() >= MaxKeys)
            recent.erase(recent.begin()); // EVP_MAC_CTX_free cleanses the keyed state
        recent.push_back(std::move(entry));
        it = recent.end() - 1;
    } else if (!EVP_MAC_init(it->ctx.get(), nullptr, 0, nullptr)) {
        qFatal("OpenSSL HMAC-SHA256 failed");
    }
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t len = 0;
    if (!EVP_MAC_update(it->ctx.get(), u(data), size_t(data.size())) ||
        !EVP_MAC_final(it->ctx.get(), u(out), &len, size_t(out.size())))
        qFatal("OpenSSL HMAC-SHA256 failed");
    out.truncate(qsizetype(len));
    return out;
}

QByteArray sha256(const QByteArray &data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int len = 0;
    if (!EVP_Digest(data.constData(), size_t(data.size()), u(out), &len, EVP_sha256(), nullptr))
        qFatal("OpenSSL SHA-256 failed");
    out.truncate(qsizetype(len));
    return out;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QByteArray aesGcmSeal(const QByteArray &key, const QByteArray &plaintext, const QByteArray &aad)
{
    Q_ASSERT(key.size() == AesKeySize);
    const QByteArray nonce = randomBytes(GcmNonceSize);
    QByteArray cipher(plaintext.size(), Qt::Uninitialized);
    QByteArray tag(GcmTagSize, Qt::Uninitialized);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    bool ok = ctx &&
              EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, GcmNonceSize, nullptr) == 1 &&
              EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, u(key), u(nonce)) == 1;
    if (ok && !aad.isEmpty())
        ok = EVP_EncryptUpdate(ctx.get(), nullptr, &len, u(aad), int(aad.size())) == 1;
    if (ok && !plaintext.isEmpty())
        ok =
            EVP_EncryptUpdate(ctx.get(), u(cipher), &len, u(plaintext), int(plaintext.size())) == 1;
    ok = ok && EVP_EncryptFinal_ex(ctx.get(), nullptr, &len) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, GcmTagSize, tag.data()) == 1;
    if (!ok)
        qFatal("OpenSSL AES-256-GCM encryption failed");
    QByteArray out;
    out.reserve(nonce.size() + cipher.size() + tag.size());
    out.append(nonce).append(cipher).append(tag);
    return out;
}

std::optional<QByteArray> aesGcmOpen(const QByteArray &key, const QByteArray &blob,
                                     const QByteArray &aad)
{
    if (key.size() != AesKeySize || blob.size() < GcmNonceSize + GcmTagSize)
        return std::nullopt;
    const QByteArray nonce = blob.left(GcmNonceSize);
    const QByteArray cipher = blob.mid(GcmNonceSize, blob.size() - GcmNonceSize - GcmTagSize);
    QByteArray tag = blob.right(GcmTagSize);
    QByteArray plain(cipher.size(), Qt::Uninitialized);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    bool ok = ctx &&
              EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, GcmNonceSize, nullptr) == 1 &&
              EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, u(key), u(nonce)) == 1;
    if (ok && !aad.isEmpty())
        ok = EVP_DecryptUpdate(ctx.get(), nullptr, &len, u(aad), int(aad.size())) == 1;
    if (ok && !cipher.isEmpty())
        ok = EVP_DecryptUpdate(ctx.get(), u(plain), &len, u(cipher), int(cipher.size())) == 1;
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, GcmTagSize, tag.data()) == 1 &&
         EVP_DecryptFinal_ex(ctx.get(), nullptr, &len) == 1;
    if (!ok)
        return std::nullopt;
    return plain;
}

} // namespace hookline::crypto
