#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace hookline {

// Stable error codes. Their string forms (errorCodeName) are part of the CLI contract: scripts
// match on them, so they never change once released.
enum class ErrorCode {
    None,
    MissingFields,
    InvalidName,
    InvalidUrl,
    InvalidEvents,
    LimitExceeded,
    InvalidTimeout,
    InvalidRetryAttempts,
    InvalidHeader,
    InvalidAuth,
    InvalidSecret,
    InvalidScheme,
    InvalidSystemId,
    InvalidDescription,
    InvalidEventType,
    InvalidArgument,
    NotFound,
    Conflict,
    KeyUnavailable,
    StorageError,
};

QString errorCodeName(ErrorCode code);

// What went wrong, for a person: which field, and a message that says how to fix it.
struct Error {
    ErrorCode code = ErrorCode::None;
    QString field;
    QString message;

    QString codeName() const { return errorCodeName(code); }
    // "INVALID_URL: url: URL must use https ..." — the one-line form for logs and stderr.
    QString toString() const;
    // A rule rejected the input (as opposed to storage or key trouble).
    bool isValidationError() const;
};

// The outcome of a synchronous core call: a value, or an Error.
template <typename T> class Result {
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    // By value: `for (auto &x : call().value())` must not refer into a destroyed temporary.
    T value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// A Result without a value.
class Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
    {}

    static Status success() { return {}; }
    bool ok() const { return m_error.code == ErrorCode::None; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
};

} // namespace hookline
