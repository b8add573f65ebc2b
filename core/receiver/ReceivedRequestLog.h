#pragma once

#include "Result.h"
#include "receiver/ReceivedRequest.h"

#include <QList>
#include <QString>

#include <optional>

namespace hookline {

class Database;

// A receiver id the database has requests of (received_requests.receiver_id).
struct RecordedReceiver {
    QString id;
    qint64 requests = 0;
    qint64 lastReceivedAtMs = 0;
};

// Reads back what RequestRecorder wrote, so a receiver started again (or picked from the list
// of earlier ones) shows its earlier requests. Any thread (each uses its own connection); the GUI
// calls it from a worker.
//
// What comes back is what was stored: credentials redacted, the verdict as it was given (its
// expected value only if it was revealed then), no wire size or TLS flag (size is the body's).
// `sequence` is 0: the rows belong to no running receiver's count.
class ReceivedRequestLog {
public:
    // The newest `limit` requests of `receiverId`, newest first.
    static Result<QList<ReceivedRequest>> latest(const Database &database,
                                                 const QString &receiverId, int limit);
    // Receiver ids with requests, the most recently used first.
    static Result<QList<RecordedReceiver>> receivers(const Database &database, int limit);

    // The inverse of Verdict::outcomeName(); nullopt for a name it never writes.
    static std::optional<Verdict::Outcome> outcomeFromName(const QString &name);
    // The verdict_detail column (ReceivedRequest::verdictDetailJson) back into a verdict and the
    // scheme it is about.
    static Verdict verdictFromDetail(const QString &detailJson,
                                     std::optional<SignatureScheme> *scheme = nullptr);
};

} // namespace hookline
