#pragma once

#include "receiver/VerdictStyle.h"

#include <QByteArray>
#include <QSortFilterProxyModel>
#include <QString>

#include <optional>

namespace hookline {

class ReceivedRequestsModel;
struct ReceivedRequest;

// Narrows a ReceivedRequestsModel to the requests a person is looking for: words that must all
// appear (case-insensitively, ASCII) in the method, path and query, status, verdict, sender
// address, a header name or value, or the body; and optionally one kind of verdict. Rows that
// arrive live are tested as they are inserted, so the list keeps up while a filter is set.
class ReceivedRequestsFilter final : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ReceivedRequestsFilter(QObject *parent = nullptr);

    // Accepts only a ReceivedRequestsModel (or nullptr).
    void setRequestsModel(ReceivedRequestsModel *model);
    ReceivedRequestsModel *requestsModel() const { return m_requests; }

    void setText(const QString &text);
    QString text() const { return m_text; }
    // std::nullopt: every verdict.
    void setKind(std::optional<VerdictStyle::Kind> kind);
    std::optional<VerdictStyle::Kind> kind() const { return m_kind; }
    bool isActive() const { return !m_words.isEmpty() || m_kind.has_value(); }

    // The request behind a row of this model, or nullptr.
    const ReceivedRequest *requestAt(int row) const;
    bool matches(const ReceivedRequest &request) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ReceivedRequestsModel *m_requests = nullptr;
    QString m_text;
    QList<QByteArray> m_words; // lower-case UTF-8
    std::optional<VerdictStyle::Kind> m_kind;
};

} // namespace hookline
