#include "Result.h"

namespace hookline {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return QStringLiteral("OK");
    case ErrorCode::MissingFields:
        return QStringLiteral("MISSING_FIELDS");
    case ErrorCode::InvalidName:
        return QStringLiteral("INVALID_NAME");
    case ErrorCode::InvalidUrl:
        return QStringLiteral("INVALID_URL");
    case ErrorCode::InvalidEvents:
        return QStringLiteral("INVALID_EVENTS");
    case ErrorCode::LimitExceeded:
        return QStringLiteral("LIMIT_EXCEEDED");
    case ErrorCode::InvalidTimeout:
        return QStringLiteral("INVALID_TIMEOUT");
    case ErrorCode::InvalidRetryAttempts:
        return QStringLiteral("INVALID_RETRY_ATTEMPTS");
    case ErrorCode::InvalidHeader:
        return QStringLiteral("INVALID_HEADER");
    case ErrorCode::InvalidAuth:
        return QStringLiteral("INVALID_AUTH");
    case ErrorCode::InvalidSecret:
        return QStringLiteral("INVALID_SECRET");
    case ErrorCode::InvalidScheme:
        return QStringLiteral("INVALID_SCHEME");
    case ErrorCode::InvalidSystemId:
        return QStringLiteral("INVALID_SYSTEM_ID");
    case ErrorCode::InvalidDescription:
        return QStringLiteral("INVALID_DESCRIPTION");
    case ErrorCode::InvalidEventType:
        return QStringLiteral("INVALID_EVENT_TYPE");
    case ErrorCode::InvalidArgument:
        return QStringLiteral("INVALID_ARGUMENT");
    case ErrorCode::NotFound:
        return QStringLiteral("NOT_FOUND");
    case ErrorCode::Conflict:
        return QStringLiteral("CONFLICT");
    case ErrorCode::KeyUnavailable:
        return QStringLiteral("KEY_UNAVAILABLE");
    case ErrorCode::StorageError:
        return QStringLiteral("STORAGE_ERROR");
    }
    return QStringLiteral("UNKNOWN");
}

QString Error::toString() const
{
    if (field.isEmpty())
        return codeName() + QStringLiteral(": ") + message;
    return codeName() + QStringLiteral(": ") + field + QStringLiteral(": ") + message;
}

bool Error::isValidationError() const
{
    switch (code) {
    case ErrorCode::None:
    case ErrorCode::NotFound:
    case ErrorCode::KeyUnavailable:
    case ErrorCode::StorageError:
        return false;
    default:
        return true;
    }
}

} // namespace hookline
