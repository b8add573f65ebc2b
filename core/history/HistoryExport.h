#pragma once

#include "Result.h"
#include "history/DeliveryHistory.h"

#include <QJsonObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace hookline {

class Database;

enum class ExportFormat { JsonLines, Har };
QString exportFormatName(ExportFormat format); // "jsonl", "har"
std::optional<ExportFormat> exportFormatFromName(const QString &name);

struct ExportOptions {
    ExportFormat format = ExportFormat::JsonLines;
    // Export exactly these deliveries (a selection), in this order, instead of the filter.
    QStringList deliveryIds;
    // Signature header values as sent; credentials are never exported.
    bool includeSignatures = false;
    int pageSize = 500;
    // Checked between pages; a cancelled export leaves the output incomplete (HAR unclosed):
    // write to a QSaveFile and do not commit it.
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(qint64 written)> progress;
};

struct ExportResult {
    qint64 deliveries = 0;
    qint64 entries = 0; // HAR: one per attempt; JSON Lines: one per delivery
    bool cancelled = false;
};

// Writes history to a device as it reads it, a page at a time, so an export of 100,000
// deliveries never sits in memory. Newest first, like the history view.
//
// JSON Lines: one delivery per line with its event payload and attempts (the deliveries document
// of the API, plus attempts). HAR 1.2: one entry per attempt (request as sent, response as
// received, timings); deliveries never attempted have no entry. Both redact credentials and,
// unless asked, signature values.
class HistoryExport {
public:
    explicit HistoryExport(std::shared_ptr<Database> db);

    Result<ExportResult> write(const DeliveryFilter &filter, QIODevice *device,
                               const ExportOptions &options = {}) const;

    // One delivery as a JSON Lines record (also what `deliveries show --json` prints).
    static QJsonObject deliveryJson(const DeliveryDetail &detail);
    // The API's list item: id, event, status, response_status, latency_ms, attempt,
    // delivered_at and the rest of the row.
    static QJsonObject rowJson(const DeliveryRow &row);
    // HAR entries of one delivery, one per attempt.
    static QList<QJsonObject> harEntries(const DeliveryDetail &detail);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace hookline
