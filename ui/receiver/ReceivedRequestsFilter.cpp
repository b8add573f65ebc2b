#include "ReceivedRequestsFilter.h"

#include "receiver/ReceivedRequest.h"
#include "receiver/ReceivedRequestsModel.h"

#include <algorithm>

namespace hookline {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

// `word` is lower-case already; bytes past ASCII compare exactly.
bool containsWord(QByteArrayView haystack, const QByteArray &word)
{
    if (word.size() > haystack.size())
        return false;
    const auto found = std::search(haystack.begin(), haystack.end(), word.begin(), word.end(),
                                   [](char a, char b) { return asciiLower(a) == b; });
    return found != haystack.end();
}

bool containsWord(const QString &text, const QByteArray &word)
{
    return containsWord(QByteArrayView(text.toUtf8()), word);
}

} // namespace

ReceivedRequestsFilter::ReceivedRequestsFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Live rows are tested as they come in; nothing is ever sorted (the source is newest first).
    setDynamicSortFilter(true);
}

void ReceivedRequestsFilter::setRequestsModel(ReceivedRequestsModel *model)
{
    m_requests = model;
    setSourceModel(model);
}

void ReceivedRequestsFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    QList<QByteArray> words;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QByteArray utf8 = word.toUtf8();
        std::transform(utf8.begin(), utf8.end(), utf8.begin(), asciiLower);
        words.append(utf8);
    }
    m_words = words;
    invalidateFilter();
}

void ReceivedRequestsFilter::setKind(std::optional<VerdictStyle::Kind> kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateFilter();
}

const ReceivedRequest *ReceivedRequestsFilter::requestAt(int row) const
{
    if (!m_requests)
        return nullptr;
    const QModelIndex source = mapToSource(index(row, 0));
    return source.isValid() ? m_requests->requestAt(source.row()) : nullptr;
}

bool ReceivedRequestsFilter::matches(const ReceivedRequest &r) const
{
    if (m_kind && VerdictStyle::kind(r.verdict.outcome) != *m_kind)
        return false;
    for (const QByteArray &word : m_words) {
        if (containsWord(QByteArrayView(r.method), word) ||
            containsWord(QByteArrayView(r.path), word) ||
            (r.hasQuery && containsWord(QByteArrayView(r.query), word)) ||
            (r.responseStatus > 0 &&
             containsWord(QByteArrayView(QByteArray::number(r.responseStatus)), word)) ||
            containsWord(VerdictStyle::text(r.verdict), word) ||
            containsWord(QByteArrayView(r.remoteUtf8()), word))
            continue;
        const bool inHeaders =
            std::any_of(r.headers.cbegin(), r.headers.cend(), [&word](const HttpHeader &h) {
                return containsWord(QByteArrayView(h.name), word) ||
                       containsWord(QByteArrayView(h.value), word);
            });
        if (inHeaders || containsWord(QByteArrayView(r.body), word))
            continue;
        return false;
    }
    return true;
}

bool ReceivedRequestsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!isActive())
        return true;
    const ReceivedRequest *request = m_requests ? m_requests->requestAt(sourceRow) : nullptr;
    return request && matches(*request);
}

} // namespace hookline
