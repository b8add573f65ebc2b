#pragma once

#include <QByteArray>

#include <optional>

namespace hookline {

// The few OpenSSL 3 primitives Hookline needs, behind one small surface.
namespace crypto {

// Bytes from OpenSSL's CSPRNG. Aborts only if the CSPRNG itself fails (it never returns
// predictable bytes instead).
QByteArray randomBytes(int count);
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
// The same MAC, for keys used over and over (a webhook's signing secrets: one MAC per delivery
// or received request). Each thread keeps the keyed state of its 8 most recently used keys, with
// its own copy of each key, wiped when the entry is dropped or the thread ends. Not for keys
// that must not outlive their owner in memory (the vault's data key).
QByteArray hmacSha256WithKeyCache(const QByteArray &key, const QByteArray &data);
QByteArray sha256(const QByteArray &data);
// Compares without leaking the position of the first difference through timing.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

inline constexpr int AesKeySize = 32;
inline constexpr int GcmNonceSize = 12;
inline constexpr int GcmTagSize = 16;

// AES-256-GCM. Output: nonce | ciphertext | tag. `aad` binds the ciphertext to its context.
QByteArray aesGcmSeal(const QByteArray &key, const QByteArray &plaintext, const QByteArray &aad);
// nullopt when the blob was altered, the key is wrong or the aad differs.
std::optional<QByteArray> aesGcmOpen(const QByteArray &key, const QByteArray &blob,
                                     const QByteArray &aad);

} // namespace crypto
} // namespace hookline
