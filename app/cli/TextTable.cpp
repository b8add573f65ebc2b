#include "TextTable.h"

#include <algorithm>

namespace hookline::cli {

namespace {
const QString kSeparator = QStringLiteral("  ");
const QChar kEllipsis(0x2026);
} // namespace

TextTable::TextTable(const QStringList &header)
    : m_header(header)
    , m_maxWidths(header.size(), 0)
    , m_align(header.size(), Align::Left)
{}

void TextTable::setMaxWidth(int column, int width)
{
    if (column >= 0 && column < columnCount())
        m_maxWidths[column] = std::max(0, width);
}

void TextTable::setAlignment(int column, Align align)
{
    if (column >= 0 && column < columnCount())
        m_align[column] = align;
}

void TextTable::addRow(const QStringList &cells)
{
    m_rows.append(cells);
}

QString TextTable::truncate(const QString &text, int width)
{
    if (width <= 0 || text.size() <= width)
        return text;
    if (width == 1)
        return QString(kEllipsis);
    // Do not split a surrogate pair.
    qsizetype keep = width - 1;
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    return text.left(keep) + kEllipsis;
}

QString TextTable::singleLine(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f ||
            (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            c = QLatin1Char(' ');
    }
    return out;
}

QString TextTable::cell(const QStringList &row, int column) const
{
    const QString text = column < row.size() ? singleLine(row.at(column)) : QString();
    return truncate(text, m_maxWidths.at(column));
}

QString TextTable::render() const
{
    const int columns = columnCount();
    if (columns == 0)
        return {};

    QList<QStringList> lines;
    lines.reserve(m_rows.size() + 1);
    QStringList header;
    for (int c = 0; c < columns; ++c)
        header << truncate(singleLine(m_header.at(c)), m_maxWidths.at(c));
    lines << header;
    for (const QStringList &row : m_rows) {
        QStringList cells;
        for (int c = 0; c < columns; ++c)
            cells << cell(row, c);
        lines << cells;
    }

    QList<qsizetype> widths(columns, 0);
    for (const QStringList &line : std::as_const(lines))
        for (int c = 0; c < columns; ++c)
            widths[c] = std::max(widths[c], line.at(c).size());

    QString out;
    for (const QStringList &line : std::as_const(lines)) {
        QString text;
        for (int c = 0; c < columns; ++c) {
            if (c > 0)
                text += kSeparator;
            const QString &value = line.at(c);
            if (m_align.at(c) == Align::Right)
                text += value.rightJustified(widths.at(c), QLatin1Char(' '));
            else
                text += value.leftJustified(widths.at(c), QLatin1Char(' '));
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out += text + QLatin1Char('\n');
    }
    return out;
}

} // namespace hookline::cli
