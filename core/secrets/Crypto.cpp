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

namespace {

using MacCtx = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;

// Fetched once: EVP_Q_mac looks HMAC and SHA-256 up in the provider on every call, and so does
// EVP_MAC_init given the digest by name; that cost more than the MAC of a 1 KB body. A fetched
// EVP_MAC is immutable and may be shared by threads.
EVP_MAC *hmacAlgorithm()
{
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac)
        qFatal("OpenSSL has no HMAC");
    return mac;
}

// An HMAC-SHA256 context keyed with `key` (or, with a null key, ready for one).
MacCtx newHmacSha256(const QByteArray *key)
{
    MacCtx ctx(EVP_MAC_CTX_new(hmacAlgorithm()), &EVP_MAC_CTX_free);
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_END};
    // An empty key is legal for HMAC, but OpenSSL wants a non-null pointer.
    static const unsigned char empty = 0;
    const bool ok = ctx && (key ? EVP_MAC_init(ctx.get(), key->isEmpty() ? &empty : u(*key),
                                               size_t(key->size()), params)
                                : EVP_MAC_CTX_set_params(ctx.get(), params));
    if (!ok)
        qFatal("OpenSSL HMAC-SHA256 failed");
    return ctx;
}

QByteArray finishMac(EVP_MAC_CTX *ctx, const QByteArray &data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t len = 0;
    if (!EVP_MAC_update(ctx, u(data), size_t(data.size())) ||
        !EVP_MAC_final(ctx, u(out), &len, size_t(out.size())))
        qFatal("OpenSSL HMAC-SHA256 failed");
    out.truncate(qsizetype(len));
    return out;
}

// One cached key: its own copy of the key bytes (never shared with the caller's buffer, so
// wiping it here wipes the only copy this cache made) and the keyed context.
struct KeyedMac {
    QByteArray key;
    MacCtx ctx{nullptr, &EVP_MAC_CTX_free};

    explicit KeyedMac(const QByteArray &k)
        : key(k.constData(), k.size())
        , ctx(newHmacSha256(&key))
    {}
    KeyedMac(KeyedMac &&) noexcept = default;
    KeyedMac &operator=(KeyedMac &&other) noexcept
    {
        if (this != &other) {
            wipe();
            key = std::move(other.key);
            ctx = std::move(other.ctx); // frees (and so cleanses) the previous context
        }
        return *this;
    }
    ~KeyedMac() { wipe(); } // EVP_MAC_CTX_free cleanses the keyed state

    void wipe()
    {
        if (!key.isEmpty())
            OPENSSL_cleanse(key.data(), size_t(key.size()));
        key = QByteArray();
    }
};

} // namespace

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    // Each thread copies a context with the algorithm and digest already set.
    thread_local const MacCtx prototype = newHmacSha256(nullptr);
    const MacCtx ctx(EVP_MAC_CTX_dup(prototype.get()), &EVP_MAC_CTX_free);
    static const unsigned char empty = 0;
    if (!ctx ||
        !EVP_MAC_init(ctx.get(), key.isEmpty() ? &empty : u(key), size_t(key.size()), nullptr))
        qFatal("OpenSSL HMAC-SHA256 failed");
    return finishMac(ctx.get(), data);
}

QByteArray hmacSha256WithKeyCache(const QByteArray &key, const QByteArray &data)
{
    constexpr size_t MaxKeys = 8;
    thread_local std::vector<KeyedMac> recent; // least recently used first
    auto it =
        std::find_if(recent.begin(), recent.end(), [&](const KeyedMac &k) { return k.key == key; });
    if (it == recent.end()) {
        if (recent.size() >= MaxKeys)
            recent.erase(recent.begin());
        recent.emplace_back(key);
    } else {
        std::rotate(it, it + 1, recent.end()); // now the most recently used
        // Without a key, HMAC restarts from the keyed state.
        if (!EVP_MAC_init(recent.back().ctx.get(), nullptr, 0, nullptr))
            qFatal("OpenSSL HMAC-SHA256 failed");
    }
    return finishMac(recent.back().ctx.get(), data);
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
